using Archive.Core.Capture;
using Archive.Core.Extraction;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Testing;
using Microsoft.Extensions.Options;

namespace Archive.Core.Tests.Capture;

/// <summary>
/// The capture decision on the page's other readable text: an edit the article text cannot show is recorded as
/// changed-outside-text with its passage, never as a version, and never from a different reading of the same page.
/// </summary>
public sealed class OtherTextDecisionTests
{
    private const string Body =
        "The harbour authority confirmed on Tuesday that the new ferry terminal will open next spring, two years later than planned.\n\n" +
        "Engineers found that the sea wall beneath the old pier needed work before the terminal's foundations could be laid, and the contractor asked for more time.\n\n" +
        "Passengers will keep using the temporary pontoon until then, with the same timetable and fares as this summer.";

    private const string Note = RotatingNewsPage.Note;

    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly CanonicalUrl Url = UrlCanonicalizer.Canonicalize("https://news.example/ferry");
    private static readonly CaptureDecider Decider = new(Options.Create(new CaptureOptions()));

    private static FetchedPage Page(string html) => TestResponses.Page(Url.Value, T0, html);

    private static ExtractedPage Extracted(string otherText, string text = Body) =>
        new(new ExtractionResult { Kind = PageKind.Article, Text = text, OtherText = otherText, Metadata = new ArticleMetadata { Title = "Ferry terminal delayed" }, Encoding = "utf-8", EncodingSource = "http" }, new ExtractorInfo("test", "1"));

    private static CaptureFacts Facts(ArticleHead head, FetchedPage page, ExtractedPage extracted) =>
        new(new CaptureAttempt(ArticleId.For(Url), Url, new CaptureMessage { ArticleId = ArticleId.For(Url).Value, Url = Url.ToString(), RequestedAt = T0, Trigger = CaptureTriggers.Recheck }, 1), head, page, extracted, T0.AddHours(1));

    private static ArticleHead First(string otherText = Note) => FirstDecision(otherText).Head with { ETag = "e1" };

    private static CaptureDecision FirstDecision(string otherText = Note) =>
        Decider.Decide(Facts(new ArticleHead { Id = ArticleId.For(Url), Url = Url.ToString(), SubmittedAt = T0, ETag = "e0" }, Page("<p>visit 1</p>"), Extracted(otherText)));

    [Fact]
    public void A_first_capture_keeps_the_fingerprint_of_the_other_text_and_the_original_it_came_from()
    {
        var head = First();

        Assert.Equal(OtherTextChanges.Fingerprint(Note), head.OtherTextSha256);
        Assert.Equal(ContentHash.Of("<p>visit 1</p>"u8).Hex, head.OtherTextOriginalSha256);
    }

    [Fact]
    public void The_same_other_text_needs_no_read_and_stays_unchanged()
    {
        var head = First();
        var facts = Facts(head, Page("<p>visit 2, comments rotated</p>"), Extracted(Note));

        Assert.False(CaptureDecider.NeedsEarlierOtherText(facts));
        var decision = Decider.Decide(facts);

        Assert.Equal(CaptureOutcome.Unchanged, decision.Outcome);
        Assert.Null(decision.Check.OtherTextChange);
        Assert.Equal(head.OtherTextOriginalSha256, decision.Head.OtherTextOriginalSha256);
    }

    [Fact]
    public void An_edited_paragraph_outside_the_article_text_is_changed_outside_text_with_the_passage_and_no_version()
    {
        var head = First();
        var edited = Note.Replace("old pier", "old quay", StringComparison.Ordinal);
        var page = Page("<p>visit 2, edited</p>");
        var facts = Facts(head, page, Extracted(edited));
        Assert.True(CaptureDecider.NeedsEarlierOtherText(facts));

        var decision = Decider.Decide(facts with { EarlierOtherText = new EarlierOtherText(Note) });

        Assert.Equal((CaptureOutcome.ChangedOutsideText, 1), (decision.Outcome, decision.Check.Version));
        Assert.Null(decision.NewVersion);
        Assert.NotNull(decision.SeenAgain);
        var change = decision.Check.OtherTextChange!;
        Assert.Equal((1, 1), (change.WordsAdded, change.WordsRemoved));
        Assert.Contains("[-pier-]", change.Render(), StringComparison.Ordinal);
        Assert.Contains("{+quay+}", change.Render(), StringComparison.Ordinal);
        Assert.Contains("photographs of the old", change.Render(), StringComparison.Ordinal);
        Assert.Equal(page.OriginalHash!.Value.Hex, decision.Check.OriginalSha256);
        Assert.Contains("other text changed (+1/-1 words)", decision.Check.Reason, StringComparison.Ordinal);
        Assert.True(decision.Outcome.IsSuccess());

        // The fingerprint follows the fresh page, so the next re-check of the same page is unchanged again.
        Assert.Equal((OtherTextChanges.Fingerprint(edited), page.OriginalHash.Value.Hex), (decision.Head.OtherTextSha256, decision.Head.OtherTextOriginalSha256));
        var again = Decider.Decide(Facts(decision.Head, Page("<p>visit 3</p>"), Extracted(edited)));
        Assert.Equal(CaptureOutcome.Unchanged, again.Outcome);
    }

    [Fact]
    public void The_same_page_read_differently_by_a_new_extractor_is_not_a_change()
    {
        var head = First("Old extractor's reading of the page's other text.");
        var facts = Facts(head, Page("<p>visit 2</p>"), Extracted(Note));
        Assert.True(CaptureDecider.NeedsEarlierOtherText(facts));

        // Read again by the current extractor, the earlier page has the same other text as the fresh one.
        var decision = Decider.Decide(facts with { EarlierOtherText = new EarlierOtherText(Note) });

        Assert.Equal(CaptureOutcome.Unchanged, decision.Outcome);
        Assert.Equal(OtherTextChanges.Fingerprint(Note), decision.Head.OtherTextSha256);
    }

    [Fact]
    public void An_earlier_original_that_cannot_be_read_starts_the_comparison_afresh_without_an_alarm()
    {
        var head = First();
        var decision = Decider.Decide(Facts(head, Page("<p>visit 2</p>"), Extracted("Something else entirely.")) with { EarlierOtherText = new EarlierOtherText(null) });

        Assert.Equal(CaptureOutcome.Unchanged, decision.Outcome);
        Assert.Equal(OtherTextChanges.Fingerprint("Something else entirely."), decision.Head.OtherTextSha256);
    }

    [Fact]
    public void A_head_from_before_other_texts_were_compared_gets_its_fingerprint_without_an_alarm()
    {
        var head = First() with { OtherTextSha256 = null, OtherTextOriginalSha256 = null };
        var facts = Facts(head, Page("<p>visit 2</p>"), Extracted(Note));

        Assert.False(CaptureDecider.NeedsEarlierOtherText(facts));
        var decision = Decider.Decide(facts);

        Assert.Equal(CaptureOutcome.Unchanged, decision.Outcome);
        Assert.Equal(OtherTextChanges.Fingerprint(Note), decision.Head.OtherTextSha256);
    }

    [Fact]
    public void Noise_in_the_article_text_and_an_edit_outside_it_is_changed_outside_text_keeping_the_noise_kind()
    {
        var first = FirstDecision();
        var typographic = Body.Replace("terminal's", "terminal\u2019s", StringComparison.Ordinal);
        var facts = Facts(first.Head with { ETag = "e1" }, Page("<p>visit 2</p>"), Extracted(Note + " Entries close in March.", typographic));
        Assert.True(CaptureDecider.NeedsPrevious(facts));
        var previous = TestResponses.Previous(first, Body);

        var decision = Decider.Decide(facts with { Previous = previous, EarlierOtherText = new EarlierOtherText(Note) });

        Assert.Equal((CaptureOutcome.ChangedOutsideText, NoiseKind.Typography), (decision.Outcome, decision.Check.Noise));
        Assert.Equal(4, decision.Check.OtherTextChange!.WordsAdded);
    }
}
