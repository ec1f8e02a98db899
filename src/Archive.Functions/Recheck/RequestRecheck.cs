using Archive.Core.Capture;
using Archive.Functions.Articles;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Recheck;

/// <summary><c>POST /api/articles/{id}/recheck</c>: queue a re-check now, outside the schedule.</summary>
public sealed class RequestRecheck(RecheckRequests rechecks)
{
    /// <summary>Queues a re-check; answers 202 with where to look.</summary>
    [Function(nameof(RequestRecheck))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/articles/{id}/recheck")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem))
        {
            return problem!;
        }

        var head = await rechecks.RequestAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return ApiResults.ArticleNotFound(articleId);
        }

        request.HttpContext.Response.Headers.Location = Routes.Article(articleId.Value);
        return ApiResults.Json(new QueuedRecheck(articleId.Value, head.Url, QueuedRecheck.Queued, head.CheckCount, Routes.Article(articleId.Value)), StatusCodes.Status202Accepted);
    }
}

/// <summary><c>POST /api/articles/{id}/recheck</c>: the re-check is queued (schema <c>QueuedRecheck</c>).</summary>
/// <param name="Id">The article's id.</param>
/// <param name="Url">The article's canonical URL.</param>
/// <param name="Status">Always <c>queued</c>.</param>
/// <param name="CheckCount">The article's checks so far: the re-check is the next one.</param>
/// <param name="Location">The article's address in the API.</param>
public sealed record QueuedRecheck(string Id, string Url, string Status, int CheckCount, string Location)
{
    /// <summary>The status of a re-check just queued.</summary>
    public const string Queued = "queued";
}
