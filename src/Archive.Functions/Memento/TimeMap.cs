using Archive.Core.Memento;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Memento;

/// <summary><c>GET /api/memento/timemap?url=...</c>: every archived version of a URL as an RFC 7089 TimeMap (<c>application/link-format</c>).</summary>
public sealed class TimeMap(MementoService mementos)
{
    /// <summary>Answers the TimeMap.</summary>
    [Function(nameof(TimeMap))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = MementoRequests.TimeMapRoute)] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (history, problem) = await MementoRequests.FindAsync(request, mementos, cancellationToken).ConfigureAwait(false);
        if (history is null)
        {
            return problem!;
        }

        var links = MementoRequests.Links(request, history.Id, history.Original.ToString());
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = LinkFormat.MediaType, Content = LinkFormat.TimeMap(history, links) };
    }
}
