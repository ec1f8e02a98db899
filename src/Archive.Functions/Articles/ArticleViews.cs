using Archive.Core.Extraction;
using Archive.Core.Versions;

namespace Archive.Functions.Articles;

/// <summary>The JSON shapes of articles and versions as the API answers them.</summary>
public static class ArticleViews
{
    /// <summary>An article's head, with the latest version's metadata when there is one.</summary>
    public static object Head(ArticleHead head, ArticleVersion? latest)
    {
        ArgumentNullException.ThrowIfNull(head);
        var id = head.Id.Value;
        return new
        {
            id,
            url = head.Url,
            status = head.Status,
            latestVersion = head.LatestVersion,
            title = head.Title,
            siteName = head.SiteName,
            submittedAt = head.SubmittedAt,
            firstCapturedAt = head.FirstCapturedAt,
            lastCheckedAt = head.LastCheckedAt,
            lastChangedAt = head.LastChangedAt,
            lastOutcome = head.LastOutcome is { } outcome ? new { code = outcome.ToCode(), reason = head.LastOutcomeReason, willRetry = head.LastOutcomeWillRetry } : null,
            checkCount = head.CheckCount,
            nextCheckAt = head.NextCheckAt,
            tags = head.Tags,
            sources = head.Sources,
            latest = latest is null ? null : new
            {
                number = latest.Number,
                capturedAt = latest.FirstSeenAt,
                lastSeenAt = latest.LastSeenAt,
                originalSha256 = latest.Record.OriginalSha256,
                textSha256 = latest.Record.TextSha256,
                recordSha256 = latest.RecordSha256,
                metadata = Metadata(latest.Record.Metadata),
            },
            links = new
            {
                self = Routes.Article(id),
                latest = head.LatestVersion > 0 ? Routes.Version(id, head.LatestVersion) : null,
                original = head.LatestVersion > 0 ? Routes.Original(id, head.LatestVersion) : null,
            },
        };
    }

    /// <summary>A version with its evidence and, when given, its clean text.</summary>
    public static object Version(ArticleVersion version, string? text)
    {
        ArgumentNullException.ThrowIfNull(version);
        var record = version.Record;
        return new
        {
            articleId = record.ArticleId,
            number = record.Number,
            url = record.Url,
            firstSeenAt = version.FirstSeenAt,
            lastSeenAt = version.LastSeenAt,
            seenCount = version.SeenCount,
            recordSha256 = version.RecordSha256,
            previousRecordSha256 = record.PreviousRecordSha256,
            originalSha256 = record.OriginalSha256,
            textSha256 = record.TextSha256,
            cleanTextSha256 = record.CleanTextSha256,
            textLength = record.TextLength,
            extractor = record.Extractor,
            capture = record.Capture,
            submission = record.Submission,
            metadata = Metadata(record.Metadata),
            text,
            links = new
            {
                self = Routes.Version(record.ArticleId, record.Number),
                article = Routes.Article(record.ArticleId),
                original = Routes.Original(record.ArticleId, record.Number),
            },
        };
    }

    /// <summary>Metadata with the source of each field.</summary>
    public static object Metadata(ArticleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return new
        {
            title = metadata.Title,
            authors = metadata.Authors,
            publishedTime = metadata.PublishedTime,
            modifiedTime = metadata.ModifiedTime,
            tags = metadata.Tags,
            section = metadata.Section,
            canonicalUrl = metadata.CanonicalUrl,
            siteName = metadata.SiteName,
            language = metadata.Language,
            description = metadata.Description,
            leadImage = metadata.LeadImage,
            sources = metadata.Sources,
        };
    }
}
