using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hosting;
using Archive.Local;
using Archive.Testing;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Capture;

/// <summary>The edit-tracking endpoints through the Functions app in the local runner.</summary>
public sealed class EditTrackingApiTests : IAsyncLifetime
{
    private StorageScope _scope = null!;
    private PageServer _pages = null!;
    private LocalFunctionsHost _host = null!;
    private HttpClient _http = null!;
    private string _id = null!;

    public async Task InitializeAsync()
    {
        _scope = await StorageScope.CreateAsync();
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        _host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = _scope.Settings, LogLevel = LogLevel.Warning });
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        _pages.SetFile("story", "article-syria-2024.html");
        using var submitted = await _http.PostAsJsonAsync("api/captures", new { url = _pages.Url("story").AbsoluteUri });
        _id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(_http, _id, 1);
        _pages.SetFile("story", "article-syria-2024-edited.html");
        using var recheck = await _http.PostAsync(new Uri($"api/articles/{_id}/recheck", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, recheck.StatusCode);
        await ApiPolling.WaitForChecksAsync(_http, _id, 2);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
    }


    private async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 && text[0] is '{' or '[' ? JsonDocument.Parse(text).RootElement.Clone() : default, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_timeline_and_change_log_show_the_edit()
    {
        var (status, versions, _) = await SendAsync(HttpMethod.Get, $"api/articles/{_id}/versions");
        Assert.Equal(HttpStatusCode.OK, status);
        var list = versions.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(2, list.Count);
        Assert.Equal("edit", list[1].GetProperty("change").GetProperty("verdict").GetString());

        var (_, changes, _) = await SendAsync(HttpMethod.Get, $"api/articles/{_id}/changes");
        var change = Assert.Single(changes.GetProperty("changes").EnumerateArray().ToList());
        Assert.Equal(["body", "title", "dates"], change.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(7, change.GetProperty("wordsAdded").GetInt32());

        var (_, checks, _) = await SendAsync(HttpMethod.Get, $"api/articles/{_id}/checks");
        Assert.Equal(["captured", "captured"], checks.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("outcome").GetString()));
        Assert.Equal("manual", checks.GetProperty("checks")[0].GetProperty("trigger").GetString());
    }

    [Fact]
    public async Task The_diff_comes_as_json_and_as_text()
    {
        var (status, diff, _) = await SendAsync(HttpMethod.Get, $"api/articles/{_id}/diff?from=1&to=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(diff.GetProperty("spans").EnumerateArray(), s => s.GetProperty("op").GetString() == "insert" && s.GetProperty("text").GetString() == "25");
        Assert.Contains(diff.GetProperty("metadataChanges").EnumerateArray(), m => m.GetProperty("field").GetString() == "title");

        var text = await _http.GetStringAsync(new Uri($"api/articles/{_id}/diff?from=1&to=2&format=text", UriKind.Relative));
        Assert.Contains("roughly [-10-]{+25+} kilometres", text, StringComparison.Ordinal);
        Assert.StartsWith("--- version 1", text, StringComparison.Ordinal);

        var (reverse, backwards, _) = await SendAsync(HttpMethod.Get, $"api/articles/{_id}/diff?from=2&to=1");
        Assert.Equal(HttpStatusCode.OK, reverse);
        Assert.Contains(backwards.GetProperty("spans").EnumerateArray(), s => s.GetProperty("op").GetString() == "insert" && s.GetProperty("text").GetString() == "10");
    }

    [Fact]
    public async Task Verify_finds_a_passage_in_the_versions_that_hold_it()
    {
        var (status, result, _) = await SendAsync(HttpMethod.Post, "api/verify", new { articleId = _id, passage = "the army withdrew from positions in the Damascus countryside roughly 10 kilometres from the capital" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(result.GetProperty("found").GetBoolean());
        var version = Assert.Single(result.GetProperty("versions").EnumerateArray().ToList());
        Assert.Equal(1, version.GetProperty("number").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", version.GetProperty("recordSha256").GetString()!);

        // Typography does not matter: the passage is matched after the same normalization as the texts.
        var (_, curly, _) = await SendAsync(HttpMethod.Post, "api/verify", new { url = _pages.Url("story").AbsoluteUri, passage = "statue of Assad's father and\n former   president" });
        Assert.Equal([1, 2], curly.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task Verify_answers_not_found_with_the_closest_version()
    {
        var (status, result, _) = await SendAsync(HttpMethod.Post, "api/verify", new { articleId = _id, passage = "the army withdrew roughly 40 kilometres from the capital" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(result.GetProperty("found").GetBoolean());
        Assert.Contains("does not appear", result.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("closest").GetProperty("similarity").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Verify_matches_hashes_of_originals_texts_and_records()
    {
        var (_, v1, _) = await SendAsync(HttpMethod.Get, $"api/articles/{_id}/versions/1");
        foreach (var (field, kind) in new[] { ("originalSha256", "original"), ("textSha256", "text"), ("recordSha256", "record") })
        {
            var (status, result, _) = await SendAsync(HttpMethod.Post, "api/verify", new { articleId = _id, sha256 = v1.GetProperty(field).GetString() });
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(result.GetProperty("found").GetBoolean());
            Assert.Equal(kind, result.GetProperty("versions")[0].GetProperty("matchedHash").GetString());
        }

        var (_, missing, _) = await SendAsync(HttpMethod.Post, "api/verify", new { articleId = _id, sha256 = new string('a', 64) });
        Assert.False(missing.GetProperty("found").GetBoolean());
    }

    [Fact]
    public async Task The_chain_endpoint_checks_the_history()
    {
        var (status, report, _) = await SendAsync(HttpMethod.Get, $"api/articles/{_id}/chain?content=true");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(report.GetProperty("valid").GetBoolean());
        Assert.Equal(2, report.GetProperty("versions").GetInt32());
    }

    [Theory]
    [InlineData("GET", "api/articles/{id}/diff?from=0&to=2", 400)]
    [InlineData("GET", "api/articles/{id}/diff?from=1", 400)]
    [InlineData("GET", "api/articles/{id}/diff?from=1&to=9", 404)]
    [InlineData("GET", "api/articles/{id}/diff?from=1&to=2&format=xml", 400)]
    [InlineData("GET", "api/articles/{id}/checks?max=0", 400)]
    [InlineData("GET", "api/articles/{id}/chain?content=maybe", 400)]
    [InlineData("GET", "api/articles/0123456789abcdef0123456789abcdef/versions", 404)]
    [InlineData("GET", "api/articles/0123456789abcdef0123456789abcdef/changes", 404)]
    [InlineData("GET", "api/articles/0123456789abcdef0123456789abcdef/chain", 404)]
    [InlineData("POST", "api/articles/0123456789abcdef0123456789abcdef/recheck", 404)]
    [InlineData("POST", "api/articles/not-an-id/recheck", 400)]
    public async Task Bad_requests_get_problem_details(string method, string path, int status)
    {
        var (actual, body, mediaType) = await SendAsync(new HttpMethod(method), path.Replace("{id}", _id, StringComparison.Ordinal), method == "POST" ? new { } : null);
        Assert.Equal(status, (int)actual);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal(status, body.GetProperty("status").GetInt32());
    }

    public static TheoryData<string, int> BadVerifications => new()
    {
        { """{"passage": "x"}""", 400 },
        { """{"articleId": "{id}"}""", 400 },
        { """{"articleId": "{id}", "passage": "x y", "sha256": "abc"}""", 400 },
        { """{"articleId": "{id}", "sha256": "not-hex"}""", 400 },
        { """{"articleId": "{id}", "passage": "  ...  "}""", 400 },
        { """{"articleId": "nope", "passage": "x"}""", 400 },
        { """{"url": "ftp://x", "passage": "x"}""", 400 },
        { """{"articleId": "{id}", "url": "https://elsewhere.example/", "passage": "x"}""", 400 },
        { """{"articleId": 5, "passage": "x"}""", 400 },
        { """["x"]""", 400 },
        { """{"articleId": "0123456789abcdef0123456789abcdef", "passage": "x"}""", 404 },
    };

    [Theory]
    [MemberData(nameof(BadVerifications))]
    public async Task Bad_verifications_get_problem_details(string body, int status)
    {
        using var content = new StringContent(body.Replace("{id}", _id, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri("api/verify", UriKind.Relative), content);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
