using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hosting;
using Archive.Local;
using Archive.Core.Capture;
using Archive.Core.Urls;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Archive.Functions.Tests.Faults;

/// <summary>
/// The fault suite: storage stopped in the middle of a capture, the runner killed in the middle of a capture, a slow
/// capture outliving its message lease, and duplicate deliveries. Each ends with the capture complete exactly once:
/// one version, every blob it names readable and hashing to its name, nothing half-written visible through the API.
/// </summary>
public sealed class FaultSuiteTests(ITestOutputHelper output)
{
    private static async Task<string> SubmitAsync(HttpClient http, Uri url)
    {
        using var response = await http.PostAsJsonAsync("api/captures", new { url = url.AbsoluteUri, source = "fault-suite" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static Task<JsonElement> WaitForVersionAsync(HttpClient http, string id, TimeSpan limit) =>
        Poll.UntilAsync(() => http.GetFromJsonAsync<JsonElement>($"api/articles/{id}"), h => h.GetProperty("latestVersion").GetInt32() >= 1, limit, $"Version 1 of {id}");

    /// <summary>
    /// Asserts, through the API, that the article has exactly one version and that everything it names is there:
    /// the original served byte for byte, the chain valid with every original and text re-hashed. Returns the checks.
    /// </summary>
    private static async Task<List<JsonElement>> AssertCapturedOnceAsync(HttpClient http, string id)
    {
        var versions = (await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions")).GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([1], versions.Select(v => v.GetProperty("number").GetInt32()));
        using var original = await http.GetAsync(new Uri($"api/articles/{id}/versions/1/original", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024.html")), await original.Content.ReadAsByteArrayAsync());
        using var chain = await http.GetAsync(new Uri($"api/articles/{id}/chain?content=true", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, chain.StatusCode);
        Assert.True((await chain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean());
        var checks = (await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/checks")).GetProperty("checks").EnumerateArray().ToList();
        Assert.Single(checks, c => c.GetProperty("outcome").GetString() == "captured");
        return checks;
    }

    // The head is created by the first delivery when the message was queued directly: until then the article is unknown.
    private static async Task<int> CheckCountAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync(new Uri($"api/articles/{id}/checks", UriKind.Relative));
        return response.StatusCode == HttpStatusCode.NotFound ? 0 : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks").GetArrayLength();
    }

    private static async Task<int> BlobCountAsync(string connectionString, string container)
    {
        var count = 0;
        await foreach (var _ in new BlobServiceClient(connectionString).GetBlobContainerClient(container).GetBlobsAsync())
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Storage_stopped_in_the_middle_of_a_capture_then_restarted_captures_once_with_nothing_half_written()
    {
        await using var storage = await FaultStorage.StartAsync();
        await using var pages = await PageServer.StartAsync();
        var page = new StalledPage(pages, "stopped/story");
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = storage.Settings(), LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var id = await SubmitAsync(http, page.Url);

        await page.Hit;
        var down = System.Diagnostics.Stopwatch.StartNew();
        await storage.StopAsync();
        var stopping = down.Elapsed;
        page.Release();
        await Poll.UntilAsync(() => Task.FromResult(host.IsIdle), idle => idle, TimeSpan.FromSeconds(30), "The failed attempt to finish");
        var fetchesWhileDown = page.Requests;
        await storage.RestartAsync();
        output.WriteLine($"storage took {stopping.TotalSeconds:F1} s to stop and was down {down.Elapsed.TotalSeconds:F1} s");
        await WaitForVersionAsync(http, id, TimeSpan.FromSeconds(60));

        var checks = await AssertCapturedOnceAsync(http, id);
        var captured = checks.Single(c => c.GetProperty("outcome").GetString() == "captured");
        Assert.True(captured.GetProperty("attempt").GetInt32() >= 2);
        var connection = storage.Azurite.ConnectionString;
        Assert.Equal((1, 1, 1), (await BlobCountAsync(connection, StorageNames.OriginalsContainer), await BlobCountAsync(connection, StorageNames.TextsContainer), await BlobCountAsync(connection, StorageNames.RecordsContainer)));
        output.WriteLine($"storage stopped mid-capture 1x: {fetchesWhileDown} fetch while down, captured on delivery {captured.GetProperty("attempt").GetInt32()} after restart; versions 1, duplicates 0, orphans visible 0; checks: {string.Join(", ", checks.Select(c => c.GetProperty("outcome").GetString()))}");
    }

    [Fact]
    public async Task The_runner_killed_in_the_middle_of_a_capture_leaves_nothing_and_a_new_runner_captures_once()
    {
        await using var storage = await FaultStorage.StartAsync();
        await using var pages = await PageServer.StartAsync();
        var page = new StalledPage(pages, "killed/story");
        var settings = storage.Settings();
        settings["Fetch:AllowedNetworks:0"] = "127.0.0.0/8";
        string id;
        await using (var first = await RunnerProcess.StartAsync(settings))
        {
            using var http = new HttpClient { BaseAddress = first.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            id = await SubmitAsync(http, page.Url);
            await page.Hit;
            await first.KillAsync();
        }

        page.Release();
        await using var second = await RunnerProcess.StartAsync(settings);
        using var client = new HttpClient { BaseAddress = second.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var stillPending = await client.GetFromJsonAsync<JsonElement>($"api/articles/{id}");
        Assert.Equal(0, stillPending.GetProperty("latestVersion").GetInt32());
        await WaitForVersionAsync(client, id, TimeSpan.FromSeconds(60));

        var checks = await AssertCapturedOnceAsync(client, id);
        var only = Assert.Single(checks);
        Assert.Equal(2, only.GetProperty("attempt").GetInt32());
        Assert.Equal(2, page.Requests);
        var connection = storage.Azurite.ConnectionString;
        Assert.Equal((1, 1, 1), (await BlobCountAsync(connection, StorageNames.OriginalsContainer), await BlobCountAsync(connection, StorageNames.TextsContainer), await BlobCountAsync(connection, StorageNames.RecordsContainer)));
        output.WriteLine($"runner killed mid-capture 1x: captured once on delivery 2 by the new runner; fetches {page.Requests}, versions 1, checks {checks.Count}, duplicates 0, orphans visible 0");
    }

    [Fact]
    public async Task A_capture_slower_than_the_message_lease_keeps_its_message_invisible_and_runs_once()
    {
        await using var scope = await StorageScope.CreateAsync();
        await using var pages = await PageServer.StartAsync();
        var page = new StalledPage(pages, "slow/story", stallFor: TimeSpan.FromSeconds(3));
        var settings = scope.Settings;
        settings["Runner:MessageLease"] = "00:00:01";
        settings["Runner:MaxPollingInterval"] = "00:00:00.100";
        // Two runners on one queue, as the Functions host scales out: the idle one would take the message if its lease ran out.
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        await using var other = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var id = await SubmitAsync(http, page.Url);
        await WaitForVersionAsync(http, id, TimeSpan.FromSeconds(30));
        await Poll.UntilAsync(() => Task.FromResult(host.IsIdle && other.IsIdle), idle => idle, TimeSpan.FromSeconds(10));

        var checks = await AssertCapturedOnceAsync(http, id);
        Assert.Single(checks);
        Assert.Equal(1, page.Requests);
        output.WriteLine($"capture of 3 s under a 1 s lease, two runners polling: fetched {page.Requests}x, checks {checks.Count}, delivered once");
    }

    [Fact]
    public async Task The_same_message_delivered_concurrently_and_again_later_yields_one_version()
    {
        await using var scope = await StorageScope.CreateAsync();
        await using var pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        pages.SetFile("dup/story", "article-syria-2024.html");
        var url = UrlCanonicalizer.Canonicalize(pages.Url("dup/story").AbsoluteUri);
        var message = new CaptureMessage { ArticleId = ArticleId.For(url).Value, Url = url.ToString(), RequestedAt = scope.Clock.GetUtcNow() };
        var queue = scope.Get<ICaptureQueue>();
        for (var i = 0; i < 4; i++)
        {
            await queue.EnqueueAsync(message);
        }

        var settings = scope.Settings;
        settings["Runner:MaxPollingInterval"] = "00:00:00.100";
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Poll.UntilAsync(() => CheckCountAsync(http, message.ArticleId), n => n == 4, TimeSpan.FromSeconds(30));

        await queue.EnqueueAsync(message);
        await Poll.UntilAsync(() => CheckCountAsync(http, message.ArticleId), n => n == 5, TimeSpan.FromSeconds(30));

        var checks = await AssertCapturedOnceAsync(http, message.ArticleId);
        // The later delivery asks conditionally and the page server answers 304; the concurrent ones saw the same bytes.
        Assert.Equal(["not-modified", "unchanged", "unchanged", "unchanged"], checks.Take(4).Select(c => c.GetProperty("outcome").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal("captured", checks[4].GetProperty("outcome").GetString());
        output.WriteLine($"one message delivered 4x at once and 1x later: versions 1, checks {checks.Count} (1 captured, 3 unchanged, 1 not-modified), duplicates 0");
    }
}
