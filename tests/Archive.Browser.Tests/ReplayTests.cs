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

        // Version 1; a re-check answered 304 Not Modified (a revisit with no HTTP block); a re-check answered 200 with
        // the same bytes (an identical-payload revisit); the publisher's edit, version 2. Each a second apart at least,
        // as replay tells captures apart by their 14-digit timestamps.
        var url = fixture.Pages.Url("replay/story");
        fixture.Pages.Set("replay/story", Seed("article-syria-2024.html"));
        var id = await CaptureAsync(url);
        await Task.Delay(1100);
        await RecheckAsync(id, 2);
        await Task.Delay(1100);
        fixture.Pages.Set("replay/story", Seed("article-syria-2024.html") with { Conditional = false });
        await RecheckAsync(id, 3);
        await Task.Delay(1100);
        fixture.Pages.Set("replay/story", Seed("article-syria-2024-edited.html") with { Conditional = false });
        await RecheckAsync(id, 4);

        await DownloadAsync($"api/articles/{id}/warc?format=wacz", "story.wacz");
        var captures = await CapturesAsync(id, url);
        Assert.True(captures.Count == 4, $"The index should hold two responses and two revisits: {string.Join("; ", captures)}");
        var (first, notModified, identical, second) = (captures[0], captures[1], captures[2], captures[3]);
        Assert.True(
            first.Mime == "text/html" && notModified.Mime == "warc/revisit" && identical.Mime == "warc/revisit" && second.Mime == "text/html",
            $"Unexpected captures: {string.Join("; ", captures)}");

        await using var site = await StartSiteAsync(
            ("v1.html", ReplayClient.HostPage("Replay of version 1", "story.wacz", url, first.Timestamp)),
            ("not-modified.html", ReplayClient.HostPage("Replay of the 304 re-check", "story.wacz", url, notModified.Timestamp)),
            ("identical.html", ReplayClient.HostPage("Replay of the identical re-check", "story.wacz", url, identical.Timestamp)),
            ("v2.html", ReplayClient.HostPage("Replay of version 2", "story.wacz", url, second.Timestamp)));
        var (page, _) = await fixture.NewPageAsync();

        var v1 = await ReplayAsync(page, site.Url("v1.html"), FirstWording);
        Assert.DoesNotContain("roughly 25 kilometres", v1, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "20-replay-version-1");

        foreach (var revisit in new[] { "not-modified.html", "identical.html" })
        {
            var again = await ReplayAsync(page, site.Url(revisit), FirstWording);
            Assert.DoesNotContain("roughly 25 kilometres", again, StringComparison.Ordinal);
        }

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
        var capture = Assert.Single(await CapturesAsync(id, url));

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

    private static ServedPage Seed(string seed) =>
        new(File.ReadAllBytes(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", seed)));

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

    // The captures of the page in the export's CDXJ index (SURT key, 14-digit timestamp, JSON), oldest first; the
    // sealed records and texts are indexed under URNs of their own, not the page's URL.
    private async Task<List<Capture>> CapturesAsync(string id, Uri page)
    {
        var index = await _api.GetStringAsync(new Uri($"api/articles/{id}/warc?format=cdxj", UriKind.Relative));
        return index.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' ', 3))
            .Select(parts => (Timestamp: parts[1], Fields: JsonDocument.Parse(parts[2]).RootElement))
            .Where(line => line.Fields.GetProperty("url").GetString() == page.AbsoluteUri)
            .Select(line => new Capture(line.Timestamp, line.Fields.GetProperty("mime").GetString()!))
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
        var reloaded = false;
        while (waited.Elapsed < ReplayWait)
        {
            // Now and then the client's service worker is not ready when its page first loads and the replayed page never
            // shows (the client's own frame stays empty); a reader would reload, and so does the test, once. The wording
            // must still be the version's own.
            if (!reloaded && waited.Elapsed > ReplayWait / 3)
            {
                reloaded = true;
                await page.ReloadAsync();
            }

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

        Assert.Fail($"{hostPage}: no replayed frame showed \"{wording}\" within {ReplayWait.TotalSeconds} s{(reloaded ? " (reloaded once)" : "")}. Frames: {string.Join("; ", seen)}");
        return "";
    }

    private sealed record Capture(string Timestamp, string Mime);
}
