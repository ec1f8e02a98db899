using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hostile;
using Archive.Local.Hosting;
using Archive.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Archive.Functions.Tests.Hostile;

/// <summary>
/// Every hostile publisher case through the real capture path (the API, the queue, the capture worker, Azurite):
/// each article ends in its documented outcome with a true reason, within the fetch's time limits, and a normal
/// page submitted afterwards is still captured.
/// </summary>
public sealed class HostilePublisherTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Every_case_ends_in_its_documented_outcome_and_a_normal_page_is_captured_after()
    {
        await using var scope = await StorageScope.CreateAsync();
        await using var publisher = HostilePublisher.Start();
        await using var pages = await Archive.Local.PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        var settings = scope.Settings;
        foreach (var (key, value) in HostileRun.Settings)
        {
            settings[key] = value;
        }

        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        var results = await HostileRun.RunAsync(api, publisher, "test", TimeSpan.FromSeconds(90));

        foreach (var result in results)
        {
            output.WriteLine($"{result.Case.Name,-30} {result.Outcome,-18} {result.Elapsed.TotalSeconds,5:0.0} s  {result.Reason}");
        }

        Assert.All(results, r => Assert.True(r.AsDocumented, $"{r.Case.Name}: expected {r.Case.Outcome} saying '{r.Case.ReasonSays}', got {r.Outcome ?? "no final check"}: {r.Reason}"));

        // Two attempts of the slowest case (3 s total timeout) and the backoff between them bound every case.
        Assert.All(results, r => Assert.True(r.Elapsed < TimeSpan.FromSeconds(45), $"{r.Case.Name} took {r.Elapsed}"));

        using var submitted = await api.PostAsJsonAsync("api/captures", new { url = pages.Url("article-syria-2024.html").AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(api, id, 1);
        var article = await api.GetFromJsonAsync<JsonElement>($"api/articles/{id}");
        Assert.Equal("captured", article.GetProperty("lastOutcome").GetProperty("code").GetString());
    }
}
