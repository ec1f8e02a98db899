using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Archive.Functions.Http;

/// <summary>
/// Answers a spooled file as a download: <c>Content-Length</c>, <c>Accept-Ranges: bytes</c>, a strong <c>ETag</c>, and
/// <c>206 Partial Content</c> (with <c>Content-Range</c>) for a single byte range, <c>416</c> (with
/// <c>Content-Range: bytes */LENGTH</c>) for a range past the end, the whole file for a Range header it ignores.
/// Disposes the file when the answer is written.
/// </summary>
/// <param name="file">The file; this result owns it.</param>
/// <param name="contentType">The media type of the file.</param>
/// <param name="fileName">Offered as the download's file name.</param>
public sealed class FileDownloadResult(SpooledFile file, string contentType, string fileName) : IActionResult
{
    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using (file.ConfigureAwait(false))
        {
            var request = context.HttpContext.Request;
            var response = context.HttpContext.Response;
            var length = file.Length;
            var answer = ByteRanges.Evaluate(request.Headers.Range.ToString(), request.Headers.IfRange.ToString(), length, file.ETag);
            response.Headers.AcceptRanges = "bytes";
            response.Headers.ETag = file.ETag;
            if (answer.Outcome == RangeOutcome.Unsatisfiable)
            {
                response.Headers.ContentRange = ByteRanges.ContentRange(answer, length);
                await ApiResults.Problem(
                    StatusCodes.Status416RangeNotSatisfiable,
                    "The range is not satisfiable.",
                    $"The file is {length} bytes long; the range '{request.Headers.Range}' starts at or after its end.",
                    "/problems/range-not-satisfiable").ExecuteResultAsync(context).ConfigureAwait(false);
                return;
            }

            response.StatusCode = answer.Outcome == RangeOutcome.Partial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = answer.Length;
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            if (answer.Outcome == RangeOutcome.Partial)
            {
                response.Headers.ContentRange = ByteRanges.ContentRange(answer, length);
            }

            if (!HttpMethods.IsHead(request.Method))
            {
                await file.CopyToAsync(response.Body, answer.Start, answer.Length, context.HttpContext.RequestAborted).ConfigureAwait(false);
            }
        }
    }
}
