using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Archive.Local.Hosting;
using Archive.Functions.Pages.Views;
using Archive.Testing;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Pages;

/// <summary>The pages for people, through the local runner over Azurite, with a local page server as the publisher.</summary>
public sealed class PagesTests : IAsyncLifetime
{
    private const string FirstVersionQuote = "the army withdrew from positions in the Damascus countryside roughly 10 kilometres from the capital";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private LocalRunner _runner = null!;
    private HttpClient _http = null!;
    private string _id = null!;
    private string _hostileId = null!;

    public async Task InitializeAsync()
    {
        _runner = await LocalRunner.StartAsync();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _runner.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        _runner.Pages.SetFile("story", "article-syria-2024.html");
        _id = await SubmitFormAsync(_runner.Pages.Url("story").AbsoluteUri, "syria, damascus", "wire desk");
        await LocalApi.WaitForChecksAsync(_http, _id, 1);
        _runner.Pages.SetFile("story", "article-syria-2024-edited.html");
        using var recheck = await _http.PostAsync(new Uri($"api/articles/{_id}/recheck", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, recheck.StatusCode);
        await LocalApi.WaitForChecksAsync(_http, _id, 2);

        _hostileId = await SubmitFormAsync(_runner.Pages.Url("article-hostile.html").AbsoluteUri, "<script>alert('tag')</script>", "\"><img src=x onerror=alert(1)>");
        await LocalApi.WaitForChecksAsync(_http, _hostileId, 1);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runner.DisposeAsync();
    }

    private async Task<string> SubmitFormAsync(string urls, string tags, string source)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["urls"] = urls, ["tags"] = tags, ["source"] = source });
        using var response = await _http.PostAsync(new Uri("submit", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/articles/", location, StringComparison.Ordinal);
        return location["/articles/".Length..];
    }

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    private static void AssertOurPage(HttpResponseMessage response)
    {
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(PageResult.ContentSecurityPolicy, string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task The_home_page_has_the_form_and_lists_the_latest_captures_with_their_status()
    {
        var (status, body, response) = await GetAsync("");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertOurPage(response);
        Assert.Contains("<form method=\"post\" action=\"/submit\"", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/articles/{_id}\"", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/articles/{_hostileId}\"", body, StringComparison.Ordinal);
        Assert.Contains("badge-captured", body, StringComparison.Ordinal);
        // One line per article, however often it was checked.
        Assert.Equal(1, body.Split($"href=\"/articles/{_id}\"").Length - 1);

        var (_, withKey, _) = await GetAsync("?code=a%22b");
        Assert.Contains("action=\"/submit?code=a%22b\"", withKey, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_article_page_shows_metadata_history_timeline_text_and_evidence()
    {
        var (status, body, response) = await GetAsync($"articles/{_id}");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertOurPage(response);
        Assert.Contains("Aditi Rao", body, StringComparison.Ordinal);
        Assert.Contains("The Meridian Ledger", body, StringComparison.Ordinal);
        Assert.Contains("wire desk", body, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"version\">Version 2</h2>", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/articles/{_id}/diff?from=1&amp;to=2\"", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/api/articles/{_id}/versions/2/original\"", body, StringComparison.Ordinal);
        Assert.Contains("<span class=\"ok\">intact</span>", body, StringComparison.Ordinal);
        Assert.Contains("edit", body, StringComparison.Ordinal);
        Assert.Contains("roughly 25 kilometres", body, StringComparison.Ordinal);

        var (_, first, _) = await GetAsync($"articles/{_id}?version=1");
        Assert.Contains("<h2 id=\"version\">Version 1</h2>", first, StringComparison.Ordinal);
        Assert.Contains("roughly 10 kilometres", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_diff_page_marks_insertions_deletions_and_the_title_change()
    {
        var (status, body, response) = await GetAsync($"articles/{_id}/diff?from=1&to=2");
        Assert.Equal(HttpStatusCode.OK, status);
        AssertOurPage(response);
        Assert.Contains("roughly <del>10</del><ins>25</ins>", body.Replace(" <ins>", "<ins>", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("<tr><th>title</th>", body, StringComparison.Ordinal);
        // Two versions, one change: nothing before it, nothing after it.
        Assert.DoesNotContain("id=\"previous-change\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"next-change\"", body, StringComparison.Ordinal);

        // Without from and to: the latest change.
        var (_, latest, _) = await GetAsync($"articles/{_id}/diff");
        Assert.Contains("<del>10</del>", latest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_page_finds_a_quote_of_the_first_version_with_evidence_or_the_closest_version()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["article"] = _runner.Pages.Url("story").AbsoluteUri, ["passage"] = FirstVersionQuote });
        using var response = await _http.PostAsync(new Uri("verify", UriKind.Relative), form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertOurPage(response);
        Assert.Contains("<section class=\"result found\"", body, StringComparison.Ordinal);
        Assert.Contains($"href=\"/articles/{_id}?version=1\">Version 1</a>", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"?version=2\">Version 2</a>", body, StringComparison.Ordinal);

        var (_, missing, _) = await GetAsync($"verify?article={_id}&passage={Uri.EscapeDataString("roughly 40 kilometres from the capital")}");
        Assert.Contains("<section class=\"result not-found\"", missing, StringComparison.Ordinal);
        Assert.Contains("id=\"closest\"", missing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verify_page_offers_the_paragraph_proof_of_a_whole_paragraph_as_a_file_that_checks()
    {
        var version = await _http.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/articles/{_id}/versions/2");
        var paragraph = Archive.Core.Provenance.ParagraphTree.Split(version.GetProperty("text").GetString()!)[1];
        var (status, body, _) = await GetAsync($"verify?article={_id}&passage={Uri.EscapeDataString(paragraph)}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("id=\"paragraph-proof-2\"", body, StringComparison.Ordinal);
        Assert.Contains("<strong>proof valid</strong>", body, StringComparison.Ordinal);

        var link = System.Text.RegularExpressions.Regex.Match(body, "href=\"data:application/json;base64,([^\"]+)\" download=\"paragraph-proof-[0-9a-f]{32}-v2.json\"");
        Assert.True(link.Success, body);
        var proof = System.Text.Json.JsonSerializer.Deserialize<Archive.Core.Verification.ParagraphProof>(Convert.FromBase64String(link.Groups[1].Value), Archive.Core.ArchiveJson.Options)!;
        Assert.All(Archive.Core.Verification.ParagraphProofChecker.Check(proof), s => Assert.True(s.Passed, s.Name));

        var (_, part, _) = await GetAsync($"verify?article={_id}&passage={Uri.EscapeDataString(paragraph[..^5])}");
        Assert.Contains("No paragraph proof: The passage is not one or more whole paragraphs", part, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_feeds_are_atom_with_the_edit()
    {
        var (status, xml, response) = await GetAsync("feeds/changes.atom");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        var feed = XDocument.Parse(xml);
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(3, entries.Count);
        var edit = Assert.Single(entries, e => e.Element(Atom + "id")!.Value == $"urn:archive:{_id}:v2");
        Assert.Equal(new Uri(_runner.Host.BaseAddress, $"articles/{_id}/diff?from=1&to=2").AbsoluteUri, edit.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Contains("title", edit.Element(Atom + "summary")!.Value, StringComparison.Ordinal);
        // The hostile title is text in the feed, not markup.
        var hostile = Assert.Single(entries, e => e.Element(Atom + "id")!.Value == $"urn:archive:{_hostileId}:v1");
        Assert.Contains("<script>", hostile.Element(Atom + "title")!.Value, StringComparison.Ordinal);
        Assert.Empty(hostile.Element(Atom + "title")!.Elements());

        var article = XDocument.Parse((await GetAsync($"articles/{_id}/changes.atom")).Body);
        Assert.Equal([$"urn:archive:{_id}:v2", $"urn:archive:{_id}:v1"], article.Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value));
    }

    [Fact]
    public async Task Archived_markup_is_escaped_on_every_page()
    {
        foreach (var path in new[] { "", $"articles/{_hostileId}", $"articles/{_hostileId}/diff?from=1&to=1", $"verify?article={_hostileId}&passage=written%20text" })
        {
            var (status, body, response) = await GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            AssertOurPage(response);
            Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<iframe", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("javascript:", body.Replace("&#x27;", "'", StringComparison.Ordinal).Split("href=\"").Skip(1).Select(h => h.Split('"')[0]), StringComparer.Ordinal);
        }

        var (_, page, _) = await GetAsync($"articles/{_hostileId}");
        Assert.Contains("&lt;script&gt;window.__pwned=&#x27;escaped-text&#x27;", page, StringComparison.Ordinal);
        // Markup in a declared author is not part of the name: the extractor keeps "Mara Quill" and drops the rest.
        Assert.Contains("Mara Quill", page, StringComparison.Ordinal);
        Assert.DoesNotContain("ld-author", page, StringComparison.Ordinal);
        Assert.Contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_original_bytes_are_sandboxed_and_never_sniffed()
    {
        var (status, body, response) = await GetAsync($"api/articles/{_hostileId}/versions/1/original");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<script>window.__pwned = 'body-script'", body, StringComparison.Ordinal);
        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("sandbox;", policy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("articles/not-an-id", 400)]
    [InlineData("articles/0123456789abcdef0123456789abcdef", 404)]
    [InlineData("articles/{id}?version=0", 400)]
    [InlineData("articles/{id}?version=9", 404)]
    [InlineData("articles/{id}/diff?from=x&to=2", 400)]
    [InlineData("articles/{id}/diff?from=1&to=9", 404)]
    [InlineData("articles/0123456789abcdef0123456789abcdef/changes.atom", 404)]
    [InlineData("verify?article={id}", 400)]
    [InlineData("verify?article=0123456789abcdef0123456789abcdef&passage=x", 404)]
    [InlineData("verify?article=ftp%3A%2F%2Fx&passage=x", 400)]
    public async Task Bad_input_gets_a_readable_error_page(string path, int expected)
    {
        var (status, body, response) = await GetAsync(path.Replace("{id}", _id, StringComparison.Ordinal));
        Assert.Equal(expected, (int)status);
        AssertOurPage(response);
        Assert.Contains("<main>", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("urls=ftp%3A%2F%2Fexample.com%2Fx", "application/x-www-form-urlencoded", 400, "Line 1")]
    [InlineData("urls=%0A%20%0A", "application/x-www-form-urlencoded", 400, "at least one URL")]
    [InlineData("{\"url\":\"https://example.com/\"}", "application/json", 415, "HTML form")]
    public async Task A_bad_submission_gets_a_readable_error_page(string body, string contentType, int expected, string says)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
        using var response = await _http.PostAsync(new Uri("submit", UriKind.Relative), content);
        Assert.Equal(expected, (int)response.StatusCode);
        AssertOurPage(response);
        Assert.Contains(says, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_urls_are_queued_together_and_the_api_is_not_shadowed()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["urls"] = $"{_runner.Pages.Url("a").AbsoluteUri}\r\n{_runner.Pages.Url("b").AbsoluteUri}\n" });
        using var response = await _http.PostAsync(new Uri("submit", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadAsStringAsync()).Split("<li><a href=\"/articles/").Length - 1);

        var (status, _, api) = await GetAsync($"api/articles/{_id}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("nothing-here")).Status);
        Assert.Equal("text/css", (await GetAsync("static/site.css")).Response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_recheck_button_queues_a_check_and_returns_to_the_article()
    {
        // The publisher only curls an apostrophe: the check is noise, shown as such, and no version is made.
        var seed = await File.ReadAllTextAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024-edited.html"));
        var curled = seed.Replace("Assad's Office", "Assad\u2019s Office", StringComparison.Ordinal);
        Assert.NotEqual(seed, curled);
        _runner.Pages.SetHtml("story", curled);
        using var response = await _http.PostAsync(new Uri($"articles/{_id}/recheck", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/articles/{_id}", response.Headers.Location!.OriginalString);
        // Other tests of this class may capture the same page meanwhile: wait for the noise itself, not a count.
        var page = string.Empty;
        for (var i = 0; i < 300 && !page.Contains("noise: typography", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            page = (await GetAsync($"articles/{_id}")).Body;
        }

        Assert.Contains("<span class=\"noise\">noise: typography</span>", page, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"version\">Version 2</h2>", page, StringComparison.Ordinal);

        using var unknown = await _http.PostAsync(new Uri("articles/0123456789abcdef0123456789abcdef/recheck", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        AssertOurPage(unknown);
    }

    [Fact]
    public async Task With_a_function_key_the_forms_need_it_and_carry_it_from_the_page_address()
    {
        var settings = new Dictionary<string, string?>(_runner.Scope.Settings) { ["Runner:FunctionKey"] = "k&\"ey" };
        await using var keyed = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Warning });
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = keyed.BaseAddress };
        var form = new Dictionary<string, string> { ["urls"] = _runner.Pages.Url("story").AbsoluteUri };

        using var withoutKey = await http.PostAsync(new Uri("submit", UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);

        var home = await http.GetStringAsync(new Uri("?code=k%26%22ey", UriKind.Relative));
        Assert.Contains("action=\"/submit?code=k%26%22ey\"", home, StringComparison.Ordinal);
        using var withKey = await http.PostAsync(new Uri("submit?code=k%26%22ey", UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.SeeOther, withKey.StatusCode);
        Assert.Equal($"/articles/{_id}?code=k%26%22ey", withKey.Headers.Location!.OriginalString);
        var article = await http.GetStringAsync(withKey.Headers.Location);
        Assert.Contains($"action=\"/articles/{_id}/recheck?code=k%26%22ey\"", article, StringComparison.Ordinal);
    }
}
