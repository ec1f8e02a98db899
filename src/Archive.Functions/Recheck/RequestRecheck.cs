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
        return ApiResults.Json(new { id = articleId.Value, url = head.Url, status = "queued", checkCount = head.CheckCount, location = Routes.Article(articleId.Value) }, StatusCodes.Status202Accepted);
    }
}
