using Archive.Core.Versions;
using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Pages;

/// <summary><c>GET /articles/{id}/diff?from=&amp;to=</c>: the diff between two versions (the latest change by default).</summary>
public sealed class DiffPage(ArticleReader reader)
{
    /// <summary>Answers the diff page.</summary>
    [Function(nameof(DiffPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles/{id}/diff")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!PageInput.TryArticleId(id, out var articleId, out var error) ||
            !PageInput.TryVersion(request, "from", out var from, out error) ||
            !PageInput.TryVersion(request, "to", out var to, out error))
        {
            return error!;
        }

        var head = await reader.GetHeadAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return PageInput.ArticleNotFound(articleId);
        }

        var newer = to ?? head.LatestVersion;
        var older = from ?? Math.Max(1, newer - 1);
        var diff = await reader.DiffAsync(articleId, older, newer, cancellationToken).ConfigureAwait(false);
        return diff is null
            ? PageResult.Error(StatusCodes.Status404NotFound, ErrorText.NotFound, $"Article {articleId.Value} has no version {older} or no version {newer}.")
            : new PageResult(DiffView.Render(head, diff, head.LatestVersion));
    }
}
