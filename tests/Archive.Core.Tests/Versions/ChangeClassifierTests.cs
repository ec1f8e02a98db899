using Archive.Core.Extraction;
using Archive.Core.Hashing;
using Archive.Core.Versions;

namespace Archive.Core.Tests.Versions;

public sealed class ChangeClassifierTests
{
    private const string Body =
        "The Syrian rebel forces entered the capital Damascus on Sunday morning with little resistance from President Bashar al-Assad’s troops. Special rebel operatives are inside the capital and are taking up key positions in “strategic places”.\n\n" +
        "Read more: Who are HTS, the rebels who swept across Syria in a week?\n\n" +
        "While the Syrian Defense Ministry continues to claim that their forces have withdrawn from Damascus, the Syrian Observatory for Human Rights says the army withdrew from positions in the Damascus countryside roughly 10 kilometres from the capital.\n\n" +
        "The rebels are also freeing detainees from Sednaya prison, a notorious detention facility near Damascus. It is said that the Assad regime puts its opponents inside Sednaya, which many refer to as a human slaughterhouse.\n\n" +
        "48 comments\n\n" +
        "Hours earlier, the rebels claimed they fully liberated the major city of Homs, north of the capital. Rebel commander Hassan Abdel Ghani claimed on Saturday that their forces had begun the final phase of encircling the capital.";

    private static readonly ArticleMetadata Metadata = new() { Title = "Syrian rebels enter Damascus", Authors = ["Aditi Rao"], Tags = ["Syria"] };

    private static VersionRecord Record(string text, ArticleMetadata metadata, int number = 1) => new()
    {
        ArticleId = "0123456789abcdef0123456789abcdef",
        Number = number,
        Url = "https://news.example/a",
        Capture = new CaptureEvidence { RequestedUrl = "https://news.example/a", FinalUrl = "https://news.example/a", FetchStartedAt = default, FetchCompletedAt = default, StatusCode = 200, HttpVersion = "1.1", Headers = [], ByteLength = 1 },
        OriginalSha256 = ContentHash.OfText("x").Hex,
        CleanTextSha256 = ContentHash.OfText(text).Hex,
        TextSha256 = ContentHash.OfText(TextNormalizer.Normalize(text)).Hex,
        TextLength = text.Length,
        Extractor = new ExtractorInfo("test", "1"),
        Metadata = metadata,
        Submission = new SubmissionInfo([], null, "submit"),
    };

    private static ExtractionResult Fresh(string text, ArticleMetadata? metadata = null, PageKind kind = PageKind.Article) => new()
    {
        Kind = kind,
        Reason = kind == PageKind.Article ? null : "test",
        Text = text,
        Metadata = metadata ?? Metadata,
        Encoding = "utf-8",
        EncodingSource = "http",
    };

    private static ChangeAssessment Assess(string newText, ArticleMetadata? metadata = null, PageKind kind = PageKind.Article, IReadOnlyList<VersionFingerprint>? earlier = null) =>
        ChangeClassifier.Assess(Record(Body, Metadata), Body, Fresh(newText, metadata, kind), earlier ?? []);

    [Fact]
    public void The_same_text_and_metadata_are_unchanged() =>
        Assert.Equal(ChangeVerdict.Unchanged, Assess(Body).Verdict);

    [Fact]
    public void A_single_changed_word_of_the_body_is_an_edit()
    {
        var result = Assess(Body.Replace("roughly 10 kilometres", "roughly 25 kilometres", StringComparison.Ordinal));
        Assert.Equal(ChangeVerdict.Edit, result.Verdict);
        Assert.Equal(["body"], result.Kinds);
    }

    [Fact]
    public void A_changed_letter_case_is_an_edit() =>
        Assert.Equal(ChangeVerdict.Edit, Assess(Body.Replace("Sednaya prison", "Sednaya Prison", StringComparison.Ordinal)).Verdict);

    [Fact]
    public void Rotating_teasers_and_counters_are_boilerplate_noise()
    {
        var rotated = Body
            .Replace("Read more: Who are HTS, the rebels who swept across Syria in a week?", "Read more: Russia and Iran weigh their options as Assad's grip slips", StringComparison.Ordinal)
            .Replace("48 comments", "52 comments", StringComparison.Ordinal);
        var result = Assess(rotated);
        Assert.Equal(ChangeVerdict.Noise, result.Verdict);
        Assert.Equal(NoiseKind.Boilerplate, result.Noise);
    }

    [Fact]
    public void A_teaser_with_a_real_edit_is_still_an_edit()
    {
        var both = Body
            .Replace("48 comments", "52 comments", StringComparison.Ordinal)
            .Replace("little resistance", "no resistance", StringComparison.Ordinal);
        Assert.Equal(ChangeVerdict.Edit, Assess(both).Verdict);
    }

    [Fact]
    public void Curly_to_straight_quotes_are_typography_noise()
    {
        var result = Assess(Body.Replace('’', '\'').Replace('“', '"').Replace('”', '"'));
        Assert.Equal(ChangeVerdict.Noise, result.Verdict);
        Assert.Equal(NoiseKind.Typography, result.Noise);
    }

    [Fact]
    public void Reflowed_white_space_is_whitespace_noise()
    {
        var result = Assess(Body.Replace("Sunday morning", "Sunday  morning", StringComparison.Ordinal));
        Assert.Equal(ChangeVerdict.Noise, result.Verdict);
        Assert.Equal(NoiseKind.Whitespace, result.Noise);
    }

    [Fact]
    public void Punctuation_only_changes_are_punctuation_noise()
    {
        var result = Assess(Body.Replace("Sunday morning with", "Sunday morning, with", StringComparison.Ordinal).Replace("capital.", "capital!", StringComparison.Ordinal));
        Assert.Equal(ChangeVerdict.Noise, result.Verdict);
        Assert.Equal(NoiseKind.Punctuation, result.Noise);
    }

    [Fact]
    public void Mojibake_is_encoding_noise()
    {
        var mangled = System.Text.Encoding.GetEncoding(1252).GetString(System.Text.Encoding.UTF8.GetBytes(Body));
        Assert.NotEqual(Body, mangled);
        var result = Assess(mangled);
        Assert.Equal(ChangeVerdict.Noise, result.Verdict);
        Assert.Equal(NoiseKind.Encoding, result.Noise);
    }

    [Fact]
    public void A_new_headline_is_a_title_edit_with_the_old_and_new_values()
    {
        var result = Assess(Body, Metadata with { Title = "Syrian rebels take Damascus" });
        Assert.Equal(ChangeVerdict.Edit, result.Verdict);
        Assert.Equal(["title"], result.Kinds);
        var change = Assert.Single(result.MetadataChanges);
        Assert.Equal(("title", "Syrian rebels enter Damascus", "Syrian rebels take Damascus"), (change.Field, change.From, change.To));
    }

    [Fact]
    public void A_new_byline_and_tags_are_edits()
    {
        var result = Assess(Body, Metadata with { Authors = ["Aditi Rao", "Omar Haddad"], Tags = ["Syria", "Middle East"] });
        Assert.Equal(["byline", "tags"], result.Kinds);
    }

    [Fact]
    public void A_fragment_behind_a_paywall_is_suspect_not_a_deletion()
    {
        var first = Body.Split("\n\n")[0];
        var result = Assess(first + "\n\nSubscribe to continue reading. Already a subscriber? Sign in.");
        Assert.Equal(ChangeVerdict.Suspect, result.Verdict);
    }

    [Fact]
    public void A_bare_fragment_of_the_article_is_suspect()
    {
        var result = Assess(Body.Split("\n\n")[0]);
        Assert.Equal(ChangeVerdict.Suspect, result.Verdict);
        Assert.Contains("fragment", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_that_is_no_longer_an_article_is_suspect() =>
        Assert.Equal(ChangeVerdict.Suspect, Assess("Please verify you are a human.", kind: PageKind.Wall).Verdict);

    [Fact]
    public void A_shorter_rewrite_with_new_text_is_an_edit_not_a_collapse()
    {
        var rewrite = "In a statement on Sunday, the rebel alliance said Damascus was under its control after a swift advance, and that civilians should stay indoors while fighters secured government buildings, prisons and the airport on the edge of the city.";
        Assert.Equal(ChangeVerdict.Edit, Assess(rewrite + "\n\n" + Body.Split("\n\n")[0]).Verdict);
    }

    [Fact]
    public void Going_back_to_an_earlier_version_is_a_flip()
    {
        var edited = Body.Replace("10 kilometres", "25 kilometres", StringComparison.Ordinal);
        var v1 = Record(Body, Metadata, 1);
        var v2 = Record(edited, Metadata, 2);
        var earlier = new[]
        {
            new VersionFingerprint(1, v1.TextSha256, VersionIdentity.Fingerprint(Metadata)),
            new VersionFingerprint(2, v2.TextSha256, VersionIdentity.Fingerprint(Metadata)),
        };
        var result = ChangeClassifier.Assess(v2, edited, Fresh(Body), earlier);
        Assert.Equal(ChangeVerdict.Flip, result.Verdict);
        Assert.Equal(1, result.FlipOf);
        Assert.Equal(["body"], result.Kinds);
    }
}
