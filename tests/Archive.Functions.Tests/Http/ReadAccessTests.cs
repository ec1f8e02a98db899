using System.Net;
using System.Net.Http.Json;
using Archive.Local.Hosting;
using Archive.Functions.Articles;
using Archive.Functions.Capture;
using Archive.Functions.Http;
using Archive.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Tests.Http;

/// <summary>Api:ReadAccess, through the local runner: Anonymous lets anyone read; Function asks for the key, as writes do.</summary>
public sealed class ReadAccessTests
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";
    private const string Key = "read-key-7f3a";

    private static async Task<HttpStatusCode> GetAsync(HttpClient http, string path, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task Anonymous_reads_need_no_key_while_writes_still_do()
    {
        await using var scope = await StorageScope.CreateAsync();
        var settings = scope.Settings;
        settings["Runner:FunctionKey"] = Key;
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(http, $"api/articles/{UnknownId}"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(http, $"api/articles/{UnknownId}/checks"));
        using var write = await http.PostAsJsonAsync("api/captures", new { url = "https://example.com/a" });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }

    [Fact]
    public async Task Function_level_reads_need_the_key_in_the_header_or_the_code_parameter()
    {
        await using var scope = await StorageScope.CreateAsync();
        var settings = scope.Settings;
        settings["Runner:FunctionKey"] = Key;
        settings["Api:ReadAccess"] = "Function";
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using (var refused = await http.GetAsync(new Uri($"api/articles/{UnknownId}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync(http, $"api/articles/{UnknownId}/versions", "wrong"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(http, $"api/articles/{UnknownId}/versions", Key));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync(http, $"api/articles/{UnknownId}/chain?code={Key}"));
        using var verify = await http.PostAsJsonAsync("api/verify", new { articleId = UnknownId, passage = "x" });
        Assert.Equal(HttpStatusCode.Unauthorized, verify.StatusCode);
    }

    [Fact]
    public async Task Function_level_reads_without_any_key_configured_fail_at_start()
    {
        await using var scope = await StorageScope.CreateAsync();
        var settings = scope.Settings;
        settings["Api:ReadAccess"] = "Function";
        await Assert.ThrowsAsync<OptionsValidationException>(() => LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical }));
    }

    [Fact]
    public void The_worker_middleware_governs_exactly_the_anonymous_http_functions()
    {
        Assert.True(ReadAccessMiddleware.IsRead(typeof(GetArticle).FullName + ".Run"));
        Assert.True(ReadAccessMiddleware.IsRead(typeof(Archive.Functions.Verification.Verify).FullName + ".Run"));
        Assert.False(ReadAccessMiddleware.IsRead(typeof(SubmitCaptures).FullName + ".Run"));
        Assert.False(ReadAccessMiddleware.IsRead(typeof(CaptureArticle).FullName + ".Run"));
        Assert.False(ReadAccessMiddleware.IsRead("Nowhere.Nothing.Run"));
    }
}
