using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary><c>GET /api/articles?url=...</c>: finds an article by any URL that canonicalizes to its URL.</summary>
public sealed class FindArticle(ArticleReader reader)
{
    /// <summary>Answers the head of the article at the given URL.</summary>
    [Function(nameof(FindArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryUrlQuery(request, "Give the article's URL as ?url=...", out var canonical, out var problem))
        {
            return problem!;
        }

        var head = await reader.FindByUrlAsync(canonical, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return ApiResults.NotFound($"No article is archived at {canonical}.");
        }

        var latest = head.LatestVersion > 0 ? await reader.GetVersionRecordAsync(head.Id, head.LatestVersion, cancellationToken).ConfigureAwait(false) : null;
        return ApiResults.Json(ArticleViews.Head(head, latest));
    }
}
