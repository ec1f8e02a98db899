using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary><c>GET /api/articles/{id}</c>: the article's head, status, latest version and its metadata.</summary>
public sealed class GetArticle(ArticleReader reader)
{
    /// <summary>Answers the head of an article.</summary>
    [Function(nameof(GetArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (head, problem) = await RouteValues.FindHeadAsync(reader, id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return problem!;
        }

        var articleId = head.Id;

        var latest = head.LatestVersion > 0 ? (await reader.GetVersionAsync(articleId, head.LatestVersion, cancellationToken).ConfigureAwait(false))?.Version : null;
        return ApiResults.Json(ArticleViews.Head(head, latest));
    }
}
