using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Archive.Functions.Http;

/// <summary>
/// An answer written straight to the response body as it is produced, for bodies too large to hold (WARC exports).
/// Everything that can fail as bad input must be checked before it is returned: once writing starts, the status is sent.
/// </summary>
/// <param name="contentType">The media type of the body.</param>
/// <param name="fileName">Offered as the download's file name.</param>
/// <param name="write">Writes the body.</param>
public sealed class StreamedResult(string contentType, string? fileName, Func<Stream, CancellationToken, Task> write) : IActionResult
{
    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        if (fileName is not null)
        {
            response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        }

        await write(response.Body, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
