using Archive.Core.Memento;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Functions.Articles;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Functions.Memento;

/// <summary>
/// What the Memento functions share: reading <c>?url=</c>, and the absolute URIs of the TimeGate, the TimeMap and each
/// memento. The original URL travels in the query, never in the path, where proxies and routing collapse its <c>//</c>.
/// </summary>
public static class MementoRequests
{
    /// <summary>The path of the TimeGate.</summary>
    public const string TimeGateRoute = "api/memento/timegate";

    /// <summary>The path of the TimeMap.</summary>
    public const string TimeMapRoute = "api/memento/timemap";

    /// <summary>The history of the URL in <c>?url=</c>, or the problem to answer (400 without a valid URL, 404 when nothing is archived at it).</summary>
    public static async Task<(MementoHistory? History, IActionResult? Problem)> FindAsync(HttpRequest request, MementoService mementos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(mementos);
        if (!RouteValues.TryUrlQuery(request, "Give the original URL as ?url=...", out var canonical, out var problem))
        {
            return (null, problem);
        }

        var history = await mementos.FindAsync(canonical, cancellationToken).ConfigureAwait(false);
        return history is null ? (null, ApiResults.NotFound($"No version of {canonical} is archived.")) : (history, null);
    }

    /// <summary>
    /// The links of an article's mementos, absolute on the host the request came to; relative to the site's root when
    /// the request names no host (RFC 8288 resolves them against the request).
    /// </summary>
    public static MementoLinks Links(HttpRequest request, ArticleId id, string originalUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = request.Host.HasValue ? $"{request.Scheme}://{request.Host.ToUriComponent()}" : string.Empty;
        var query = "?url=" + Uri.EscapeDataString(originalUrl);
        return new MementoLinks(
            new Uri(originalUrl),
            At($"/{TimeGateRoute}{query}"),
            At($"/{TimeMapRoute}{query}"),
            number => At(Routes.Original(id.Value, number)));

        Uri At(string path) => new(root + path, root.Length > 0 ? UriKind.Absolute : UriKind.Relative);
    }

    /// <summary>Marks an answer as a memento: its <c>Memento-Datetime</c> and the links to its original, TimeGate and TimeMap.</summary>
    public static void AddMementoHeaders(HttpRequest request, ArticleId id, ArticleVersion version)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(version);
        var headers = request.HttpContext.Response.Headers;
        headers["Memento-Datetime"] = LinkFormat.HttpDate(MementoService.ToSecond(version.FirstSeenAt));
        headers.Link = LinkFormat.Header(Links(request, id, version.Record.Url));
    }
}
