using Archive.Core.Capture;
using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Pages;

/// <summary>
/// <c>POST /articles/{id}/recheck</c>: the article page's "Re-check now" button. Same service and the same function-key
/// rule as <c>POST /api/articles/{id}/recheck</c>; answers with the article page (post/redirect/get).
/// </summary>
public sealed class RecheckPage(RecheckRequests rechecks)
{
    /// <summary>Queues a re-check and sends the browser back to the article.</summary>
    [Function(nameof(RecheckPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "articles/{id}/recheck")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!PageInput.TryArticleId(id, out var articleId, out var error))
        {
            return error!;
        }

        var head = await rechecks.RequestAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return PageInput.ArticleNotFound(articleId);
        }

        return PageInput.SeeOther(request, PageRoutes.Article(articleId.Value));
    }
}
