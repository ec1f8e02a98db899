using Archive.Core.Extraction;
using Archive.Core.Versions;

namespace Archive.Functions.Articles;

/// <summary>
/// The JSON shapes of articles, versions, timelines, change logs, checks and diffs as the API answers them. Each is
/// described by the schema of the same name in openapi.json; properties serialize in camel case, nulls left out.
/// </summary>
public static class ArticleViews
{
    /// <summary>An article's head, with the latest version's metadata when there is one.</summary>
    public static ArticleView Head(ArticleHead head, ArticleVersion? latest)
    {
        ArgumentNullException.ThrowIfNull(head);
        var id = head.Id.Value;
        return new ArticleView(
            id,
            head.Url,
            head.Status,
            head.LatestVersion,
            head.Title,
            head.SiteName,
            head.SubmittedAt,
            head.FirstCapturedAt,
            head.LastCheckedAt,
            head.LastChangedAt,
            head.LastOutcome is { } outcome ? new OutcomeView(outcome.ToCode(), head.LastOutcomeReason, head.LastOutcomeWillRetry) : null,
            head.CheckCount,
            head.NextCheckAt,
            head.Tags,
            head.Sources,
            latest is null
                ? null
                : new LatestVersionView(latest.Number, latest.FirstSeenAt, latest.LastSeenAt, latest.Record.OriginalSha256, latest.Record.TextSha256, latest.RecordSha256, Metadata(latest.Record.Metadata)),
            new ArticleLinks(
                Routes.Article(id),
                head.LatestVersion > 0 ? Routes.Version(id, head.LatestVersion) : null,
                head.LatestVersion > 0 ? Routes.Original(id, head.LatestVersion) : null));
    }

    /// <summary>A version with its evidence and, when given, its clean text.</summary>
    public static VersionView Version(ArticleVersion version, string? text)
    {
        ArgumentNullException.ThrowIfNull(version);
        var record = version.Record;
        return new VersionView(
            record.ArticleId,
            record.Number,
            record.Url,
            version.FirstSeenAt,
            version.LastSeenAt,
            version.SeenCount,
            version.RecordSha256,
            record.PreviousRecordSha256,
            record.OriginalSha256,
            record.TextSha256,
            record.CleanTextSha256,
            record.TextLength,
            record.Extractor,
            record.Capture,
            record.Submission,
            Metadata(record.Metadata),
            text,
            new VersionLinks(Routes.Version(record.ArticleId, record.Number), Routes.Article(record.ArticleId), Routes.Original(record.ArticleId, record.Number)));
    }

    /// <summary>Metadata with the source of each field.</summary>
    public static MetadataView Metadata(ArticleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new MetadataView(
            metadata.Title,
            metadata.Authors,
            metadata.PublishedTime,
            metadata.ModifiedTime,
            metadata.Tags,
            metadata.Section,
            metadata.CanonicalUrl,
            metadata.SiteName,
            metadata.Language,
            metadata.Description,
            metadata.LeadImage,
            metadata.Sources);
    }
}

/// <summary><c>GET /api/articles/{id}</c> and <c>/api/articles?url=</c>: an article (schema <c>Article</c>).</summary>
public sealed record ArticleView(
    string Id,
    string Url,
    string Status,
    int LatestVersion,
    string? Title,
    string? SiteName,
    DateTimeOffset SubmittedAt,
    DateTimeOffset? FirstCapturedAt,
    DateTimeOffset? LastCheckedAt,
    DateTimeOffset? LastChangedAt,
    OutcomeView? LastOutcome,
    int CheckCount,
    DateTimeOffset? NextCheckAt,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Sources,
    LatestVersionView? Latest,
    ArticleLinks Links);

/// <summary>How the article's last check ended (schema <c>Outcome</c>).</summary>
public sealed record OutcomeView(string Code, string? Reason, bool WillRetry);

/// <summary>The latest version of an article, in short (schema <c>LatestVersion</c>).</summary>
public sealed record LatestVersionView(int Number, DateTimeOffset CapturedAt, DateTimeOffset LastSeenAt, string OriginalSha256, string TextSha256, string RecordSha256, MetadataView Metadata);

/// <summary>Where an article and its latest version are (schema <c>ArticleLinks</c>).</summary>
public sealed record ArticleLinks(string Self, string? Latest, string? Original);

/// <summary><c>GET /api/articles/{id}/versions/{n}</c>: one version with its evidence (schema <c>Version</c>).</summary>
public sealed record VersionView(
    string ArticleId,
    int Number,
    string Url,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    int SeenCount,
    string RecordSha256,
    string? PreviousRecordSha256,
    string OriginalSha256,
    string TextSha256,
    string CleanTextSha256,
    int TextLength,
    ExtractorInfo Extractor,
    CaptureEvidence Capture,
    SubmissionInfo Submission,
    MetadataView Metadata,
    string? Text,
    VersionLinks Links);

/// <summary>Where a version, its article and its original bytes are (schema <c>VersionLinks</c>).</summary>
public sealed record VersionLinks(string Self, string Article, string Original);

/// <summary>The metadata a page declared, with where each field came from (schema <c>Metadata</c>).</summary>
public sealed record MetadataView(
    string? Title,
    IReadOnlyList<string> Authors,
    DateTimeOffset? PublishedTime,
    DateTimeOffset? ModifiedTime,
    IReadOnlyList<string> Tags,
    string? Section,
    string? CanonicalUrl,
    string? SiteName,
    string? Language,
    string? Description,
    string? LeadImage,
    IReadOnlyDictionary<string, string> Sources);

/// <summary><c>GET /api/articles/{id}/versions</c>: the timeline (schema <c>Timeline</c>).</summary>
public sealed record TimelineView(string Id, string Url, IEnumerable<TimelineVersionView> Versions);

/// <summary>One version of the timeline (schema <c>TimelineVersion</c>).</summary>
public sealed record TimelineVersionView(
    int Number,
    string? Title,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    int SeenCount,
    string RecordSha256,
    string OriginalSha256,
    string TextSha256,
    ChangeInShortView? Change,
    TimelineVersionLinks Links);

/// <summary>How a version differs from the one before, in short (schema <c>ChangeInShort</c>).</summary>
public sealed record ChangeInShortView(string Verdict, int? FlipOf, IReadOnlyList<string> Kinds, int WordsAdded, int WordsRemoved);

/// <summary>Where a version of the timeline and its original bytes are (schema <c>TimelineVersionLinks</c>).</summary>
public sealed record TimelineVersionLinks(string Self, string Original);

/// <summary><c>GET /api/articles/{id}/changes</c>: the change log (schema <c>ChangeLog</c>).</summary>
public sealed record ChangeLogView(string Id, string Url, IEnumerable<ChangeView> Changes);

/// <summary>One entry of the change log (schema <c>Change</c>).</summary>
public sealed record ChangeView(
    int From,
    int To,
    DateTimeOffset At,
    string Verdict,
    int? FlipOf,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<MetadataChange> MetadataChanges,
    int WordsAdded,
    int WordsRemoved,
    IReadOnlyList<DiffSpan> Diff,
    string FromRecordSha256,
    string ToRecordSha256,
    string ChangeSha256);

/// <summary><c>GET /api/articles/{id}/checks</c>: every capture attempt, newest first (schema <c>Checks</c>).</summary>
public sealed record ChecksView(string Id, string Url, DateTimeOffset? NextCheckAt, IEnumerable<CheckView> Checks);

/// <summary>One capture attempt (schema <c>Check</c>).</summary>
public sealed record CheckView(
    DateTimeOffset At,
    string Outcome,
    NoiseKind? Noise,
    string? Reason,
    string Trigger,
    int? StatusCode,
    int? Version,
    string? OriginalSha256,
    string? TextSha256,
    int Attempt,
    bool WillRetry,
    string? LastFailure,
    OtherTextChangeView? OtherTextChange,
    double? DurationMs);

/// <summary>An edit of the page's readable text outside the article (schema <c>OtherTextChange</c>).</summary>
public sealed record OtherTextChangeView(int WordsAdded, int WordsRemoved, string Passage, IReadOnlyList<DiffSpan> Spans);

/// <summary><c>GET /api/articles/{id}/diff</c>: the word diff between two versions (schema <c>Diff</c>).</summary>
public sealed record DiffView(
    string Id,
    DiffSideView From,
    DiffSideView To,
    IReadOnlyList<MetadataChange> MetadataChanges,
    int WordsAdded,
    int WordsRemoved,
    IReadOnlyList<DiffSpan> Spans,
    string Text,
    DiffLinks Links);

/// <summary>One side of a diff (schema <c>DiffSide</c>).</summary>
public sealed record DiffSideView(int Number, DateTimeOffset FirstSeenAt, string RecordSha256, string? Title);

/// <summary>The diff as text (schema <c>DiffLinks</c>).</summary>
public sealed record DiffLinks(string Text);
