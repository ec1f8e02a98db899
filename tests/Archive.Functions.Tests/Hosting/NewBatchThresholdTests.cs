using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hosting;
using Archive.Functions.Tests.Faults;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Hosting;

/// <summary>The local runner takes new messages as the Functions host does: one slow publisher never holds the others.</summary>
public sealed class NewBatchThresholdTests : ScopeAndPagesTest
{
    [Fact]
    public async Task Captures_keep_flowing_while_one_capture_is_stuck_on_a_slow_publisher()
    {
        var stuck = new StalledPage(Pages, "slow/story");
        for (var i = 0; i < 12; i++)
        {
            Pages.SetFile($"fast/{i}", "article-syria-2024.html");
        }

        var settings = Scope.Settings;
        settings["Runner:MaxPollingInterval"] = "00:00:00.100";
        // The stuck fetch must outlast the test rather than time out and free its batch.
        settings["Fetch:HeadersTimeout"] = "00:02:00";
        settings["Fetch:TotalTimeout"] = "00:02:00";
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using (var slow = await http.PostAsJsonAsync("api/captures", new { url = stuck.Url.AbsoluteUri }))
        {
            slow.EnsureSuccessStatusCode();
        }

        await stuck.Hit;
        using var fast = await http.PostAsJsonAsync("api/captures", new { urls = Enumerable.Range(0, 12).Select(i => Pages.Url($"fast/{i}").AbsoluteUri) });
        var ids = (await fast.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();

        // host.json: batches of 8, a new batch once 4 or fewer are in flight. The stuck capture holds one slot only.
        foreach (var id in ids)
        {
            using var waited = await http.GetAsync(new Uri($"api/articles/{id}?waitFor=check&timeout=30", UriKind.Relative));
            Assert.Equal("checked", waited.Headers.GetValues("Archive-Wait").Single());
        }

        Assert.Equal(1, stuck.Requests);
        Assert.False(host.IsIdle);
        stuck.Release();
        await Poll.UntilAsync(() => Task.FromResult(host.IsIdle), idle => idle, TimeSpan.FromSeconds(30), "The stuck capture to finish");
    }
}
