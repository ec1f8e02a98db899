using Archive.Core.Content;
using Archive.Core.Extraction;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Testing;

/// <summary>Builds heads, versions and checks for storage tests.</summary>
public static class TestRecords
{
    /// <summary>A new article's head.</summary>
    public static ArticleHead Head(string url, DateTimeOffset at, params string[] tags)
    {
        var canonical = UrlCanonicalizer.Canonicalize(url);
        return new ArticleHead { Id = ArticleId.For(canonical), Url = canonical.ToString(), SubmittedAt = at, Tags = tags };
    }

    /// <summary>A version record for <paramref name="head"/> with the given text, sealed and stored in <paramref name="content"/>.</summary>
    public static async Task<ArticleVersion> StoredVersionAsync(IContentStore content, ArticleHead head, int number, string text, DateTimeOffset at, string? previous = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var record = Record(head, number, text, at, previous);
        var (bytes, hash) = ArticleVersion.Seal(record);
        await content.PutRecordAsync(hash, bytes).ConfigureAwait(false);
        await content.PutTextAsync(ContentHash.OfText(text), text).ConfigureAwait(false);
        return new ArticleVersion { Record = record, RecordSha256 = hash.Hex, FirstSeenAt = at, LastSeenAt = at };
    }

    /// <summary>The original bytes <see cref="Record"/> names for <paramref name="text"/>.</summary>
    public static string Original(string text) => "<p>" + text + "</p>";

    /// <summary>A version record for <paramref name="head"/> with the given text (its original is <see cref="Original"/>).</summary>
    public static VersionRecord Record(ArticleHead head, int number, string text, DateTimeOffset at, string? previous = null)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(text);
        return new VersionRecord
        {
            ArticleId = head.Id.Value,
            Number = number,
            Url = head.Url,
            Capture = new CaptureEvidence
            {
                RequestedUrl = head.Url,
                FinalUrl = head.Url,
                FetchStartedAt = at,
                FetchCompletedAt = at,
                StatusCode = 200,
                HttpVersion = "1.1",
                Headers = [new("Content-Type", "text/html")],
                ByteLength = text.Length,
            },
            OriginalSha256 = ContentHash.OfText(Original(text)).Hex,
            CleanTextSha256 = ContentHash.OfText(text).Hex,
            TextSha256 = ContentHash.OfText(TextNormalizer.Normalize(text)).Hex,
            TextLength = text.Length,
            Extractor = new ExtractorInfo("test", "1"),
            Metadata = new ArticleMetadata { Title = "Title " + number },
            Submission = new SubmissionInfo([], null, "submit"),
            PreviousRecordSha256 = previous,
        };
    }

    /// <summary>The table row of a version.</summary>
    public static VersionSummary Row(ArticleVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var record = version.Record;
        return new VersionSummary
        {
            Number = record.Number,
            RecordSha256 = version.RecordSha256,
            PreviousRecordSha256 = record.PreviousRecordSha256,
            TextSha256 = record.TextSha256,
            CleanTextSha256 = record.CleanTextSha256,
            OriginalSha256 = record.OriginalSha256,
            MetadataSha256 = VersionIdentity.Fingerprint(record.Metadata),
            Title = record.Metadata.Title,
            FirstSeenAt = version.FirstSeenAt,
            LastSeenAt = version.LastSeenAt,
            SeenCount = version.SeenCount,
        };
    }

    /// <summary>Commits <paramref name="version"/> as a new version of <paramref name="head"/> (which carries the ETag it was read with), with a captured check.</summary>
    public static Task<string?> CommitVersionAsync(IArticleStore store, ArticleHead head, ArticleVersion version, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(head);
        var row = Row(version);
        return store.CommitAsync(new ArticleCommit(head.WithLatest(row) with { CheckCount = head.CheckCount + 1 }, Check(at, CaptureOutcome.Captured, row.Number)) { NewVersion = row });
    }

    /// <summary>A check.</summary>
    public static CheckRecord Check(DateTimeOffset at, CaptureOutcome outcome, int? version = null) =>
        new() { At = at, Outcome = outcome, Trigger = "submit", Version = version, Reason = outcome.ToCode() };
}
