namespace Archive.Core.Versions;

/// <summary>
/// A change-log entry: how version <see cref="ToVersion"/> differs from version <see cref="FromVersion"/>. Stored as
/// JSON under its own SHA-256, like version records.
/// </summary>
public sealed record ChangeRecord
{
    /// <summary>The record format.</summary>
    public string Schema { get; init; } = "archive.change/1";

    /// <summary>The article.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The older version.</summary>
    public required int FromVersion { get; init; }

    /// <summary>The newer version.</summary>
    public required int ToVersion { get; init; }

    /// <summary>When the change was seen.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary><c>edit</c>, or <c>flip</c> when the article went back to an earlier version.</summary>
    public required string Verdict { get; init; }

    /// <summary>For a flip, the version the article went back to.</summary>
    public int? FlipOf { get; init; }

    /// <summary>What changed: <c>title</c>, <c>byline</c>, <c>body</c>, <c>dates</c>, <c>tags</c>, <c>section</c>, <c>canonical-url</c>.</summary>
    public required IReadOnlyList<string> Kinds { get; init; }

    /// <summary>The metadata fields that changed, with their old and new values.</summary>
    public required IReadOnlyList<MetadataChange> MetadataChanges { get; init; }

    /// <summary>Words added to the text.</summary>
    public required int WordsAdded { get; init; }

    /// <summary>Words removed from the text.</summary>
    public required int WordsRemoved { get; init; }

    /// <summary>The word-level diff of the clean texts.</summary>
    public required IReadOnlyList<DiffSpan> Diff { get; init; }

    /// <summary>SHA-256 of the older version's record.</summary>
    public required string FromRecordSha256 { get; init; }

    /// <summary>SHA-256 of the newer version's record.</summary>
    public required string ToRecordSha256 { get; init; }
}

/// <summary>A stored change-log entry and the hash it is stored under.</summary>
public sealed record ChangeEntry(ChangeRecord Record, string ChangeSha256)
{
    /// <summary>What the table row of this entry says.</summary>
    public ChangeSummary Summary => new()
    {
        FromVersion = Record.FromVersion,
        ToVersion = Record.ToVersion,
        At = Record.At,
        Verdict = Record.Verdict,
        Kinds = Record.Kinds,
        WordsAdded = Record.WordsAdded,
        WordsRemoved = Record.WordsRemoved,
        ChangeSha256 = ChangeSha256,
    };
}

/// <summary>A change-log entry as its table row describes it; the sealed record is stored under <see cref="ChangeSha256"/>.</summary>
public sealed record ChangeSummary
{
    /// <summary>The older version.</summary>
    public required int FromVersion { get; init; }

    /// <summary>The newer version.</summary>
    public required int ToVersion { get; init; }

    /// <summary>When the change was seen.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary><c>edit</c> or <c>flip</c>.</summary>
    public required string Verdict { get; init; }

    /// <summary>What changed.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>Words added.</summary>
    public int WordsAdded { get; init; }

    /// <summary>Words removed.</summary>
    public int WordsRemoved { get; init; }

    /// <summary>SHA-256 of the sealed change record.</summary>
    public required string ChangeSha256 { get; init; }
}

/// <summary>A version as its table row describes it, without reading its record.</summary>
public sealed record VersionSummary
{
    /// <summary>The version number.</summary>
    public required int Number { get; init; }

    /// <summary>SHA-256 of its record.</summary>
    public required string RecordSha256 { get; init; }

    /// <summary>SHA-256 of the previous version's record, as the row says.</summary>
    public string? PreviousRecordSha256 { get; init; }

    /// <summary>SHA-256 of the normalized text.</summary>
    public required string TextSha256 { get; init; }

    /// <summary>SHA-256 of the clean text.</summary>
    public required string CleanTextSha256 { get; init; }

    /// <summary>SHA-256 of the original bytes.</summary>
    public required string OriginalSha256 { get; init; }

    /// <summary>Fingerprint of the identifying metadata.</summary>
    public string? MetadataSha256 { get; init; }

    /// <summary>The title.</summary>
    public string? Title { get; init; }

    /// <summary>When first seen: when the fetch that found it began (see <see cref="ArticleVersion.FirstSeenAt"/>).</summary>
    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When last seen.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>How many checks saw it.</summary>
    public int SeenCount { get; init; } = 1;
}
