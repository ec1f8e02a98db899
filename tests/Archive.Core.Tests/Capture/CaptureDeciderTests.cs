using Archive.Core.Capture;
using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Testing;
using Microsoft.Extensions.Options;

namespace Archive.Core.Tests.Capture;

/// <summary>The capture decision as a pure function: facts in, a decision out, no storage.</summary>
public sealed class CaptureDeciderTests
{
    private const string Body =
        "The rebel forces entered the capital on Sunday morning with little resistance from the army. Special operatives are inside the capital and are taking up key positions in strategic places.\n\n" +
        "While the defence ministry continues to claim that its forces have withdrawn, observers say the army withdrew from positions in the countryside roughly 10 kilometres from the capital.\n\n" +
        "The rebels are also freeing detainees from a notorious prison near the capital, which many refer to as a human slaughterhouse, and crowds gathered outside its gates through the night.\n\n" +
        "Hours earlier, the rebels claimed they fully took the major city to the north of the capital. A rebel commander claimed on Saturday that their forces had begun the final phase of encircling the capital.";

    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly CanonicalUrl Url = UrlCanonicalizer.Canonicalize("https://news.example/story");
    private static readonly ArticleMetadata Metadata = new() { Title = "Rebels enter the capital", Authors = ["A. Writer"], SiteName = "The Example" };
    private static readonly CaptureDecider Decider = new(Options.Create(new CaptureOptions()));

    private static ArticleHead NewHead() => new() { Id = ArticleId.For(Url), Url = Url.ToString(), SubmittedAt = T0, ETag = "e0" };

    private static CaptureAttempt Attempt(int number = 1, string trigger = CaptureTriggers.Submit) =>
        new(ArticleId.For(Url), Url, new CaptureMessage { ArticleId = ArticleId.For(Url).Value, Url = Url.ToString(), RequestedAt = T0, Trigger = trigger, Tags = ["t"] }, number);

    private static FetchedPage Page(int status = 200, string html = "<html>page</html>", string mediaType = "text/html", params HeaderField[] headers) =>
        TestResponses.Page(Url.Value, T0, html, status, mediaType, headers);

    private static ExtractedPage Extracted(string text, ArticleMetadata? metadata = null, PageKind kind = PageKind.Article) =>
        new(new ExtractionResult { Kind = kind, Reason = kind == PageKind.Article ? null : "test", Text = text, Metadata = metadata ?? Metadata, Encoding = "utf-8", EncodingSource = "http" }, new ExtractorInfo("test", "1"));

    private static CaptureFacts Facts(ArticleHead head, FetchedPage page, ExtractedPage? extracted, int attempt = 1) =>
        new(Attempt(attempt), head, page, extracted, T0.AddMinutes(1));

    // The first version of the article, decided and "committed" the way the commit stage would: the head after it.
    private static (ArticleHead Head, CaptureDecision Decision) FirstVersion(string text = Body)
    {
        var decision = Decider.Decide(Facts(NewHead(), Page(headers: new HeaderField("ETag", "\"v1\"")), Extracted(text)));
        return (decision.Head with { ETag = "e1" }, decision);
    }

    private static PreviousVersion Previous(CaptureDecision first, string text = Body) => TestResponses.Previous(first, text);

    [Fact]
    public void A_version_is_first_seen_when_the_fetch_that_found_it_began()
    {
        // The fetch began at T0; the decision is made a minute later. The version's one instant (its WARC-Date and
        // Memento-Datetime) is the fetch start its sealed record holds, not when the decision was made.
        var decision = Decider.Decide(Facts(NewHead(), Page(), Extracted(Body)));
        var row = decision.NewVersion!.Row;
        var record = System.Text.Json.JsonSerializer.Deserialize<VersionRecord>(decision.NewVersion.Record.Span, ArchiveJson.Options)!;
        Assert.Equal(T0, row.FirstSeenAt);
        Assert.Equal(record.Capture.FetchStartedAt, row.FirstSeenAt);
        Assert.Equal(T0.AddMinutes(1), row.LastSeenAt);
    }

    [Fact]
    public void A_first_capture_becomes_version_1_with_its_row_record_and_text_and_needs_no_earlier_version()
    {
        var facts = Facts(NewHead(), Page(headers: new HeaderField("ETag", "\"v1\"")), Extracted(Body));
        Assert.False(CaptureDecider.NeedsPrevious(facts));

        var decision = Decider.Decide(facts);

        Assert.Equal((CaptureOutcome.Captured, 1, false), (decision.Outcome, decision.Check.Version, decision.WillRetry));
        var version = decision.NewVersion!;
        var record = ArticleVersion.Seal(System.Text.Json.JsonSerializer.Deserialize<VersionRecord>(version.Record.Span, ArchiveJson.Options)!);
        Assert.Equal(version.Row.RecordSha256, record.Hash.Hex);
        Assert.Equal(version.Row.RecordSha256, ContentHash.Of(version.Record.Span).Hex);
        Assert.Equal(ContentHash.OfText(Body), version.CleanTextHash);
        Assert.Equal(VersionIdentity.Of(Extracted(Body).Result), new VersionIdentity(version.Row.TextSha256, version.Row.MetadataSha256!));
        Assert.Null(version.Change);
        Assert.Equal((1, 1, "\"v1\"", "Rebels enter the capital", "The Example"), (decision.Head.LatestVersion, decision.Head.CheckCount, decision.Head.ValidatorETag, decision.Head.Title, decision.Head.SiteName));
        Assert.Equal(version.Row.CleanTextSha256, decision.Head.LatestCleanTextSha256);
        Assert.Equal(decision.Head.FirstCapturedAt, decision.Head.LastChangedAt);
    }

    [Fact]
    public void A_new_record_is_schema_2_and_names_the_merkle_root_of_its_normalized_paragraphs()
    {
        var (_, decision) = FirstVersion();
        using var stored = System.Text.Json.JsonDocument.Parse(decision.NewVersion!.Record);
        Assert.Equal(VersionRecord.SchemaV2, stored.RootElement.GetProperty("schema").GetString());
        var paragraphs = stored.RootElement.GetProperty("paragraphs");

        // Recomputed from the definition alone: four paragraphs, leaves SHA-256(0x00 || UTF-8), RFC 6962 nodes.
        var leaves = Body.Split("\n\n").Select(p => System.Security.Cryptography.SHA256.HashData([0, .. System.Text.Encoding.UTF8.GetBytes(p)])).ToList();
        byte[] Node(byte[] l, byte[] r) => System.Security.Cryptography.SHA256.HashData([1, .. l, .. r]);
        var root = Node(Node(leaves[0], leaves[1]), Node(leaves[2], leaves[3]));
        Assert.Equal(4, paragraphs.GetProperty("count").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(root), paragraphs.GetProperty("root").GetString());
    }

    [Fact]
    public void An_unchanged_page_is_settled_from_the_head_alone_and_counts_a_sighting()
    {
        var (head, _) = FirstVersion();
        var facts = Facts(head, Page(), Extracted(Body));
        Assert.False(CaptureDecider.NeedsPrevious(facts));

        var decision = Decider.Decide(facts);

        Assert.Equal(CaptureOutcome.Unchanged, decision.Outcome);
        Assert.Null(decision.NewVersion);
        Assert.Equal(new VersionSighting(1, T0.AddMinutes(1), 2), decision.SeenAgain);
        Assert.Equal((2, 2), (decision.Head.LatestSeenCount, decision.Head.CheckCount));
    }

    [Fact]
    public void A_304_is_a_sighting_and_keeps_the_validators()
    {
        var (head, _) = FirstVersion();
        var decision = Decider.Decide(Facts(head, Page(304), null));
        Assert.Equal((CaptureOutcome.NotModified, 1), (decision.Outcome, decision.SeenAgain!.Number));
        Assert.Equal("\"v1\"", decision.Head.ValidatorETag);
    }

    [Fact]
    public void A_changed_text_needs_the_latest_version_and_becomes_an_edit_with_a_change_entry()
    {
        var (head, first) = FirstVersion();
        var edited = Body.Replace("roughly 10 kilometres", "roughly 25 kilometres", StringComparison.Ordinal);
        var facts = Facts(head, Page(html: "<html>edited</html>"), Extracted(edited));
        Assert.True(CaptureDecider.NeedsPrevious(facts));
        Assert.Throws<InvalidOperationException>(() => Decider.Decide(facts));

        var decision = Decider.Decide(facts with { Previous = Previous(first) });

        Assert.Equal((CaptureOutcome.Captured, 2), (decision.Outcome, decision.Check.Version));
        var change = decision.NewVersion!.Change!.Value.Row;
        Assert.Equal((1, 2, "edit", 1, 1), (change.FromVersion, change.ToVersion, change.Verdict, change.WordsAdded, change.WordsRemoved));
        Assert.Equal(first.NewVersion!.Row.RecordSha256, decision.NewVersion.Row.PreviousRecordSha256);
        Assert.Equal(change.ChangeSha256, ContentHash.Of(decision.NewVersion.Change.Value.Bytes.Span).Hex);
        Assert.Equal(decision.Head.LastChangedAt, T0.AddMinutes(1));
    }

    [Fact]
    public void White_space_only_is_noise_and_a_collapse_is_suspect_neither_makes_a_version()
    {
        var (head, first) = FirstVersion();
        var spaced = Body.Replace("Sunday morning", "Sunday  morning", StringComparison.Ordinal);
        var noise = Decider.Decide(Facts(head, Page(html: "<html>spaces</html>"), Extracted(spaced)) with { Previous = Previous(first) });
        Assert.Equal((CaptureOutcome.Noise, NoiseKind.Whitespace), (noise.Outcome, noise.Check.Noise));
        Assert.NotNull(noise.SeenAgain);

        var wall = Decider.Decide(Facts(head, Page(html: "<html>wall</html>"), Extracted("Subscribe to continue reading.", kind: PageKind.Wall)) with { Previous = Previous(first) });
        Assert.Equal(CaptureOutcome.Suspect, wall.Outcome);
        Assert.Null(wall.NewVersion);
        Assert.Null(wall.SeenAgain);
        Assert.Equal(1, wall.Head.LatestVersion);
    }

    [Fact]
    public void Going_back_to_an_earlier_version_is_a_flip()
    {
        var (head1, first) = FirstVersion();
        var edited = Body.Replace("human slaughterhouse", "human abattoir", StringComparison.Ordinal);
        var second = Decider.Decide(Facts(head1, Page(html: "<html>2</html>"), Extracted(edited)) with { Previous = Previous(first) });
        var head2 = second.Head with { ETag = "e2" };
        var previous = Previous(second, edited) with
        {
            All = [new VersionFingerprint(1, first.NewVersion!.Row.TextSha256, first.NewVersion.Row.MetadataSha256!), new VersionFingerprint(2, second.NewVersion!.Row.TextSha256, second.NewVersion.Row.MetadataSha256!)],
        };

        var back = Decider.Decide(Facts(head2, Page(), Extracted(Body)) with { Previous = previous });

        Assert.Equal((CaptureOutcome.Captured, 3), (back.Outcome, back.Check.Version));
        Assert.Equal("flip", back.NewVersion!.Change!.Value.Row.Verdict);
    }

    [Fact]
    public void Failures_are_retried_while_transient_and_attempts_last_and_keep_the_last_good_validators()
    {
        var (head, _) = FirstVersion();
        var fiveHundred = Decider.Decide(Facts(head, Page(503), null));
        Assert.Equal((CaptureOutcome.Http5xx, true, 503), (fiveHundred.Outcome, fiveHundred.WillRetry, fiveHundred.Check.StatusCode));
        Assert.Contains("Attempt 1 of 5; it will be retried.", fiveHundred.Check.Reason, StringComparison.Ordinal);
        Assert.Equal("\"v1\"", fiveHundred.Head.ValidatorETag);

        var lastAttempt = Decider.Decide(Facts(head, Page(503), null, attempt: 5));
        Assert.False(lastAttempt.WillRetry);

        var missing = Decider.Decide(Facts(NewHead(), Page(404), null));
        Assert.Equal((CaptureOutcome.Http4xx, false), (missing.Outcome, missing.WillRetry));

        var refused = Decider.Decide(Facts(NewHead(), new FetchedPage { Failure = new FetchFailedException(FetchFailureKind.Timeout, "Too slow.") }, null));
        Assert.Equal((CaptureOutcome.Timeout, true, null), (refused.Outcome, refused.WillRetry, refused.Check.StatusCode));
    }

    [Fact]
    public void Pages_that_are_not_html_or_not_articles_are_checks_without_versions()
    {
        var pdf = Decider.Decide(Facts(NewHead(), Page(mediaType: "application/pdf"), null));
        Assert.Equal(CaptureOutcome.NotHtml, pdf.Outcome);
        Assert.NotNull(pdf.Check.OriginalSha256);

        var index = Decider.Decide(Facts(NewHead(), Page(), Extracted("Home", kind: PageKind.Index)));
        Assert.Equal((CaptureOutcome.NotAnArticle, 0), (index.Outcome, index.Head.LatestVersion));
    }

    [Fact]
    public void Giving_up_names_the_last_failure_and_a_storage_failure_is_retried_while_attempts_last()
    {
        var failed = Decider.Decide(Facts(NewHead(), Page(503), null, attempt: 4)).Head;
        var gaveUp = Decider.GiveUp(Attempt(0), failed, T0.AddHours(1));
        Assert.Equal((CaptureOutcome.GaveUp, CaptureOutcome.Http5xx, 5), (gaveUp.Outcome, gaveUp.Check.LastFailure, gaveUp.Check.Attempt));
        Assert.Contains("the last attempt ended in http-5xx", gaveUp.Check.Reason, StringComparison.Ordinal);

        var storage = Decider.StorageFailed(Attempt(2), NewHead(), new InvalidOperationException("The table is gone.\nDetails follow."), T0);
        Assert.Equal((CaptureOutcome.StorageFailure, true), (storage.Outcome, storage.WillRetry));
        Assert.Equal("Storage failed: The table is gone. Attempt 2 of 5; it will be retried.", storage.Check.Reason);
    }
}
