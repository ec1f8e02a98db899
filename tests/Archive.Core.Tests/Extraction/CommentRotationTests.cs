using Archive.Core.Extraction;
using Archive.Core.Hashing;
using Archive.Core.Versions;

namespace Archive.Core.Tests.Extraction;

/// <summary>
/// A page whose comment section changes between two re-checks (other commenters, other texts, another count) is the
/// same article: the same text, the same metadata, and no new version. The two visits are golden cases
/// (<c>comments-rotate-visit-1</c> and <c>-2</c>), read by the real extractor and judged by the real classifier.
/// </summary>
public sealed class CommentRotationTests
{
    [Fact]
    public void The_two_visits_differ_only_in_their_comments()
    {
        var first = File.ReadAllText(Source("comments-rotate-visit-1"));
        var second = File.ReadAllText(Source("comments-rotate-visit-2"));
        var start = first.IndexOf("<section id=\"comments\">", StringComparison.Ordinal);
        var end = first.IndexOf("<form class=\"comment-form\">", StringComparison.Ordinal);

        Assert.NotEqual(first, second);
        Assert.True(start > 0 && end > start);
        Assert.Equal(first[..start], second[..start]);
        Assert.Equal(first[end..], second[^(first.Length - end)..]);
    }

    [Fact]
    public void Changed_comments_give_the_same_text_and_metadata()
    {
        var first = GoldenCorpusTests.Extract("comments-rotate-visit-1");
        var second = GoldenCorpusTests.Extract("comments-rotate-visit-2");

        Assert.Equal(PageKind.Article, second.Kind);
        Assert.Equal(first.Text, second.Text);
        Assert.Equal(["Wendell Ashcroft"], second.Metadata.Authors);
        Assert.Empty(MetadataChanges.Compare(first.Metadata, second.Metadata));
        Assert.Equal(VersionIdentity.Fingerprint(first.Metadata), VersionIdentity.Fingerprint(second.Metadata));
    }

    [Fact]
    public void A_recheck_after_the_comments_changed_records_no_version()
    {
        var first = GoldenCorpusTests.Extract("comments-rotate-visit-1");
        var second = GoldenCorpusTests.Extract("comments-rotate-visit-2");
        var latest = Record(first);

        var assessment = ChangeClassifier.Assess(latest, first.Text, second, [new VersionFingerprint(1, latest.TextSha256, VersionIdentity.Fingerprint(first.Metadata))]);

        Assert.Equal(ChangeVerdict.Unchanged, assessment.Verdict);
        Assert.Empty(assessment.MetadataChanges);
    }

    private static string Source(string name) => Path.Combine(AppContext.BaseDirectory, "Extraction", "Golden", name, "source.html");

    private static VersionRecord Record(ExtractionResult extraction) => new()
    {
        ArticleId = "0123456789abcdef0123456789abcdef",
        Number = 1,
        Url = "https://brookfieldgazette.example/local/library-hours",
        Capture = new CaptureEvidence
        {
            RequestedUrl = "https://brookfieldgazette.example/local/library-hours",
            FinalUrl = "https://brookfieldgazette.example/local/library-hours",
            FetchStartedAt = default,
            FetchCompletedAt = default,
            StatusCode = 200,
            HttpVersion = "1.1",
            Headers = [],
            ByteLength = 1,
        },
        OriginalSha256 = ContentHash.OfText("original").Hex,
        CleanTextSha256 = ContentHash.OfText(extraction.Text).Hex,
        TextSha256 = ContentHash.OfText(TextNormalizer.Normalize(extraction.Text)).Hex,
        TextLength = extraction.Text.Length,
        Extractor = new ExtractorInfo("archive-html", "1.0.0"),
        Metadata = extraction.Metadata,
        Submission = new SubmissionInfo([], null, "recheck"),
    };
}
