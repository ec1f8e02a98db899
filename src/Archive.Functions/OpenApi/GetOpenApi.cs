using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.OpenApi;

/// <summary>
/// <c>GET /api/openapi.json</c>: the OpenAPI 3 description of every HTTP function. The document is written by hand
/// (<c>openapi.json</c>, embedded), and a test holds it to the functions' real routes and methods both ways.
/// </summary>
public sealed class GetOpenApi
{
    /// <summary>The name of the embedded document.</summary>
    public const string ResourceName = "Archive.Functions.OpenApi.openapi.json";

    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(GetOpenApi).Assembly.GetManifestResourceStream(ResourceName)
                           ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>Answers the document.</summary>
    [Function(nameof(GetOpenApi))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/openapi.json")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "application/json; charset=utf-8", Content = Document.Value };
    }
}
