using Archive.Core.Export;
using Archive.Core.Versions;
using Archive.Functions.Articles;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Export;

/// <summary>
/// <c>GET /api/articles/{id}/warc</c>: every version of an article as a gzipped WARC 1.1 file; <c>?format=cdxj</c>
/// answers the CDXJ index of that same file instead, <c>?format=wacz</c> a WACZ package of both. The WARC and the WACZ
/// are downloads with a length and byte ranges (<see cref="FileDownloadResult"/>); <c>HEAD</c> answers their headers.
/// </summary>
public sealed class ExportWarc(ArticleReader reader, WarcExporter exporter, WaczPackager wacz)
{
    /// <summary>Answers the WARC, or its index.</summary>
    [Function(nameof(ExportWarc))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/articles/{id}/warc")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem))
        {
            return problem!;
        }

        string format = request.Query["format"].ToString() is { Length: > 0 } f ? f : "warc";
        if (format is not ("warc" or "cdxj" or "wacz"))
        {
            return ApiResults.BadRequest($"'{format}' is not a format of this export: use warc (the default), cdxj or wacz.");
        }

        var head = await reader.GetHeadAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (head is null || head.LatestVersion == 0)
        {
            return ApiResults.NotFound(head is null ? $"There is no article {articleId}." : $"Article {articleId} has no version yet.");
        }

        var fileName = $"{articleId}.warc.gz";
        var ids = new[] { articleId }.ToAsyncEnumerable();
        var dated = head.LastCheckedAt ?? head.SubmittedAt;
        if (format == "cdxj")
        {
            // The index needs each record's offset and length: write the WARC into nothing, keep the positions.
            var result = await exporter.ExportAsync(ids, Stream.Null, fileName, dated, cancellationToken).ConfigureAwait(false);
            var text = new StringWriter();
            await CdxjIndex.WriteAsync(result.Index, text, cancellationToken).ConfigureAwait(false);
            return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = CdxjIndex.MediaType + "; charset=utf-8", Content = text.ToString() };
        }

        // Built whole before the first byte is sent: the answer has its length, a range of it can be served, and a
        // failure (an original that no longer hashes to its name) is answered as an error, not a file cut short.
        var download = format == "wacz"
            ? await SpooledFile.CreateAsync((body, ct) => wacz.WriteAsync(ids, body, $"Archive: {head.Url}", dated, ct), cancellationToken).ConfigureAwait(false)
            : await SpooledFile.CreateAsync((body, ct) => exporter.ExportAsync(ids, body, fileName, dated, ct), cancellationToken).ConfigureAwait(false);
        request.HttpContext.Response.RegisterForDisposeAsync(download);
        return format == "wacz"
            ? new FileDownloadResult(download, WaczPackager.MediaType, $"{articleId}.wacz")
            : new FileDownloadResult(download, WarcExporter.MediaType, fileName);
    }
}
