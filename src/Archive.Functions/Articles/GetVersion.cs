using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary><c>GET /api/articles/{id}/versions/{n}</c>: one version's hashes, evidence, metadata and clean text.</summary>
public sealed class GetVersion(ArticleReader reader)
{
    /// <summary>Answers one version.</summary>
    [Function(nameof(GetVersion))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/versions/{n}")] HttpRequest request,
        string id,
        string n,
        CancellationToken cancellationToken)
    {
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem) || !RouteValues.TryVersionNumber(n, out var number, out problem))
        {
            return problem!;
        }

        var found = await reader.GetVersionAsync(articleId, number, cancellationToken).ConfigureAwait(false);
        return found is null
            ? ApiResults.NotFound($"Article {articleId} has no version {number}.")
            : ApiResults.Json(ArticleViews.Version(found.Version, found.Text));
    }
}
