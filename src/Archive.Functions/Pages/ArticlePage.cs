using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Pages;

/// <summary><c>GET /articles/{id}?version=n</c>: an article's page for people.</summary>
public sealed class ArticlePage(PageQueries queries)
{
    /// <summary>Answers the article page.</summary>
    [Function(nameof(ArticlePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (!PageInput.TryArticleId(id, out var articleId, out var error) || !PageInput.TryVersion(request, "version", out var version, out error))
        {
            return error!;
        }

        var model = await queries.ArticleAsync(articleId, version, cancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return PageInput.ArticleNotFound(articleId);
        }

        if (version is { } n && model.Shown is null)
        {
            return PageResult.Error(StatusCodes.Status404NotFound, ErrorText.NotFound, $"Article {articleId.Value} has no version {n}.");
        }

        return new PageResult(ArticleView.Render(model, PageInput.WithKey(request, PageRoutes.Recheck(articleId.Value))));
    }
}
