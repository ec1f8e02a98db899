using System.Net.Http.Headers;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Functions.Http;

/// <summary>Reads a JSON request body with a size limit, turning every way it can be wrong into a problem answer.</summary>
public static class JsonBody
{
    /// <summary>Reads the body as a JSON document, or returns the problem to answer with.</summary>
    public static async Task<(JsonDocument? Document, IActionResult? Problem)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength is > 0 && request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        // Nothing sent at all is said as such; a body that is there must say it is JSON.
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.ContainsKey("Transfer-Encoding")))
        {
            return (null, NoBody());
        }

        if (!IsJson(request.ContentType))
        {
            var said = string.IsNullOrEmpty(request.ContentType) ? "The request has no Content-Type" : $"Content-Type '{ReasonText.Printable(request.ContentType)}' is not JSON";
            return (null, ApiResults.Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.", $"{said}; send application/json.", "/problems/unsupported-media-type"));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return (null, NoBody());
        }

        try
        {
            // A property given twice would silently take its last value; which one the client meant is unknowable.
            return (JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }), null);
        }
        catch (JsonException ex) when (ex.Message.Contains("uplicate", StringComparison.Ordinal))
        {
            return (null, ApiResults.BadRequest($"The body names a property twice{Where(ex)}; give each property once."));
        }
        catch (JsonException ex)
        {
            return (null, ApiResults.BadRequest($"The body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>True for <c>application/json</c> and <c>application/*+json</c>, with any parameters (charset).</summary>
    public static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (media.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && media.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));

    private static string Where(JsonException ex) => string.IsNullOrEmpty(ex.Path) ? string.Empty : $" ({ex.Path})";

    /// <summary>Turns an element into <typeparamref name="T"/>, or returns the problem to answer with.</summary>
    public static (T? Value, IActionResult? Problem) Bind<T>(JsonElement element, string what)
    {
        try
        {
            return (element.Deserialize<T>(ArchiveJson.Options), null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : $" at {ex.Path}";
            return (default, ApiResults.BadRequest($"The {what} has a value of the wrong type{where}."));
        }
    }

    private static ContentResult NoBody() =>
        ApiResults.BadRequest("The request has no body; send a JSON object such as {\"url\": \"https://...\"}.");

    private static ContentResult TooLarge(long maxBytes) =>
        ApiResults.Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.", $"The body may be at most {maxBytes} bytes.", "/problems/too-large");
}
