using Archive.Core.Provenance;
using Archive.Functions.Articles;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Provenance;

/// <summary>
/// <c>GET /api/articles/{id}/versions/{n}/evidence</c>: the version's evidence bundle (<c>archive.evidence/1</c>), to check
/// offline with <c>archive verify --bundle</c>. A version not anchored yet gets a bundle that says so.
/// </summary>
public sealed class GetEvidence(EvidenceService evidence)
{
    /// <summary>Answers the bundle.</summary>
    [Function(nameof(GetEvidence))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/versions/{n}/evidence")] HttpRequest request,
        string id,
        string n,
        CancellationToken cancellationToken)
    {
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem) || !RouteValues.TryVersionNumber(n, out var number, out problem))
        {
            return problem!;
        }

        var bundle = await evidence.GetBundleAsync(articleId, number, cancellationToken).ConfigureAwait(false);
        return bundle is null
            ? ApiResults.NotFound($"Article {articleId} has no version {number}.")
            : ApiResults.Json(bundle);
    }
}
