using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Pages;

/// <summary><c>GET /articles/{id}/changes.atom</c>: an Atom feed of one article's versions and changes.</summary>
public sealed class ArticleFeed(PageQueries queries)
{
    /// <summary>Answers the feed.</summary>
    [Function(nameof(ArticleFeed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "articles/{id}/changes.atom")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!PageInput.TryArticleId(id, out var articleId, out var error))
        {
            return error!;
        }

        var found = await queries.ArticleFeedAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (found is not { } feed)
        {
            return PageInput.ArticleNotFound(articleId);
        }

        var updated = feed.Entries.Count > 0 ? feed.Entries.Max(e => e.Updated) : feed.Head.SubmittedAt;
        var xml = AtomFeed.Write(
            FeedSite.Of(request), $"urn:archive:{articleId.Value}", $"Changes to {feed.Head.Title ?? feed.Head.Url}",
            PageRoutes.ArticleFeed(articleId.Value), PageRoutes.Article(articleId.Value), updated, feed.Entries);
        return FeedSite.Result(request, xml);
    }
}
