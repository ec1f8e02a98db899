using Archive.Core.Memento;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Memento;

/// <summary>
/// <c>GET /api/memento/timegate?url=...</c> with <c>Accept-Datetime</c>: an RFC 7089 TimeGate. Answers 302 to the
/// version that was current at that time (the latest without the header), with <c>Vary: accept-datetime</c> and links to
/// the original and the TimeMap.
/// </summary>
public sealed class TimeGate(MementoService mementos)
{
    /// <summary>Redirects to the best memento.</summary>
    [Function(nameof(TimeGate))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MementoRequests.TimeGateRoute)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        DateTimeOffset? wanted = null;
        if (request.Headers.TryGetValue("Accept-Datetime", out var header))
        {
            if (!LinkFormat.TryParseHttpDate(header.ToString(), out var parsed))
            {
                return ApiResults.BadRequest($"Accept-Datetime '{header}' is not an HTTP date such as 'Thu, 31 May 2007 20:35:00 GMT'.");
            }

            wanted = parsed;
        }

        var (history, problem) = await MementoRequests.FindAsync(request, mementos, cancellationToken).ConfigureAwait(false);
        if (history is null)
        {
            return problem!;
        }

        var links = MementoRequests.Links(request, history.Id, history.Original.ToString());
        var best = MementoService.Select(history.Mementos, wanted);
        var headers = request.HttpContext.Response.Headers;
        headers.Vary = "accept-datetime";
        headers.Link = LinkFormat.Header(links, timeGate: false);
        headers.CacheControl = "no-cache";
        return new RedirectResult(LinkFormat.Text(links.Memento(best.Number)), permanent: false);
    }
}
