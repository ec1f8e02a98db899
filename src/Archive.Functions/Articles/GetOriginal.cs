using System.Net.Http.Headers;
using Archive.Core.Versions;
using Archive.Functions.Http;
using Archive.Functions.Memento;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary>
/// <c>GET /api/articles/{id}/versions/{n}/original</c>: the original bytes, byte for byte, with their original content
/// type. Archived pages are hostile: they are served sandboxed and never sniffed, so they cannot run in our origin.
/// Each answer is a Memento (RFC 7089): it carries its <c>Memento-Datetime</c> and links to its TimeGate and TimeMap.
/// </summary>
public sealed class GetOriginal(ArticleReader reader)
{
    /// <summary>Answers the original bytes of a version.</summary>
    [Function(nameof(GetOriginal))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/versions/{n}/original")] HttpRequest request,
        string id,
        string n,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem) || !RouteValues.TryVersionNumber(n, out var number, out problem))
        {
            return problem!;
        }

        var found = await reader.OpenOriginalAsync(articleId, number, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return ApiResults.NotFound($"Article {articleId} has no version {number}.");
        }

        var (version, original) = found.Value;
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'";
        headers.XContentTypeOptions = "nosniff";
        headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(version.Record.OriginalSha256))}:";
        headers["X-Archive-Sha256"] = version.Record.OriginalSha256;
        headers.ETag = $"\"{version.Record.OriginalSha256}\"";
        headers.CacheControl = "public, max-age=31536000, immutable";
        MementoRequests.AddMementoHeaders(request, articleId, version);
        var contentType = MediaTypeHeaderValue.TryParse(original.ContentType, out _) ? original.ContentType! : "application/octet-stream";
        return new FileStreamResult(original.Content, contentType);
    }
}
