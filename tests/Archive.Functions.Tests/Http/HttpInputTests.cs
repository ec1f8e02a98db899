using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Archive.Functions.Tests.Http;

/// <summary>
/// Bad input to every endpoint, through the local runner over real HTTP: each is a 4xx with RFC 9457 problem
/// details, never a 500, and nothing is stored.
/// </summary>
public sealed class HttpInputTests(RunnerFixture runner) : IClassFixture<RunnerFixture>
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    public static TheoryData<string, string, string?, string?, int> BadRequests()
    {
        var tooMany = JsonSerializer.Serialize(new { urls = Enumerable.Range(0, 101).Select(i => $"https://example.com/{i}") });
        var huge = JsonSerializer.Serialize(new { url = "https://example.com/a", source = new string('x', 300 * 1024) });
        return new()
        {
            { "POST", "api/captures", """{"url": "https://example.com/a" """, "application/json", 400 },
            { "POST", "api/captures", """{"url": ["https://example.com/a"]}""", "application/json", 400 },
            { "POST", "api/captures", tooMany, "application/json", 400 },
            { "POST", "api/captures", huge, "application/json", 413 },
            { "POST", "api/captures", "url=https://example.com/a", "application/x-www-form-urlencoded", 415 },
            { "POST", "api/verify", "{not json", "application/json", 400 },
            { "POST", "api/verify", """{"articleId": 5, "passage": "x"}""", "application/json", 400 },
            { "POST", "api/verify", $$"""{"articleId": "{{UnknownId}}", "passage": "x"}""", "application/json", 404 },
            { "POST", "api/verify", huge, "application/json", 413 },
            { "POST", "api/verify", null, "application/json", 400 },
            { "POST", $"api/articles/{UnknownId}/recheck", null, null, 404 },
            { "POST", "api/articles/not-an-id/recheck", null, null, 400 },
            { "GET", $"api/articles/{UnknownId}", null, null, 404 },
            { "GET", "api/articles/NOT-AN-ID", null, null, 400 },
            { "GET", $"api/articles/{UnknownId}/versions", null, null, 404 },
            { "GET", $"api/articles/{UnknownId}/versions/abc", null, null, 400 },
            { "GET", $"api/articles/{UnknownId}/versions/1/original", null, null, 404 },
            { "GET", $"api/articles/{UnknownId}/changes", null, null, 404 },
            { "GET", $"api/articles/{UnknownId}/checks", null, null, 404 },
            { "GET", $"api/articles/{UnknownId}/checks?max=0", null, null, 400 },
            { "GET", $"api/articles/{UnknownId}/diff?from=1&to=2", null, null, 404 },
            { "GET", $"api/articles/{UnknownId}/diff?from=one&to=2", null, null, 400 },
            { "GET", $"api/articles/{UnknownId}/chain", null, null, 404 },
            { "GET", $"api/articles/{UnknownId}/chain?content=maybe", null, null, 400 },
            { "GET", "api/articles?url=ftp%3A%2F%2Fexample.com%2F", null, null, 400 },
        };
    }

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_input_gets_a_problem_and_stores_nothing(string method, string path, string? body, string? contentType, int status)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }

        using var response = await runner.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(0, await runner.StoredCountAsync());
    }
}
