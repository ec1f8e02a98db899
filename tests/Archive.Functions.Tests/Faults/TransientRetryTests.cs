using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hosting;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Faults;

/// <summary>A publisher failing for a while, through the runner: each failure is recorded, retried later, and the capture completes once.</summary>
public sealed class TransientRetryTests : ScopeAndPagesTest
{
    [Fact]
    public async Task A_page_answering_503_twice_is_retried_with_backoff_and_captured_on_the_third_attempt()
    {
        var seed = await File.ReadAllBytesAsync(Path.Combine(Testing.SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024.html"));
        var requests = 0;
        Pages.SetHandler("/flaky", async context =>
        {
            if (Interlocked.Increment(ref requests) <= 2)
            {
                context.Response.StatusCode = 503;
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(seed);
        });
        var settings = Scope.Settings;
        settings["Capture:RetryDelay"] = "00:00:00.200";
        settings["Runner:MaxPollingInterval"] = "00:00:00.100";
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var submitted = await http.PostAsJsonAsync("api/captures", new { url = Pages.Url("flaky").AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Poll.UntilAsync(() => http.GetFromJsonAsync<JsonElement>($"api/articles/{id}"), h => h.GetProperty("latestVersion").GetInt32() == 1, TimeSpan.FromSeconds(30));

        var checks = (await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/checks")).GetProperty("checks").EnumerateArray()
            .Select(c => (c.GetProperty("outcome").GetString(), c.GetProperty("attempt").GetInt32(), c.GetProperty("willRetry").GetBoolean())).ToList();
        Assert.Equal([("captured", 3, false), ("http-5xx", 2, true), ("http-5xx", 1, true)], checks);
        Assert.Equal(3, requests);
    }
}
