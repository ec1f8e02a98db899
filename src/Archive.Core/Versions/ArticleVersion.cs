using Archive.Core.Hashing;

namespace Archive.Core.Versions;

/// <summary>A stored version: its immutable record, the record's hash, and when it was seen.</summary>
public sealed record ArticleVersion
{
    /// <summary>The immutable record.</summary>
    public required VersionRecord Record { get; init; }

    /// <summary>SHA-256 of the record's stored JSON bytes.</summary>
    public required string RecordSha256 { get; init; }

    /// <summary>
    /// When this version was first seen: when the fetch that found it began. The version's one instant, read by its
    /// WARC-Date, CDXJ timestamp, Memento-Datetime, TimeMap entry and pages alike.
    /// </summary>
    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When a check last found this version.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>How many checks found this version.</summary>
    public int SeenCount { get; init; } = 1;

    /// <summary>The version number.</summary>
    public int Number => Record.Number;

    /// <summary>Serializes a record to the exact bytes that are stored and hashed.</summary>
    public static (byte[] Bytes, ContentHash Hash) Seal<TRecord>(TRecord record)
    {
        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(record, ArchiveJson.Options);
        return (bytes, ContentHash.Of(bytes));
    }
}

/// <summary>One check of an article: a capture attempt and how it ended.</summary>
public sealed record CheckRecord
{
    /// <summary>When the check finished.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>How it ended.</summary>
    public required CaptureOutcome Outcome { get; init; }

    /// <summary>Why, in words.</summary>
    public string? Reason { get; init; }

    /// <summary>Why the check was made: <c>submit</c>, <c>recheck</c> or <c>manual</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The HTTP status, when there was a response.</summary>
    public int? StatusCode { get; init; }

    /// <summary>SHA-256 of the bytes received, when any were kept.</summary>
    public string? OriginalSha256 { get; init; }

    /// <summary>SHA-256 of the normalized text, when text was extracted.</summary>
    public string? TextSha256 { get; init; }

    /// <summary>The version this check found or created.</summary>
    public int? Version { get; init; }

    /// <summary>The kind of noise, when the outcome is <see cref="CaptureOutcome.Noise"/>.</summary>
    public NoiseKind? Noise { get; init; }

    /// <summary>Which attempt of the same message this was (1 for the first delivery).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>True when this attempt failed transiently and the queue will deliver it again.</summary>
    public bool WillRetry { get; init; }

    /// <summary>How long the fetch took.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>When the outcome is <see cref="CaptureOutcome.ChangedOutsideText"/>: the changed passage of the page's other text.</summary>
    public OtherTextChange? OtherTextChange { get; init; }

    /// <summary>When the outcome is <see cref="CaptureOutcome.GaveUp"/>: how the last recorded attempt before it ended, if any was recorded.</summary>
    public CaptureOutcome? LastFailure { get; init; }
}
