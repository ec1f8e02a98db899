using System.Text.Json.Serialization;
using Archive.Core.Urls;

namespace Archive.Core.Versions;

/// <summary>The state of an archived article: where it lives, its latest version and its last check.</summary>
public sealed record ArticleHead
{
    /// <summary>The article's id.</summary>
    public required ArticleId Id { get; init; }

    /// <summary>The canonical URL the article is archived under.</summary>
    public required string Url { get; init; }

    /// <summary>When it was first submitted.</summary>
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The number of the latest version; 0 while none exists.</summary>
    public int LatestVersion { get; init; }

    /// <summary>SHA-256 of the latest version's record (the head of the hash chain).</summary>
    public string? LatestRecordSha256 { get; init; }

    /// <summary>SHA-256 of the latest version's normalized text.</summary>
    public string? LatestTextSha256 { get; init; }

    /// <summary>SHA-256 of the latest version's original bytes.</summary>
    public string? LatestOriginalSha256 { get; init; }

    /// <summary>SHA-256 of the latest version's clean text (the name of its stored text).</summary>
    public string? LatestCleanTextSha256 { get; init; }

    /// <summary>Fingerprint of the latest version's identifying metadata (see <see cref="VersionIdentity"/>).</summary>
    public string? LatestMetadataSha256 { get; init; }

    /// <summary>How many checks found the latest version (its row's count, kept here so a sighting needs no read).</summary>
    public int LatestSeenCount { get; init; }

    /// <summary>
    /// Fingerprint of the page's other readable text as last seen (<see cref="OtherTextChanges.Fingerprint"/>), to tell
    /// a re-check whose article text is unchanged that something else on the page changed.
    /// </summary>
    public string? OtherTextSha256 { get; init; }

    /// <summary>SHA-256 of the original bytes <see cref="OtherTextSha256"/> was read from (kept, so the earlier text can be read again).</summary>
    public string? OtherTextOriginalSha256 { get; init; }

    /// <summary>The latest version's title.</summary>
    public string? Title { get; init; }

    /// <summary>The latest version's site name.</summary>
    public string? SiteName { get; init; }

    /// <summary>When the first version was captured.</summary>
    public DateTimeOffset? FirstCapturedAt { get; init; }

    /// <summary>When the page was last checked, whatever the outcome.</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>When a new version was last recorded.</summary>
    public DateTimeOffset? LastChangedAt { get; init; }

    /// <summary>The outcome of the last check.</summary>
    public CaptureOutcome? LastOutcome { get; init; }

    /// <summary>Why the last check ended as it did, in words.</summary>
    public string? LastOutcomeReason { get; init; }

    /// <summary>True when the last check failed transiently and will be retried.</summary>
    public bool LastOutcomeWillRetry { get; init; }

    /// <summary>How many checks have been made.</summary>
    public int CheckCount { get; init; }

    /// <summary>Tags given by submitters, merged.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Sources given by submitters, merged.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>The ETag of the last successful response, for conditional re-checks.</summary>
    public string? ValidatorETag { get; init; }

    /// <summary>The Last-Modified of the last successful response, for conditional re-checks.</summary>
    public string? ValidatorLastModified { get; init; }

    /// <summary>When the next re-check is due; null when none is scheduled.</summary>
    public DateTimeOffset? NextCheckAt { get; init; }

    /// <summary>The storage ETag this head was read with, for optimistic concurrency.</summary>
    public string? ETag { get; init; }

    /// <summary>The storage ETag of the submitters' tags and sources, for merging later ones into them.</summary>
    public string? LabelsETag { get; init; }

    /// <summary>The state in a word: <c>pending</c>, <c>archived</c> or <c>failed</c>.</summary>
    [JsonIgnore]
    public string Status => LatestVersion > 0 ? "archived" : LastOutcome is null ? "pending" : "failed";

    /// <summary>When the article was last changed, or first seen: what the re-check cadence counts quiet time from.</summary>
    [JsonIgnore]
    public DateTimeOffset QuietSince => LastChangedAt ?? FirstCapturedAt ?? SubmittedAt;

    /// <summary>The head without the submitters' labels: what a capture message carries (a capture never changes labels).</summary>
    public ArticleHead WithoutLabels() => this with { Tags = [], Sources = [], LabelsETag = null };

    /// <summary>The head with <paramref name="latest"/> as its latest version.</summary>
    public ArticleHead WithLatest(VersionSummary latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        return this with
        {
            LatestVersion = latest.Number,
            LatestRecordSha256 = latest.RecordSha256,
            LatestTextSha256 = latest.TextSha256,
            LatestOriginalSha256 = latest.OriginalSha256,
            LatestCleanTextSha256 = latest.CleanTextSha256,
            LatestMetadataSha256 = latest.MetadataSha256,
            LatestSeenCount = latest.SeenCount,
            Title = latest.Title,
        };
    }
}
