using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archive.Core.Activity;
using Archive.Core.Provenance;
using Archive.Functions.Provenance;
using Archive.Local;
using Archive.Storage;
using Archive.Testing;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests.Provenance;

/// <summary>
/// Anchoring through the Functions app in the local runner on Azurite, with the local timestamp authority: the seed
/// article captured and edited, the anchor timer run once, both versions anchored with one request to the authority,
/// their bundles verified offline; an authority that fails is recorded and shown and the next run anchors what it missed;
/// a version whose activity entries are lost is passed over by the regular run and anchored by the daily catch-up.
/// </summary>
public sealed class AnchoringTests : IAsyncLifetime
{
    private LocalTimestampAuthority _authority = null!;
    private LocalRunner _runner = null!;
    private HttpClient _http = null!;

    private IAnchorStore Anchors => _runner.Host.Services.GetRequiredService<IAnchorStore>();

    public async Task InitializeAsync()
    {
        _authority = await LocalTimestampAuthority.StartAsync();
        _runner = await LocalRunner.StartAsync(_authority.AppSettings);
        _http = new HttpClient { BaseAddress = _runner.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runner.DisposeAsync();
        await _authority.DisposeAsync();
    }

    [Fact]
    public async Task Versions_are_anchored_with_one_request_per_run_and_their_bundles_verify_offline()
    {
        var id = await CaptureAsync("news/story", "article-syria-2024.html");
        _runner.Pages.SetFile("news/story", "article-syria-2024-edited.html");
        await RecheckAsync(id, 2);

        // Before any run, the bundle says "not anchored" and still checks the record and the chain.
        var early = await BundleAsync(id, 1);
        Assert.Equal("not-anchored", early.AnchorStatus);
        Assert.Equal(StepStatus.NotAnchored, BundleVerifier.Verify(early, trustRoots: [_authority.Ca.Root])["token"].Status);

        var run = await RunTimerAsync();
        Assert.Equal((AnchorRunOutcome.Anchored, 2, 2), (run.Outcome, run.Versions, run.ProofsWritten));
        Assert.Equal(1, _authority.Requests);

        foreach (var number in new[] { 1, 2 })
        {
            await VerifyOfflineAsync(id, number);
        }

        var page = await _http.GetStringAsync($"articles/{id}");
        Assert.Contains("proof valid", page, StringComparison.Ordinal);
        Assert.Contains($"/api/articles/{id}/versions/2/evidence", page, StringComparison.Ordinal);

        // Nothing new: the timer's run asks the authority nothing.
        await ActivatorUtilities.CreateInstance<AnchorTimer>(_runner.Host.Services).Run(new TimerInfo(), CancellationToken.None);
        Assert.Equal(1, _authority.Requests);
    }

    [Fact]
    public async Task A_failed_authority_is_recorded_and_shown_and_the_next_run_anchors_what_it_missed()
    {
        var id = await CaptureAsync("news/failing", "article-syria-2024.html");

        foreach (var mode in new[] { TimestampAuthorityMode.Unavailable, TimestampAuthorityMode.WrongDigest })
        {
            _authority.Mode = mode;
            var failed = await RunTimerAsync();
            Assert.Equal(AnchorRunOutcome.Failed, failed.Outcome);
            Assert.Equal("not-anchored", (await BundleAsync(id, 1)).AnchorStatus);
            var state = await Anchors.GetStateAsync();
            Assert.Null(state.AnchoredUntil);
            Assert.NotNull(state.LastFailure);
            var page = await _http.GetStringAsync($"articles/{id}");
            Assert.Contains("last attempt failed", page, StringComparison.Ordinal);
        }

        _authority.Mode = TimestampAuthorityMode.Grant;
        var run = await RunTimerAsync();
        Assert.Equal((AnchorRunOutcome.Anchored, 1), (run.Outcome, run.Versions));
        Assert.Equal(3, _authority.Requests);
        Assert.True(BundleVerifier.Verify(await BundleAsync(id, 1), trustRoots: [_authority.Ca.Root]).Verified);
        Assert.Null((await Anchors.GetStateAsync()).LastFailure);
    }

    [Fact]
    public async Task A_version_the_activity_index_lost_is_anchored_by_the_catch_up_with_one_request()
    {
        var id = await CaptureAsync("news/lost", "article-syria-2024.html");
        _runner.Pages.SetFile("news/lost", "article-syria-2024-edited.html");
        await RecheckAsync(id, 2);
        await LoseActivityAsync(id, 2);

        var regular = await RunTimerAsync();
        Assert.Equal((AnchorRunOutcome.Anchored, 1, 1), (regular.Outcome, regular.Versions, regular.ProofsWritten));
        Assert.Null(await Anchors.GetProofAsync(id, 2));
        var v1 = (await Anchors.GetProofAsync(id, 1))!;
        var anchoredUntil = (await Anchors.GetStateAsync()).AnchoredUntil;

        var sweep = await SweepAsync();
        Assert.Equal((AnchorRunOutcome.Anchored, 1, 1, 1), (sweep.Outcome, sweep.Versions, sweep.AuthorityRequests, sweep.ProofsWritten));
        Assert.Equal(2, _authority.Requests);

        Assert.Equal(sweep.Root, (await VerifyOfflineAsync(id, 2)).Anchor!.Root);

        // Version 1 keeps the proof of the regular run, and the sweep leaves the regular interval where it was.
        var v1After = (await Anchors.GetProofAsync(id, 1))!;
        Assert.Equal((v1.Root, v1.LeafIndex, v1.TreeSize), (v1After.Root, v1After.LeafIndex, v1After.TreeSize));
        Assert.Equal(regular.Root, v1After.Root);
        Assert.Equal(anchoredUntil, (await Anchors.GetStateAsync()).AnchoredUntil);

        // Nothing is missing any more: the timer's catch-up asks the authority nothing.
        await ActivatorUtilities.CreateInstance<AnchorSweepTimer>(_runner.Host.Services).Run(new TimerInfo(), CancellationToken.None);
        Assert.Equal(2, _authority.Requests);
        Assert.Equal(AnchorRunOutcome.NothingToAnchor, (await SweepAsync()).Outcome);
    }

    [Fact]
    public async Task A_failed_catch_up_is_recorded_and_the_next_one_anchors_the_version()
    {
        var id = await CaptureAsync("news/late", "article-syria-2024.html");
        await LoseActivityAsync(id, 1);

        // Before the first regular run no interval is closed: the catch-up has nothing to do.
        Assert.Equal((AnchorRunOutcome.NothingToAnchor, 0), ((await SweepAsync()).Outcome, _authority.Requests));
        Assert.Equal(AnchorRunOutcome.NothingToAnchor, (await RunTimerAsync()).Outcome);
        var anchoredUntil = (await Anchors.GetStateAsync()).AnchoredUntil;
        Assert.NotNull(anchoredUntil);
        Assert.Null(await Anchors.GetProofAsync(id, 1));

        _authority.Mode = TimestampAuthorityMode.Unavailable;
        var failed = await SweepAsync();
        Assert.Equal((AnchorRunOutcome.Failed, 1, 1), (failed.Outcome, failed.Versions, failed.AuthorityRequests));
        var state = await Anchors.GetStateAsync();
        Assert.Equal((anchoredUntil, 1), (state.AnchoredUntil, state.FailuresInARow));
        Assert.NotNull(state.LastFailure);
        Assert.Null(await Anchors.GetProofAsync(id, 1));
        Assert.Contains("last attempt failed", await _http.GetStringAsync($"articles/{id}"), StringComparison.Ordinal);

        _authority.Mode = TimestampAuthorityMode.Grant;
        var run = await SweepAsync();
        Assert.Equal((AnchorRunOutcome.Anchored, 1, 1), (run.Outcome, run.Versions, run.ProofsWritten));
        Assert.Equal(2, _authority.Requests);
        Assert.True(BundleVerifier.Verify(await BundleAsync(id, 1), trustRoots: [_authority.Ca.Root]).Verified);
        state = await Anchors.GetStateAsync();
        Assert.Equal((anchoredUntil, null, 0), (state.AnchoredUntil, state.LastFailure, state.FailuresInARow));
    }

    [Fact]
    public async Task The_evidence_route_answers_problems_for_bad_ids_and_unknown_versions()
    {
        using var bad = await _http.GetAsync("api/articles/nope/versions/1/evidence");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var unknown = await _http.GetAsync($"api/articles/{new string('a', 32)}/versions/1/evidence");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var zero = await _http.GetAsync($"api/articles/{new string('a', 32)}/versions/0/evidence");
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
    }

    private async Task<AnchorRunResult> RunAsync(Func<AnchoringService, Task<AnchorRunResult>> run)
    {
        var before = _authority.Requests;
        var result = await run(_runner.Host.Services.GetRequiredService<AnchoringService>());
        Assert.Equal(before + result.AuthorityRequests, _authority.Requests);
        return result;
    }

    private Task<AnchorRunResult> RunTimerAsync() => RunAsync(s => s.RunAsync());

    private Task<AnchorRunResult> SweepAsync() => RunAsync(s => s.AnchorStragglersAsync());

    private async Task<EvidenceBundle> VerifyOfflineAsync(string id, int number)
    {
        var bundle = await BundleAsync(id, number);
        Assert.Equal("anchored", bundle.AnchorStatus);
        var original = await _http.GetByteArrayAsync($"api/articles/{id}/versions/{number}/original");
        var version = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/{number}");
        var text = Encoding.UTF8.GetBytes(version.GetProperty("text").GetString()!);
        var report = BundleVerifier.Verify(bundle, original, text, [_authority.Ca.Root]);
        Assert.True(report.Verified, string.Join("\n", report.Steps.Select(s => $"{s.Name}: {s.Status} {s.Detail}")));
        return bundle;
    }

    private async Task<string> CaptureAsync(string path, string file)
    {
        _runner.Pages.SetFile(path, file);
        using var submitted = await _http.PostAsJsonAsync("api/captures", new { url = _runner.Pages.Url(path).AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(_http, id, 1);
        return id;
    }

    /// <summary>Deletes the activity entries of version <paramref name="number"/> once they are written, as a crash in the gathering moment would lose them.</summary>
    private async Task LoseActivityAsync(string id, int number)
    {
        var activity = _runner.Host.Services.GetRequiredService<IActivityLog>();
        var table = _runner.Host.Services.GetRequiredService<TableServiceClient>().GetTableClient(_runner.Host.Services.GetRequiredService<ResolvedStorageNames>().ActivityTable);
        var filter = TableClient.CreateQueryFilter($"ArticleId eq {id} and Version eq {number} and NewVersion eq {true}");
        for (var i = 0; i < 100 && !(await activity.ListNewVersionsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).Any(e => e.Id.Value == id && e.Version == number); i++)
        {
            await Task.Delay(100);
        }

        var deleted = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter))
        {
            await table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey);
            deleted++;
        }

        // The entry of the check and its copy under the new-version partitions.
        Assert.Equal(2, deleted);
        Assert.DoesNotContain(await activity.ListNewVersionsAsync(DateTimeOffset.MinValue, DateTimeOffset.MaxValue), e => e.Id.Value == id && e.Version == number);
    }

    private async Task<EvidenceBundle> BundleAsync(string id, int number)
    {
        var bytes = await _http.GetByteArrayAsync($"api/articles/{id}/versions/{number}/evidence");
        return EvidenceBundle.Parse(bytes);
    }

    private async Task RecheckAsync(string id, int checks)
    {
        using var recheck = await _http.PostAsync(new Uri($"api/articles/{id}/recheck", UriKind.Relative), null);
        Assert.True(recheck.StatusCode == HttpStatusCode.Accepted, await recheck.Content.ReadAsStringAsync());
        await ApiPolling.WaitForChecksAsync(_http, id, checks);
    }
}
