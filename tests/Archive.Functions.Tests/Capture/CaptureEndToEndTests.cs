using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Local.Hosting;
using Archive.Local;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Capture;

/// <summary>Submit, queue, capture and read back, through the Functions app in the local runner, over Azurite and a real page server.</summary>
public sealed class CaptureEndToEndTests : IAsyncLifetime
{
    private StorageScope _scope = null!;
    private PageServer _pages = null!;
    private LocalFunctionsHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _scope = await StorageScope.CreateAsync();
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        _host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = _scope.Settings, LogLevel = LogLevel.Warning });
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private async Task<JsonElement> SubmitAsync(string url)
    {
        using var response = await _http.PostAsJsonAsync("api/captures", new { url, tags = new[] { "test" }, source = "e2e" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> WaitForChecksAsync(string id, int checks)
    {
        for (var i = 0; i < 300; i++)
        {
            var head = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{id}");
            if (head.GetProperty("checkCount").GetInt32() >= checks)
            {
                return head;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Article {id} was not checked {checks} time(s).");
    }

    private async Task<int> OriginalBlobCountAsync()
    {
        var container = _scope.Get<BlobServiceClient>().GetBlobContainerClient(_scope.Get<ResolvedStorageNames>().OriginalsContainer);
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Archives_a_page_and_serves_the_original_byte_for_byte()
    {
        _pages.SetFile("news/story-1", "article-syria-2024.html");
        var seed = await File.ReadAllBytesAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024.html"));
        var accepted = await SubmitAsync(_pages.Url("news/story-1") + "?utm_campaign=x");
        var id = accepted.GetProperty("id").GetString()!;
        Assert.Equal($"/api/articles/{id}", accepted.GetProperty("location").GetString());

        var head = await WaitForChecksAsync(id, 1);
        Assert.Equal("archived", head.GetProperty("status").GetString());
        Assert.Equal("captured", head.GetProperty("lastOutcome").GetProperty("code").GetString());
        Assert.Equal(1, head.GetProperty("latestVersion").GetInt32());
        Assert.Equal(_pages.Url("news/story-1").AbsoluteUri, head.GetProperty("url").GetString());

        var version = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/1");
        var sha = Convert.ToHexStringLower(SHA256.HashData(seed));
        Assert.Equal(sha, version.GetProperty("originalSha256").GetString());
        Assert.Matches("^[0-9a-f]{64}$", version.GetProperty("textSha256").GetString()!);
        var capture = version.GetProperty("capture");
        Assert.Equal(200, capture.GetProperty("statusCode").GetInt32());
        Assert.Equal(seed.Length, capture.GetProperty("byteLength").GetInt64());
        Assert.Contains(capture.GetProperty("headers").EnumerateArray(), h => h.GetProperty("name").GetString() == "ETag");
        Assert.True(capture.GetProperty("fetchCompletedAt").GetDateTimeOffset() >= capture.GetProperty("fetchStartedAt").GetDateTimeOffset());
        var metadata = version.GetProperty("metadata");
        Assert.StartsWith("Syrian rebels enter Damascus", metadata.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("Aditi Rao", metadata.GetProperty("authors")[0].GetString());
        Assert.Equal("The Meridian Ledger", metadata.GetProperty("siteName").GetString());
        Assert.Equal(["test"], version.GetProperty("submission").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var text = version.GetProperty("text").GetString()!;
        Assert.Contains("Sednaya prison", text, StringComparison.Ordinal);
        Assert.DoesNotContain("We use cookies", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Load more comments", text, StringComparison.Ordinal);

        using var original = await _http.GetAsync(new Uri($"api/articles/{id}/versions/1/original", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, original.StatusCode);
        var bytes = await original.Content.ReadAsByteArrayAsync();
        Assert.Equal(seed, bytes);
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal("text/html; charset=utf-8", original.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", original.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("sandbox", original.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var found = await _http.GetFromJsonAsync<JsonElement>($"api/articles?url={Uri.EscapeDataString(_pages.Url("news/story-1") + "#frag")}");
        Assert.Equal(id, found.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Submitting_twice_gives_one_article_and_unchanged_bytes_store_no_second_original()
    {
        // Without validators the server sends the full page again: the capture must see identical bytes and text.
        var seed = await File.ReadAllBytesAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024.html"));
        _pages.Set("news/story-2", new ServedPage(seed) { Conditional = false });
        var first = await SubmitAsync(_pages.Url("news/story-2").AbsoluteUri);
        var id = first.GetProperty("id").GetString()!;
        await WaitForChecksAsync(id, 1);
        var second = await SubmitAsync(_pages.Url("news/story-2").AbsoluteUri + "#again");
        Assert.Equal(id, second.GetProperty("id").GetString());

        var head = await WaitForChecksAsync(id, 2);
        Assert.Equal("unchanged", head.GetProperty("lastOutcome").GetProperty("code").GetString());
        Assert.Equal(1, head.GetProperty("latestVersion").GetInt32());
        Assert.Equal(1, await OriginalBlobCountAsync());
        var version = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/1");
        Assert.Equal(2, version.GetProperty("seenCount").GetInt32());
        Assert.Equal(2, _pages.Hits("news/story-2"));
    }

    [Fact]
    public async Task A_page_answering_304_is_recorded_as_not_modified()
    {
        _pages.SetFile("news/story-3", "article-syria-2024.html");
        var id = (await SubmitAsync(_pages.Url("news/story-3").AbsoluteUri)).GetProperty("id").GetString()!;
        await WaitForChecksAsync(id, 1);
        await SubmitAsync(_pages.Url("news/story-3").AbsoluteUri);
        var head = await WaitForChecksAsync(id, 2);
        Assert.Equal("not-modified", head.GetProperty("lastOutcome").GetProperty("code").GetString());
        Assert.Equal(1, await OriginalBlobCountAsync());
    }

    [Fact]
    public async Task A_missing_page_is_recorded_as_http_4xx_without_a_version()
    {
        var id = (await SubmitAsync(_pages.Url("news/never-published").AbsoluteUri)).GetProperty("id").GetString()!;
        var head = await WaitForChecksAsync(id, 1);
        Assert.Equal("failed", head.GetProperty("status").GetString());
        Assert.Equal("http-4xx", head.GetProperty("lastOutcome").GetProperty("code").GetString());
        Assert.Contains("404", head.GetProperty("lastOutcome").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await OriginalBlobCountAsync());
    }

    [Fact]
    public async Task Unknown_routes_and_ids_answer_problems_through_the_runner()
    {
        using var response = await _http.GetAsync(new Uri("api/articles/0123456789abcdef0123456789abcdef", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
