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
        ArgumentNullException.ThrowIfNull(head);
        var record = new VersionRecord
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
            OriginalSha256 = ContentHash.OfText("<p>" + text + "</p>").Hex,
            CleanTextSha256 = ContentHash.OfText(text).Hex,
            TextSha256 = ContentHash.OfText(TextNormalizer.Normalize(text)).Hex,
            TextLength = text.Length,
            Extractor = new ExtractorInfo("test", "1"),
            Metadata = new ArticleMetadata { Title = "Title " + number },
            Submission = new SubmissionInfo([], null, "submit"),
            PreviousRecordSha256 = previous,
        };
        var (bytes, hash) = ArticleVersion.Seal(record);
        await content.PutRecordAsync(hash, bytes).ConfigureAwait(false);
        await content.PutTextAsync(ContentHash.OfText(text), text).ConfigureAwait(false);
        return new ArticleVersion { Record = record, RecordSha256 = hash.Hex, FirstSeenAt = at, LastSeenAt = at };
    }

    /// <summary>A check.</summary>
    public static CheckRecord Check(DateTimeOffset at, CaptureOutcome outcome, int? version = null) =>
        new() { At = at, Outcome = outcome, Trigger = "submit", Version = version, Reason = outcome.ToCode() };
}
