using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary>
/// <c>GET /api/articles/{id}</c>: the article's head, status, latest version and its metadata. With
/// <c>?waitFor=check&amp;after=N&amp;timeout=S</c> the answer waits (at most S seconds) until the article has a finished
/// check after its Nth, so a client waits with one request instead of polling; the <c>Archive-Wait</c> header says
/// <c>checked</c> or <c>timeout</c>.
/// </summary>
public sealed class GetArticle(ArticleReader reader, ArticleWaiter waiter)
{
    /// <summary>The header saying how a wait ended.</summary>
    public const string WaitHeader = "Archive-Wait";

    /// <summary>Answers the head of an article.</summary>
    [Function(nameof(GetArticle))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryWaitQuery(request, out var wait, out var problem))
        {
            return problem;
        }

        ArticleHead? head;
        if (wait is null)
        {
            (head, problem) = await RouteValues.FindHeadAsync(reader, id, cancellationToken).ConfigureAwait(false);
        }
        else if (!RouteValues.TryArticleId(id, out var articleId, out problem))
        {
            head = null;
        }
        else
        {
            var waited = await waiter.WaitForCheckAsync(articleId, wait.After, wait.Timeout, cancellationToken).ConfigureAwait(false);
            head = waited.Head;
            problem = head is null ? ApiResults.ArticleNotFound(articleId) : null;
            request.HttpContext.Response.Headers[WaitHeader] = waited.Settled ? "checked" : "timeout";
        }

        if (head is null)
        {
            return problem!;
        }

        var latest = head.LatestVersion > 0 ? await reader.GetVersionRecordAsync(head.Id, head.LatestVersion, cancellationToken).ConfigureAwait(false) : null;
        return ApiResults.Json(ArticleViews.Head(head, latest));
    }
}
