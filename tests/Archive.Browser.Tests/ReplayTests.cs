using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local;
using Archive.Testing;
using Microsoft.Playwright;

namespace Archive.Browser.Tests;

/// <summary>
/// Exports replayed in a real replay client: the WACZ of an article's history, downloaded from the API, opened in
/// ReplayWeb.page in Chromium, served from 127.0.0.1 beside the client's files.
/// </summary>
public sealed class ReplayTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string FirstWording = "roughly 10 kilometres from the capital.";
    private const string EditedWording = "roughly 25 kilometres from the capital, not 10 kilometres as reported earlier.";
    private const string HostileWording = "The harbour board postponed its vote on the new ferry terminal";

    // Replay loads a service worker and indexes the package first: generous, as on a busy machine.
    private static readonly TimeSpan ReplayWait = TimeSpan.FromSeconds(60);

    private readonly string _folder = Directory.CreateTempSubdirectory("archive-replay-").FullName;
    private readonly HttpClient _api = new() { BaseAddress = fixture.Runner.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    [Fact]
    public async Task A_history_exported_as_WACZ_replays_each_version_at_its_own_time_and_the_revisit_as_the_first()
    {
        ReplayClient.Require(ReplayClient.Folder);

        // Version 1; a re-check that fetched the same bytes (a revisit); the publisher's edit, version 2. Each a second
        // apart at least, as replay tells captures apart by their 14-digit timestamps. The publisher here ignores
        // conditional requests, so the re-check is a 200 with identical bytes (an identical-payload revisit).
        var url = fixture.Pages.Url("replay/story");
        fixture.Pages.Set("replay/story", Unconditional("article-syria-2024.html"));
        var id = await CaptureAsync(url);
        await Task.Delay(1100);
        await RecheckAsync(id, 2);
        await Task.Delay(1100);
        fixture.Pages.Set("replay/story", Unconditional("article-syria-2024-edited.html"));
        await RecheckAsync(id, 3);

        await DownloadAsync($"api/articles/{id}/warc?format=wacz", "story.wacz");
        var captures = await CapturesAsync(id);
        Assert.True(captures.Count == 3, $"The index should hold two responses and a revisit: {string.Join("; ", captures)}");
        var (first, revisit, second) = (captures[0], captures[1], captures[2]);
        Assert.True(first.Mime == "text/html" && revisit.Mime == "warc/revisit" && second.Mime == "text/html", $"Unexpected captures: {string.Join("; ", captures)}");

        await using var site = await StartSiteAsync(
            ("v1.html", ReplayClient.HostPage("Replay of version 1", "story.wacz", url, first.Timestamp)),
            ("revisit.html", ReplayClient.HostPage("Replay of the re-check", "story.wacz", url, revisit.Timestamp)),
            ("v2.html", ReplayClient.HostPage("Replay of version 2", "story.wacz", url, second.Timestamp)));
        var (page, _) = await fixture.NewPageAsync();

        var v1 = await ReplayAsync(page, site.Url("v1.html"), FirstWording);
        Assert.DoesNotContain("roughly 25 kilometres", v1, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "20-replay-version-1");

        var again = await ReplayAsync(page, site.Url("revisit.html"), FirstWording);
        Assert.DoesNotContain("roughly 25 kilometres", again, StringComparison.Ordinal);

        var v2 = await ReplayAsync(page, site.Url("v2.html"), EditedWording);
        Assert.DoesNotContain(FirstWording, v2, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "21-replay-version-2");
    }

    [Fact]
    public async Task A_hostile_page_replays_without_its_scripts_reaching_the_page_that_embeds_the_replay()
    {
        ReplayClient.Require(ReplayClient.Folder);

        var url = fixture.Pages.Url("article-hostile.html");
        var id = await CaptureAsync(url);
        await DownloadAsync($"api/articles/{id}/warc?format=wacz", "hostile.wacz");
        var capture = Assert.Single(await CapturesAsync(id));

        const string title = "Replay of a hostile page";
        await using var site = await StartSiteAsync(("hostile.html", ReplayClient.HostPage(title, "hostile.wacz", url, capture.Timestamp)));
        var (page, dialogs) = await fixture.NewPageAsync();
        await page.GotoAsync(site.Url("hostile.html").AbsoluteUri);
        await page.EvaluateAsync("() => { localStorage.setItem('archive-marker', 'ours'); document.cookie = 'archive-marker=ours; path=/'; }");

        var text = await ReplayAsync(page, site.Url("hostile.html"), HostileWording, navigate: false);
        Assert.Contains("<script>window.__pwned='escaped-text';alert('text')</script>", text, StringComparison.Ordinal);
        await page.HoverAsync("replay-web-page");
        await BrowserFixture.ScreenshotAsync(page, "22-replay-hostile");

        // The archived page's scripts do run, inside the replay's frame (high-fidelity replay): the check below can fail.
        var replayed = page.Frames.First(f => f.Url.EndsWith("mp_/" + url.AbsoluteUri, StringComparison.Ordinal));
        Assert.NotNull(await replayed.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        lock (dialogs)
        {
            Assert.NotEmpty(dialogs);
        }

        // The page that embeds the replay is untouched: no global, title, storage or cookie of the archived page's.
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.Equal(title, await page.TitleAsync());
        Assert.Equal(
            "archive-marker=ours",
            await page.EvaluateAsync<string>("() => Object.keys(localStorage).filter(k => k.startsWith('archive-')).map(k => k + '=' + localStorage.getItem(k)).join(';')"));
        Assert.Equal("archive-marker=ours", await page.EvaluateAsync<string>("() => document.cookie"));
    }

    public void Dispose()
    {
        _api.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static ServedPage Unconditional(string seed) =>
        new(File.ReadAllBytes(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", seed))) { Conditional = false };

    private async Task<string> CaptureAsync(Uri url)
    {
        using var submitted = await _api.PostAsJsonAsync("api/captures", new { url = url.AbsoluteUri });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(_api, id, 1);
        return id;
    }

    private async Task RecheckAsync(string id, int checks)
    {
        using var recheck = await _api.PostAsync(new Uri($"api/articles/{id}/recheck", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, recheck.StatusCode);
        await ApiPolling.WaitForChecksAsync(_api, id, checks);
    }

    private async Task DownloadAsync(string path, string fileName)
    {
        using var response = await _api.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await File.WriteAllBytesAsync(Path.Combine(_folder, fileName), await response.Content.ReadAsByteArrayAsync());
    }

    // The captures of the export's CDXJ index (SURT key, 14-digit timestamp, JSON), oldest first.
    private async Task<List<Capture>> CapturesAsync(string id)
    {
        var index = await _api.GetStringAsync(new Uri($"api/articles/{id}/warc?format=cdxj", UriKind.Relative));
        return index.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .Select(parts => new Capture(parts[1], JsonDocument.Parse(parts[2]).RootElement.GetProperty("mime").GetString()!))
            .OrderBy(c => c.Timestamp, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<StaticSite> StartSiteAsync(params (string Name, string Html)[] pages)
    {
        foreach (var (name, html) in pages)
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, name), html);
        }

        return await StaticSite.StartAsync(_folder, ReplayClient.Folder);
    }

    // Opens a host page and answers the text of the replayed page once it shows `wording` (the replay is an iframe
    // inside the client's own iframe, inside the element's shadow DOM: Playwright lists every frame of the page).
    private static async Task<string> ReplayAsync(IPage page, Uri hostPage, string wording, bool navigate = true)
    {
        if (navigate)
        {
            await page.GotoAsync(hostPage.AbsoluteUri);
        }

        var seen = new List<string>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < ReplayWait)
        {
            seen.Clear();
            foreach (var frame in page.Frames.Where(f => f != page.MainFrame))
            {
                string text;
                try
                {
                    text = await frame.EvaluateAsync<string>("() => document.body ? document.body.innerText : ''");
                }
                catch (PlaywrightException)
                {
                    continue; // a frame navigating away or detached while replay loads
                }

                seen.Add($"{frame.Url} ({text.Length} characters)");
                if (text.Contains(wording, StringComparison.Ordinal))
                {
                    return text;
                }
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{hostPage}: no replayed frame showed \"{wording}\" within {ReplayWait.TotalSeconds} s. Frames: {string.Join("; ", seen)}");
        return "";
    }

    private sealed record Capture(string Timestamp, string Mime);
}
