using Microsoft.Playwright;

namespace Archive.Browser.Tests;

/// <summary>What archivists and researchers do on the pages, in a real browser.</summary>
public sealed class ArchivistJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FirstVersionQuote = "the army withdrew from positions in the Damascus countryside roughly 10 kilometres from the capital";

    [Fact]
    public async Task Submit_watch_the_capture_recheck_an_edit_read_the_diff_and_verify_a_quote()
    {
        fixture.Pages.SetFile("journey", "article-syria-2024.html");
        var (page, dialogs) = await fixture.NewPageAsync();

        await page.GotoAsync("/");
        await BrowserFixture.ScreenshotAsync(page, "01-home");
        // The form leads to the article's page, which refreshes itself until the capture is in.
        var id = await SubmitAsync(page, fixture.Pages.Url("journey").AbsoluteUri, "syria, damascus", "wire desk");
        Assert.Contains("Syrian rebels enter Damascus", await page.TextContentAsync("#title"), StringComparison.Ordinal);
        Assert.Contains("Aditi Rao", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "02-article-first-version");

        // The publisher edits the page; the archivist asks for a re-check from the article page.
        fixture.Pages.SetFile("journey", "article-syria-2024-edited.html");
        await page.ClickAsync("#recheck");
        await WaitForAsync(page, "#timeline tbody tr", 2);
        await BrowserFixture.ScreenshotAsync(page, "03-article-after-edit");

        await page.ClickAsync("#timeline tbody tr:nth-child(2) a:text('diff')");
        await page.WaitForURLAsync("**/diff?from=1&to=2");
        Assert.Equal("10", (await page.TextContentAsync("#diff del:has-text('10')"))?.Trim());
        Assert.Contains("25", await page.TextContentAsync("#diff ins:has-text('25')"), StringComparison.Ordinal);
        Assert.Contains("title", await page.TextContentAsync("#metadata-changes"), StringComparison.Ordinal);
        // Highlighted, not just marked up: the stylesheet loaded and gives insertions and deletions a background.
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.EvalOnSelectorAsync<string>("#diff ins", "e => getComputedStyle(e).backgroundColor"));
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.EvalOnSelectorAsync<string>("#diff del", "e => getComputedStyle(e).backgroundColor"));
        await BrowserFixture.ScreenshotAsync(page, "04-diff");

        await page.GotoAsync($"/verify?article={id}");
        await page.FillAsync("#passage", FirstVersionQuote);
        await page.ClickAsync("form.verify button[type=submit]");
        await page.WaitForSelectorAsync("#result");
        Assert.Equal("Found", (await page.TextContentAsync("#result h2"))?.Trim());
        var held = await page.Locator("#result li.held > a").AllTextContentsAsync();
        Assert.Equal(["Version 1"], held);
        await BrowserFixture.ScreenshotAsync(page, "05-verify");

        await page.GotoAsync("/");
        Assert.Contains("Syrian rebels", await page.TextContentAsync("#latest"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "06-home-with-captures");

        // Readable on a phone: nothing wider than the screen on the article page.
        var (phone, _) = await fixture.NewPageAsync(phone: true);
        await phone.GotoAsync($"/articles/{id}");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "The article page scrolls sideways on a phone.");
        await BrowserFixture.ScreenshotAsync(phone, "07-article-phone");
        Assert.Empty(dialogs);
    }

    [Fact]
    public async Task Nothing_of_a_hostile_page_runs_on_our_pages_or_from_its_original_bytes()
    {
        // The detector works: opened from its own site, the hostile page does run and does alert.
        var (control, controlDialogs) = await fixture.NewPageAsync();
        await control.GotoAsync(fixture.Pages.Url("article-hostile.html").AbsoluteUri);
        Assert.NotNull(await control.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        Assert.NotEmpty(controlDialogs);

        var (page, dialogs) = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        var id = await SubmitAsync(
            page, fixture.Pages.Url("article-hostile.html").AbsoluteUri, "<script>window.__pwned='tag';alert('tag')</script>", "\"><img src=x onerror=\"window.__pwned='source';alert('source')\">");

        foreach (var (path, name) in new[] { ($"/articles/{id}", "10-hostile-article"), ("/", "11-hostile-home"), ($"/articles/{id}/diff?from=1&to=1", "12-hostile-diff"), ($"/verify?article={id}&passage=written%20text", "13-hostile-verify") })
        {
            await page.GotoAsync(path);
            await page.HoverAsync("main");
            await AssertNothingRanAsync(page, dialogs, path);
            await BrowserFixture.ScreenshotAsync(page, name);
        }

        // The injections are there to read, as text.
        await page.GotoAsync($"/articles/{id}");
        Assert.Contains("<script>window.__pwned='ld';alert('ld')</script>", await page.TextContentAsync("#title"), StringComparison.Ordinal);
        Assert.Contains("<script>window.__pwned='escaped-text';alert('text')</script>", await page.TextContentAsync("#text"), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("main script, main img, main iframe, main svg").CountAsync());

        // The original bytes, byte for byte, yet sandboxed: their scripts and handlers do not run in our origin.
        await page.ClickAsync("a:text('original bytes')");
        await page.WaitForURLAsync("**/versions/1/original");
        await page.WaitForLoadStateAsync(LoadState.Load);
        await AssertNothingRanAsync(page, dialogs, "original");
        await BrowserFixture.ScreenshotAsync(page, "14-hostile-original-sandboxed");
    }

    // Fills and sends the home page's form; answers the article id once its first capture shows.
    private static async Task<string> SubmitAsync(IPage page, string url, string tags, string source)
    {
        await page.FillAsync("#urls", url);
        await page.FillAsync("#tags", tags);
        await page.FillAsync("#source", source);
        await page.ClickAsync("form.submit button[type=submit]");

        // The article page holds its answer until the first check is recorded (at most PageQueries.PendingWait): the
        // navigation is followed from when it commits, and the rows are waited for below, so a busy machine only waits longer.
        await page.WaitForURLAsync("**/articles/*", new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        var id = new Uri(page.Url).AbsolutePath.Split('/')[2];
        await WaitForAsync(page, "#timeline tbody tr", 1);
        return id;
    }

    private static async Task AssertNothingRanAsync(IPage page, List<string> dialogs, string where)
    {
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__pwned ?? null"));
        // The page's own title contains the words as text; a script that ran would have replaced the whole title.
        Assert.NotEqual("PWNED", await page.TitleAsync());
        lock (dialogs)
        {
            Assert.True(dialogs.Count == 0, $"{where}: dialogs opened: {string.Join("; ", dialogs)}");
        }
    }

    // Reloads until the selector matches at least `count` elements (the page also refreshes itself while pending).
    private static async Task WaitForAsync(IPage page, string selector, int count)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.Locator(selector).CountAsync() >= count)
            {
                return;
            }

            await Task.Delay(500);
            await page.ReloadAsync();
        }

        Assert.Fail($"{selector} never showed {count} element(s) on {page.Url}.");
    }
}
