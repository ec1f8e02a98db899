using Archive.Core.Urls;

namespace Archive.Core.Recheck;

/// <summary>An article due for a re-check at a time.</summary>
public sealed record DueEntry(ArticleId Id, string Url, DateTimeOffset DueAt);

/// <summary>
/// An index of due times, so finding the articles due costs in proportion to how many are due, not to how many are
/// archived (rows are grouped by due-time bucket, and only buckets up to now are read).
/// </summary>
public interface IDueIndex
{
    /// <summary>Records that <paramref name="id"/> is due at <paramref name="dueAt"/>.</summary>
    Task ScheduleAsync(ArticleId id, string url, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>Removes the entry of <paramref name="id"/> at <paramref name="dueAt"/>, if any.</summary>
    Task UnscheduleAsync(ArticleId id, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    /// <summary>True when two due times share one index slot (scheduling at one replaces the other).</summary>
    bool SameSlot(DateTimeOffset a, DateTimeOffset b);

    /// <summary>The entries due at or before <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    IAsyncEnumerable<DueEntry> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);
}
