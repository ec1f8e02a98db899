using Archive.Core.Verification;
using Archive.Functions.Articles;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Verification;

/// <summary>
/// <c>GET /api/articles/{id}/chain</c>: checks the article's whole hash chain (and, with <c>?content=true</c>, re-hashes
/// every original and text). Answers 200 with <c>valid: true</c>, or 409 with what is broken.
/// </summary>
public sealed class VerifyChain(ChainVerifier verifier)
{
    /// <summary>Answers the chain report.</summary>
    [Function(nameof(VerifyChain))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/chain")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem))
        {
            return problem!;
        }

        var content = request.Query["content"].ToString();
        if (content is not ("" or "true" or "false"))
        {
            return ApiResults.BadRequest("content must be true or false.");
        }

        var report = await verifier.VerifyAsync(articleId, content == "true", cancellationToken).ConfigureAwait(false);
        return report is null
            ? ApiResults.ArticleNotFound(articleId)
            : ApiResults.Json(report, report.Valid ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
    }
}
