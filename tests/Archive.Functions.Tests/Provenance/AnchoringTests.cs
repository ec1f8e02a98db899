using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archive.Core.Provenance;
using Archive.Functions.Provenance;
using Archive.Local;
using Archive.Testing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests.Provenance;

/// <summary>
/// Anchoring through the Functions app in the local runner on Azurite, with the local timestamp authority: the seed
/// article captured and edited, the anchor timer run once, both versions anchored with one request to the authority,
/// their bundles verified offline; an authority that fails is recorded and shown and the next run anchors what it missed.
/// </summary>
public sealed class AnchoringTests : IAsyncLifetime
{
    private LocalTimestampAuthority _authority = null!;
    private LocalRunner _runner = null!;
    private HttpClient _http = null!;

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
        _runner.Pages.SetFile("news/story", "article-syria-2024.html");
        using var submitted = await _http.PostAsJsonAsync("api/captures", new { url = _runner.Pages.Url("news/story").AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(_http, id, 1);
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
            var bundle = await BundleAsync(id, number);
            Assert.Equal("anchored", bundle.AnchorStatus);
            var original = await _http.GetByteArrayAsync($"api/articles/{id}/versions/{number}/original");
            var version = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/{number}");
            var text = Encoding.UTF8.GetBytes(version.GetProperty("text").GetString()!);
            var report = BundleVerifier.Verify(bundle, original, text, [_authority.Ca.Root]);
            Assert.True(report.Verified, string.Join("\n", report.Steps.Select(s => $"{s.Name}: {s.Status} {s.Detail}")));
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
        _runner.Pages.SetFile("news/failing", "article-syria-2024.html");
        using var submitted = await _http.PostAsJsonAsync("api/captures", new { url = _runner.Pages.Url("news/failing").AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(_http, id, 1);

        foreach (var mode in new[] { TimestampAuthorityMode.Unavailable, TimestampAuthorityMode.WrongDigest })
        {
            _authority.Mode = mode;
            var failed = await RunTimerAsync();
            Assert.Equal(AnchorRunOutcome.Failed, failed.Outcome);
            Assert.Equal("not-anchored", (await BundleAsync(id, 1)).AnchorStatus);
            var state = await _runner.Host.Services.GetRequiredService<IAnchorStore>().GetStateAsync();
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
        Assert.Null((await _runner.Host.Services.GetRequiredService<IAnchorStore>().GetStateAsync()).LastFailure);
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

    private async Task<AnchorRunResult> RunTimerAsync()
    {
        var anchoring = _runner.Host.Services.GetRequiredService<AnchoringService>();
        var before = _authority.Requests;
        var result = await anchoring.RunAsync();
        Assert.Equal(before + result.AuthorityRequests, _authority.Requests);
        return result;
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
