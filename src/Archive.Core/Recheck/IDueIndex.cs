using Archive.Core.Urls;

namespace Archive.Core.Recheck;

/// <summary>An article due for a re-check at a time.</summary>
/// <param name="Id">The article.</param>
/// <param name="Url">Its canonical URL (the timer queues its capture without reading the article).</param>
/// <param name="DueAt">When it is due.</param>
public sealed record DueEntry(ArticleId Id, string Url, DateTimeOffset DueAt)
{
    /// <summary>When the article last changed (or was first seen), so the timer can schedule the check after this one; null: unknown.</summary>
    public DateTimeOffset? QuietSince { get; init; }
}

/// <summary>
/// An index of due times, so finding the articles due costs in proportion to how many are due, not to how many are
/// archived (entries are grouped in slots by due time, and only slots up to now are read). Only
/// <see cref="DueSchedule"/> writes it.
/// </summary>
public interface IDueIndex
{
    /// <summary>Adds (or replaces) entries, writing the entries of one slot together.</summary>
    Task AddAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes entries (matched by article and slot), the entries of one slot together. An entry already gone is
    /// skipped: a concurrent check or timer run may have moved it.
    /// </summary>
    Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken = default);

    /// <summary>True when two due times share one slot (adding at one replaces an entry at the other).</summary>
    bool SameSlot(DateTimeOffset a, DateTimeOffset b);

    /// <summary>The entries due at or before <paramref name="now"/>, earliest first, at most <paramref name="max"/>.</summary>
    IAsyncEnumerable<DueEntry> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);
}
