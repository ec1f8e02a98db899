using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Pages;

/// <summary><c>GET /feeds/changes.atom</c>: an Atom feed of every new version across the archive.</summary>
public sealed class ArchiveFeed(PageQueries queries, TimeProvider time)
{
    /// <summary>Answers the feed.</summary>
    [Function(nameof(ArchiveFeed))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feeds/changes.atom")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var entries = await queries.ArchiveFeedAsync(cancellationToken).ConfigureAwait(false);
        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : time.GetUtcNow();
        var xml = AtomFeed.Write(FeedSite.Of(request), "urn:archive:changes", "Changes in the archive", PageRoutes.ArchiveFeed, PageRoutes.Home, updated, entries);
        return FeedSite.Result(request, xml);
    }
}
