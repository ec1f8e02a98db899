using Archive.Core.Content;

namespace Archive.Core.Fixity;

/// <summary>What re-reading one stored item found.</summary>
public enum FixityStatus
{
    /// <summary>The bytes are there and hash to their name.</summary>
    Ok,

    /// <summary>The bytes are there but hash to something else: they were changed.</summary>
    Mismatch,

    /// <summary>No bytes are stored under the name.</summary>
    Missing,
}

/// <summary>The audit of one item a version names.</summary>
/// <param name="ArticleId">The article the version belongs to.</param>
/// <param name="Version">The version number.</param>
/// <param name="Kind">Which of the version's items: its original, clean text or record.</param>
/// <param name="Sha256">The hash the version names (the item's name).</param>
/// <param name="Status">What was found.</param>
/// <param name="ActualSha256">The hash of the bytes found, when they differ from <paramref name="Sha256"/>.</param>
/// <param name="CheckedAt">When the bytes were read (from the injected clock).</param>
public sealed record FixityResult(string ArticleId, int Version, ContentKind Kind, string Sha256, FixityStatus Status, string? ActualSha256, DateTimeOffset CheckedAt);

/// <summary>The outcome of one audit run.</summary>
public sealed record FixityReport
{
    /// <summary>The run's id (sortable by start time).</summary>
    public required string RunId { get; init; }

    /// <summary>What was audited: <c>all</c> or an article id.</summary>
    public required string Scope { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>Articles audited.</summary>
    public int Articles { get; init; }

    /// <summary>Versions audited.</summary>
    public int Versions { get; init; }

    /// <summary>Items checked (three per version: original, text, record).</summary>
    public int Items { get; init; }

    /// <summary>Blobs actually read: one per distinct hash, however many versions name it.</summary>
    public int BlobsRead { get; init; }

    /// <summary>Every item that is missing or does not match its hash, with its article and version.</summary>
    public IReadOnlyList<FixityResult> Failures { get; init; } = [];

    /// <summary>True when nothing failed.</summary>
    public bool Passed => Failures.Count == 0;
}
