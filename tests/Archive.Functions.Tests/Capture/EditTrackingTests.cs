using System.Text;
using System.Text.Json;
using Archive.Local;
using Archive.Core;
using Archive.Core.Capture;
using Archive.Core.Recheck;
using Archive.Core.Urls;
using Archive.Core.Verification;
using Archive.Core.Versions;
using Archive.Storage;
using Archive.Testing;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Archive.Functions.Tests.Capture;

/// <summary>Re-checks on Azurite against a page server that changes the page between checks.</summary>
public sealed class EditTrackingTests : IAsyncLifetime
{
    private static readonly string Seeds = Path.Combine(SharedAzurite.RepositoryRoot, "seeds");
    private static readonly string Original = File.ReadAllText(Path.Combine(Seeds, "article-syria-2024.html"));
    private static readonly string Edited = File.ReadAllText(Path.Combine(Seeds, "article-syria-2024-edited.html"));

    private StorageScope _scope = null!;
    private PageServer _pages = null!;

    public async Task InitializeAsync()
    {
        _scope = await StorageScope.CreateAsync();
        _pages = await PageServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private void Serve(string path, string html, bool conditional = false) =>
        _pages.Set(path, new ServedPage(Encoding.UTF8.GetBytes(html)) { Conditional = conditional });

    private async Task<(ArticleId Id, CaptureMessage Recheck)> ArchiveAsync(string path, string html, bool conditional = false)
    {
        Serve(path, html, conditional);
        var accepted = (await _scope.Get<SubmissionService>().SubmitAsync([new CaptureSubmission(_pages.Url(path).AbsoluteUri)]))[0];
        var submit = new CaptureMessage { ArticleId = accepted.Id.Value, Url = accepted.Url.ToString(), RequestedAt = _scope.Clock.GetUtcNow() };
        var first = await CaptureAsync(submit);
        Assert.Equal(CaptureOutcome.Captured, first.Outcome);
        return (accepted.Id, submit with { Trigger = CaptureTriggers.Recheck });
    }

    private Task<CaptureResult> CaptureAsync(CaptureMessage message) => _scope.Get<CaptureService>().CaptureAsync(message);

    private IArticleStore Store => _scope.Get<IArticleStore>();

    private ArticleReader Reader => _scope.Get<ArticleReader>();

    private async Task<int> BlobCountAsync(string container)
    {
        var client = _scope.Get<BlobServiceClient>().GetBlobContainerClient(container);
        var count = 0;
        await foreach (var _ in client.GetBlobsAsync())
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task An_unchanged_page_makes_no_version_and_writes_no_blob()
    {
        var (id, recheck) = await ArchiveAsync("a/unchanged", Original);
        var names = _scope.Get<ResolvedStorageNames>();
        var blobs = (await BlobCountAsync(names.OriginalsContainer), await BlobCountAsync(names.TextsContainer), await BlobCountAsync(names.RecordsContainer));

        var result = await CaptureAsync(recheck);

        Assert.Equal(CaptureOutcome.Unchanged, result.Outcome);
        Assert.Equal(1, result.Version);
        Assert.Single(await Store.ListVersionSummariesAsync(id));
        Assert.Equal(blobs, (await BlobCountAsync(names.OriginalsContainer), await BlobCountAsync(names.TextsContainer), await BlobCountAsync(names.RecordsContainer)));
        var summary = (await Store.GetVersionSummaryAsync(id, 1))!;
        Assert.Equal(2, summary.SeenCount);
        Assert.True(summary.LastSeenAt > summary.FirstSeenAt);
    }

    [Fact]
    public async Task A_304_answer_is_recorded_as_not_modified()
    {
        var (id, recheck) = await ArchiveAsync("a/conditional", Original, conditional: true);
        var result = await CaptureAsync(recheck);
        Assert.Equal(CaptureOutcome.NotModified, result.Outcome);
        Assert.Single(await Store.ListVersionSummariesAsync(id));
        Assert.Equal(1, await BlobCountAsync(_scope.Get<ResolvedStorageNames>().OriginalsContainer));
        Assert.Equal(2, _pages.Hits("a/conditional"));
    }

    [Fact]
    public async Task A_real_edit_becomes_a_new_version_with_a_change_log_entry_and_a_word_diff()
    {
        var (id, recheck) = await ArchiveAsync("a/edit", Original);
        Serve("a/edit", Edited);
        _scope.Clock.Advance(TimeSpan.FromMinutes(20));

        var result = await CaptureAsync(recheck);

        Assert.Equal(CaptureOutcome.Captured, result.Outcome);
        Assert.Equal(2, result.Version);
        var change = Assert.Single(await Reader.ListChangesAsync(id)).Record;
        Assert.Equal((1, 2, "edit"), (change.FromVersion, change.ToVersion, change.Verdict));
        Assert.Equal(["body", "title", "dates"], change.Kinds);
        Assert.Contains(change.MetadataChanges, m => m.Field == "title" && m.To == "Syrian rebels take Damascus as Bashar al-Assad flees; regime collapses");
        Assert.Contains(change.Diff, s => s is { Op: DiffOperation.Delete, Text: "10" });
        Assert.Contains(change.Diff, s => s is { Op: DiffOperation.Insert, Text: "25" });
        Assert.Equal(1, change.WordsRemoved);
        Assert.Equal(7, change.WordsAdded);

        var diff = (await _scope.Get<ArticleReader>().DiffAsync(id, 1, 2))!;
        Assert.Contains("roughly [-10-]{+25+} kilometres from the capital{+, not 10 kilometres as reported earlier+}.", diff.RenderText(), StringComparison.Ordinal);
        var head = (await Store.GetHeadAsync(id))!;
        Assert.Equal(2, head.LatestVersion);
        Assert.Equal("Syrian rebels take Damascus as Bashar al-Assad flees; regime collapses", head.Title);
    }

    [Fact]
    public async Task Noise_around_and_in_the_article_is_classified_and_makes_no_version()
    {
        var (id, recheck) = await ArchiveAsync("a/noise", Original);
        // Rotating teaser, comment counts, a new ad, and curly quotes straightened by a CMS update.
        var noisy = Original
            .Replace("Wary of resurgence of ISIS and Al Qaeda, Indian agencies keep close watch on Syrian fallout", "Who are HTS, the rebels who swept across Syria in a week?", StringComparison.Ordinal)
            .Replace("48 Comments", "61 Comments", StringComparison.Ordinal)
            .Replace("flights from ₹2,999", "hotels from ₹1,499", StringComparison.Ordinal)
            .Replace("Assad’s father", "Assad's father", StringComparison.Ordinal);
        Serve("a/noise", noisy);

        var result = await CaptureAsync(recheck);

        Assert.Equal(CaptureOutcome.Noise, result.Outcome);
        Assert.Single(await Store.ListVersionSummariesAsync(id));
        Assert.Empty(await Reader.ListChangesAsync(id));
        var check = (await Store.ListChecksAsync(id))[0];
        Assert.Equal(NoiseKind.Typography, check.Noise);
        Assert.Equal(1, check.Version);
    }

    [Fact]
    public async Task A_single_changed_word_of_the_body_always_registers()
    {
        var (id, recheck) = await ArchiveAsync("a/word", Original);
        Serve("a/word", Original.Replace("a human slaughterhouse", "a human abattoir", StringComparison.Ordinal));
        var result = await CaptureAsync(recheck);
        Assert.Equal(CaptureOutcome.Captured, result.Outcome);
        Assert.Equal(["body"], Assert.Single(await Reader.ListChangesAsync(id)).Record.Kinds);
    }

    [Fact]
    public async Task A_collapsed_extraction_is_flagged_as_suspect_not_recorded_as_a_deletion()
    {
        var (id, recheck) = await ArchiveAsync("a/paywall", Original);
        var start = Original.IndexOf("<p>Footage showed", StringComparison.Ordinal);
        var end = Original.IndexOf("</div>\n    <div class=\"story-tags\">", StringComparison.Ordinal);
        var paywalled = Original[..start] + "<div class=\"paywall\"><h3>Subscribe to continue reading</h3><p>Already a subscriber? Sign in to read the full story.</p></div>" + Original[end..];
        Serve("a/paywall", paywalled);

        var result = await CaptureAsync(recheck);

        Assert.Equal(CaptureOutcome.Suspect, result.Outcome);
        var head = (await Store.GetHeadAsync(id))!;
        Assert.Equal(1, head.LatestVersion);
        Assert.Equal(CaptureOutcome.Suspect, head.LastOutcome);
        Assert.Single(await Store.ListVersionSummariesAsync(id));
    }

    [Fact]
    public async Task An_error_page_served_with_200_is_suspect()
    {
        var (id, recheck) = await ArchiveAsync("a/error", Original);
        Serve("a/error", "<!DOCTYPE html><html><head><title>Page not found</title></head><body><h1>404</h1><p>Sorry, the page you are looking for could not be found.</p></body></html>");
        Assert.Equal(CaptureOutcome.Suspect, (await CaptureAsync(recheck)).Outcome);
        Assert.Single(await Store.ListVersionSummariesAsync(id));
    }

    [Fact]
    public async Task A_flip_back_to_an_earlier_version_is_recognised()
    {
        var (id, recheck) = await ArchiveAsync("a/flip", Original);
        Serve("a/flip", Edited);
        Assert.Equal(2, (await CaptureAsync(recheck)).Version);
        Serve("a/flip", Original);

        var result = await CaptureAsync(recheck);

        Assert.Equal(3, result.Version);
        var changes = await Reader.ListChangesAsync(id);
        Assert.Equal(["edit", "flip"], changes.Select(c => c.Record.Verdict));
        Assert.Equal(1, changes[1].Record.FlipOf);
        var versions = await Store.ListVersionSummariesAsync(id);
        Assert.Equal(versions[0].TextSha256, versions[2].TextSha256);
    }

    [Fact]
    public async Task Concurrent_rechecks_and_duplicate_deliveries_create_exactly_one_version()
    {
        var (id, recheck) = await ArchiveAsync("a/race", Original);
        Serve("a/race", Edited);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => CaptureAsync(recheck))));
        var again = await CaptureAsync(recheck);

        Assert.Single(results, r => r.Outcome == CaptureOutcome.Captured);
        Assert.All(results.Where(r => r.Outcome != CaptureOutcome.Captured), r => Assert.Equal(CaptureOutcome.Unchanged, r.Outcome));
        Assert.Equal(CaptureOutcome.Unchanged, again.Outcome);
        Assert.Equal([1, 2], (await Store.ListVersionSummariesAsync(id)).Select(v => v.Number));
        Assert.Single(await Reader.ListChangesAsync(id));
        Assert.Equal(10, (await Store.ListChecksAsync(id)).Count);
        Assert.True((await _scope.Get<ChainVerifier>().VerifyAsync(id, checkContent: true))!.Valid);
    }

    [Fact]
    public async Task The_chain_check_passes_for_untouched_history()
    {
        var (id, recheck) = await ArchiveAsync("a/chain", Original);
        Serve("a/chain", Edited);
        await CaptureAsync(recheck);
        var report = (await _scope.Get<ChainVerifier>().VerifyAsync(id, checkContent: true))!;
        Assert.True(report.Valid, string.Join("; ", report.Links.SelectMany(l => l.Problems).Concat(report.Problems)));
        Assert.Equal(2, report.Versions);
    }

    [Fact]
    public async Task A_tampered_history_row_fails_the_chain_check()
    {
        var (id, recheck) = await ArchiveAsync("a/tamper-row", Original);
        Serve("a/tamper-row", Edited);
        await CaptureAsync(recheck);
        var table = _scope.Get<TableServiceClient>().GetTableClient(_scope.Get<ResolvedStorageNames>().ArticlesTable);
        var row = (await table.GetEntityAsync<TableEntity>(id.Value, TableArticleStore.VersionKey(1))).Value;
        row["TextSha256"] = new string('0', 64);
        await table.UpdateEntityAsync(row, row.ETag);

        var report = (await _scope.Get<ChainVerifier>().VerifyAsync(id))!;

        Assert.False(report.Valid);
        Assert.Contains(report.Links[0].Problems, p => p.Contains("normalized text hash", StringComparison.Ordinal));
        Assert.True(report.Links[1].Valid);
    }

    [Fact]
    public async Task A_rewritten_record_or_original_fails_the_chain_check()
    {
        var (id, recheck) = await ArchiveAsync("a/tamper-blob", Original);
        Serve("a/tamper-blob", Edited);
        await CaptureAsync(recheck);
        var v1 = (await Store.GetVersionSummaryAsync(id, 1))!;
        var blobs = _scope.Get<BlobServiceClient>();
        var names = _scope.Get<ResolvedStorageNames>();
        // Someone with storage keys bypasses the write-once upload and rewrites history.
        var forged = JsonSerializer.Serialize(JsonDocument.Parse((await blobs.GetBlobContainerClient(names.RecordsContainer).GetBlobClient(v1.RecordSha256).DownloadContentAsync()).Value.Content).RootElement, ArchiveJson.Options).Replace("Aditi Rao", "Someone Else", StringComparison.Ordinal);
        await blobs.GetBlobContainerClient(names.RecordsContainer).GetBlobClient(v1.RecordSha256).UploadAsync(BinaryData.FromString(forged), overwrite: true);
        await blobs.GetBlobContainerClient(names.OriginalsContainer).GetBlobClient(v1.OriginalSha256).UploadAsync(BinaryData.FromString("<p>forged</p>"), overwrite: true);

        var report = (await _scope.Get<ChainVerifier>().VerifyAsync(id, checkContent: true))!;

        Assert.False(report.Valid);
        Assert.Contains(report.Links[0].Problems, p => p.Contains("was changed", StringComparison.Ordinal));
        await Assert.ThrowsAsync<RecordIntegrityException>(() => Reader.GetVersionRecordAsync(id, 1));
    }

    [Fact]
    public async Task A_removed_version_fails_the_chain_check()
    {
        var (id, recheck) = await ArchiveAsync("a/tamper-delete", Original);
        Serve("a/tamper-delete", Edited);
        await CaptureAsync(recheck);
        Serve("a/tamper-delete", Original.Replace("Sednaya prison", "Saydnaya prison", StringComparison.Ordinal));
        await CaptureAsync(recheck);
        var table = _scope.Get<TableServiceClient>().GetTableClient(_scope.Get<ResolvedStorageNames>().ArticlesTable);
        await table.DeleteEntityAsync(id.Value, TableArticleStore.VersionKey(2));

        var report = (await _scope.Get<ChainVerifier>().VerifyAsync(id))!;

        Assert.False(report.Valid);
        Assert.Contains(report.Links.SelectMany(l => l.Problems), p => p.Contains("missing or was added", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Captures_schedule_their_next_check_and_the_timer_queues_exactly_the_due_articles()
    {
        var t0 = _scope.Clock.GetUtcNow();
        var (a, _) = await ArchiveAsync("a/due-a", Original);
        _scope.Clock.Advance(TimeSpan.FromMinutes(10));
        var (b, _) = await ArchiveAsync("a/due-b", Original);
        var headA = (await Store.GetHeadAsync(a))!;
        Assert.InRange(headA.NextCheckAt!.Value, t0.AddMinutes(15), t0.AddMinutes(15).AddSeconds(1));

        _scope.Clock.Advance(TimeSpan.FromMinutes(10));
        var first = await _scope.Get<DueRechecks>().EnqueueDueAsync();
        Assert.Equal(1, first.Enqueued);
        Assert.Equal([a.Value], await QueuedRechecksAsync());

        _scope.Clock.Advance(TimeSpan.FromMinutes(10));
        var second = await _scope.Get<DueRechecks>().EnqueueDueAsync();
        Assert.Equal(1, second.Enqueued);
        Assert.Equal([a.Value, b.Value], await QueuedRechecksAsync());

        var third = await _scope.Get<DueRechecks>().EnqueueDueAsync();
        Assert.Equal(0, third.Enqueued);
    }

    [Fact]
    public async Task The_timer_reads_only_due_entries_of_the_index()
    {
        var now = _scope.Clock.GetUtcNow();
        var index = _scope.Get<TableDueIndex>();
        var entries = Enumerable.Range(0, 300).Select(i =>
        {
            var url = UrlCanonicalizer.Canonicalize($"https://news.example/{i}");
            return new DueEntry(ArticleId.For(url), url.ToString(), i < 7 ? now.AddMinutes(-i - 1) : now.AddMinutes(i));
        }).ToList();
        await index.AddAsync(entries);

        var run = await _scope.Get<DueRechecks>().EnqueueDueAsync();

        Assert.Equal(7, run.Enqueued);
        Assert.Equal(entries.Take(7).Select(e => e.Id.Value).Order(), (await QueuedRechecksAsync()).Order());
        var left = new List<DueEntry>();
        await foreach (var entry in index.ListDueAsync(now.AddDays(2), 1000))
        {
            left.Add(entry);
        }

        // The 293 not due are untouched; each of the 7 taken moved on to its next check by the cadence.
        Assert.Equal(300, left.Count);
        var taken = entries.Take(7).Select(e => e.Id).ToHashSet();
        Assert.All(left.Where(e => taken.Contains(e.Id)), e => Assert.InRange(e.DueAt, now.AddMinutes(15), now.AddMinutes(15).AddSeconds(1)));
        Assert.Equal(
            entries.Skip(7).Select(e => $"{e.Id} {e.DueAt:O}").Order(StringComparer.Ordinal),
            left.Where(e => !taken.Contains(e.Id)).Select(e => $"{e.Id} {e.DueAt:O}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_cadence_decays_with_quiet_time()
    {
        var (id, recheck) = await ArchiveAsync("a/decay", Original);
        _scope.Clock.Advance(TimeSpan.FromDays(2));
        await CaptureAsync(recheck);
        var head = (await Store.GetHeadAsync(id))!;
        Assert.Equal(_scope.Clock.GetUtcNow().AddHours(3), head.NextCheckAt!.Value, TimeSpan.FromSeconds(1));
    }

    private async Task<List<string>> QueuedRechecksAsync()
    {
        var queue = _scope.Get<QueueServiceClient>().GetQueueClient(_scope.Get<ResolvedStorageNames>().CaptureQueue);
        var peeked = await queue.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => JsonSerializer.Deserialize<CaptureMessage>(m.Body, ArchiveJson.Options)!).Where(m => m.Trigger == CaptureTriggers.Recheck).Select(m => m.ArticleId)];
    }
}
