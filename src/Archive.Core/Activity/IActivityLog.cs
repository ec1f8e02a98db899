using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Core.Activity;

/// <summary>One thing that happened to an article: it was submitted, or a check of it was recorded.</summary>
public sealed record ActivityEntry
{
    /// <summary>The article.</summary>
    public required ArticleId Id { get; init; }

    /// <summary>Its canonical URL.</summary>
    public required string Url { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>How the check ended; null for a submission that has not been checked yet.</summary>
    public CaptureOutcome? Outcome { get; init; }

    /// <summary>The version the check created or saw, if any.</summary>
    public int? Version { get; init; }

    /// <summary>True when this check recorded a new version.</summary>
    public bool NewVersion { get; init; }

    /// <summary>The article's title at the time, as the page declared it.</summary>
    public string? Title { get; init; }

    /// <summary>Why the check ended as it did, in words.</summary>
    public string? Reason { get; init; }

    /// <summary>For a new version after the first, what changed (<c>title</c>, <c>body</c>, ...).</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>For a new version after the first, words added.</summary>
    public int WordsAdded { get; init; }

    /// <summary>For a new version after the first, words removed.</summary>
    public int WordsRemoved { get; init; }
}

/// <summary>
/// A cross-article log of recent activity, newest first. Article rows are partitioned per article, so listing "the
/// latest captures" or "every change in the archive" from them would scan every partition; this small index is
/// written after each commit and read from its newest end.
/// </summary>
public interface IActivityLog
{
    /// <summary>Records an entry. It may be written a moment later, together with others; a listing in this process sees it.</summary>
    Task RecordAsync(ActivityEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The newest entries, newest first, at most <paramref name="max"/>; only those that recorded a new version when <paramref name="newVersionsOnly"/>.</summary>
    Task<IReadOnlyList<ActivityEntry>> ListRecentAsync(int max, bool newVersionsOnly = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every entry that recorded a new version at a time after <paramref name="after"/> and up to
    /// <paramref name="upTo"/> (inclusive), in no particular order: what anchoring reads to find the versions sealed since
    /// its last run.
    /// </summary>
    Task<IReadOnlyList<ActivityEntry>> ListNewVersionsAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken = default);
}
