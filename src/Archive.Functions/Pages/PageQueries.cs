using Archive.Core.Activity;
using Archive.Core.Provenance;
using Archive.Core.Urls;
using Archive.Core.Verification;
using Archive.Core.Versions;
using Archive.Functions.Pages.Views;

namespace Archive.Functions.Pages;

/// <summary>Gathers what each page shows from the core's readers, so the page functions stay doors.</summary>
public sealed class PageQueries(ArticleReader reader, ArticleWaiter waiter, ChainVerifier chain, IActivityLog activity, EvidenceService evidence)
{
    /// <summary>How many captures the home page lists.</summary>
    public const int LatestCount = 30;

    /// <summary>How many entries the archive-wide feed carries.</summary>
    public const int FeedCount = 50;

    // Entries read per listed article: an article checked often has several entries among the newest.
    private const int ActivityPerArticle = 4;

    /// <summary>The latest activity of the most recently active articles, one entry per article, newest first.</summary>
    public async Task<IReadOnlyList<ActivityEntry>> LatestCapturesAsync(CancellationToken cancellationToken = default)
    {
        var entries = await activity.ListRecentAsync(LatestCount * ActivityPerArticle, cancellationToken: cancellationToken).ConfigureAwait(false);
        return entries.DistinctBy(e => e.Id).Take(LatestCount).ToList();
    }

    /// <summary>How long the article page waits on the server for a first capture before it answers (and refreshes itself).</summary>
    public static readonly TimeSpan PendingWait = TimeSpan.FromSeconds(10);

    /// <summary>What the article page shows, or null when the article is unknown. While nothing was checked yet, it first waits for the first check (at most <see cref="PendingWait"/>).</summary>
    public async Task<ArticlePageModel?> ArticleAsync(ArticleId id, int? version, CancellationToken cancellationToken = default)
    {
        var head = await reader.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is { CheckCount: 0 })
        {
            head = (await waiter.WaitForCheckAsync(id, 0, PendingWait, cancellationToken).ConfigureAwait(false)).Head;
        }

        if (head is null)
        {
            return null;
        }

        var number = version ?? head.LatestVersion;
        var shown = number > 0 ? await reader.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false) : null;
        var timeline = await reader.ListTimelineAsync(id, cancellationToken).ConfigureAwait(false);
        return new ArticlePageModel
        {
            Head = head,
            Shown = shown,
            Timeline = timeline,
            Anchors = await evidence.ListStatusesAsync(id, timeline.Select(v => v.Number), cancellationToken).ConfigureAwait(false),
            Changes = await reader.ListChangesAsync(id, cancellationToken).ConfigureAwait(false),
            Checks = await reader.ListChecksAsync(id, 50, cancellationToken).ConfigureAwait(false),
            Chain = head.LatestVersion > 0 ? await chain.VerifyAsync(id, checkContent: false, cancellationToken).ConfigureAwait(false) : null,
        };
    }

    /// <summary>The entries of the archive-wide feed: every new version, newest first.</summary>
    public async Task<IReadOnlyList<FeedEntry>> ArchiveFeedAsync(CancellationToken cancellationToken = default)
    {
        var entries = await activity.ListRecentAsync(FeedCount, newVersionsOnly: true, cancellationToken).ConfigureAwait(false);
        return entries.Where(e => e.Version is not null)
            .Select(e => Entry(e.Id.Value, e.Version!.Value, e.Title ?? e.Url, e.At, e.Kinds, e.WordsAdded, e.WordsRemoved))
            .ToList();
    }

    /// <summary>The entries of one article's feed, newest first, or null when the article is unknown.</summary>
    public async Task<(ArticleHead Head, IReadOnlyList<FeedEntry> Entries)?> ArticleFeedAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var head = await reader.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var timeline = await reader.ListTimelineAsync(id, cancellationToken).ConfigureAwait(false);
        var changes = (await reader.ListChangesAsync(id, cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Record.ToVersion, c => c.Record);
        var entries = timeline.OrderByDescending(v => v.Number).Select(v => changes.TryGetValue(v.Number, out var c)
            ? Entry(id.Value, v.Number, v.Title ?? head.Url, v.FirstSeenAt, c.Kinds, c.WordsAdded, c.WordsRemoved)
            : Entry(id.Value, v.Number, v.Title ?? head.Url, v.FirstSeenAt, [], 0, 0)).ToList();
        return (head, entries);
    }

    private static FeedEntry Entry(string id, int version, string title, DateTimeOffset at, IReadOnlyList<string> kinds, int added, int removed) =>
        version == 1
            ? new FeedEntry($"urn:archive:{id}:v1", $"Archived: {title}", at, PageRoutes.Article(id, 1), "First capture.")
            : new FeedEntry(
                $"urn:archive:{id}:v{version}",
                $"Changed: {title} (version {version})",
                at,
                PageRoutes.Diff(id, version - 1, version),
                $"Changed: {(kinds.Count > 0 ? string.Join(", ", kinds) : "text")}; +{added} / -{removed} words.");
}
