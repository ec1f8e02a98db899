using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Archive.Testing;

namespace Archive.Functions.Tests.Http;

/// <summary>A runner that asks for a function key on writes, as production does.</summary>
public sealed class KeyedRunnerFixture() : RunnerFixture(new Dictionary<string, string?> { ["Runner:FunctionKey"] = KeyedRunnerFixture.Key })
{
    public const string Key = "write-key-0123";
}

/// <summary>
/// Requests built to break the HTTP surface, through the local runner: each is answered with a 4xx (or the 405 and
/// 404 of routing) as problem details under /api and as the HTML error page elsewhere, never a 500 or an empty body,
/// and none stores anything.
/// </summary>
public sealed class HostileRequestTests(KeyedRunnerFixture runner) : IClassFixture<KeyedRunnerFixture>
{
    private const string Id = "0123456789abcdef0123456789abcdef";

    private static string Fields(int count) => string.Join('&', Enumerable.Range(0, count).Select(i => $"f{i}=x"));

    public static TheoryData<string, string, string, int> BadForms() => new()
    {
        { "submit", "application/x-www-form-urlencoded", Fields(2000), 400 },
        { "submit", "multipart/form-data", "urls=https://example.com/a", 400 },
        { "submit", "multipart/form-data; boundary=xyz", "garbage--xyz\r\nContent-Disposition: nonsense\r\n\r\nvalue\r\n--xyz--", 400 },
        { "submit", "application/x-www-form-urlencoded", "urls=%00", 400 },
        { "verify", "application/x-www-form-urlencoded", Fields(2000), 400 },
        { "verify", "application/x-www-form-urlencoded", new string('k', 3000) + "=v", 400 },
        { "verify", "application/x-www-form-urlencoded", "article=&passage=%00", 400 },
    };

    [Theory]
    [MemberData(nameof(BadForms))]
    public async Task A_form_the_server_cannot_read_gets_the_error_page(string path, string contentType, string body, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{path}?code={KeyedRunnerFixture.Key}") { Content = new StringContent(body, Encoding.Latin1) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await runner.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<main>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await runner.StoredCountAsync());
    }

    [Theory]
    [InlineData("PUT", "api/captures", "POST")]
    [InlineData("OPTIONS", "api/captures", "POST")]
    [InlineData("DELETE", $"api/articles/{Id}", "GET")]
    public async Task A_method_a_path_does_not_take_is_a_405_problem_naming_the_allowed_ones(string method, string path, string allow)
    {
        using var response = await runner.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        var problem = await AssertProblemAsync(response, 405);
        Assert.Equal(allow, string.Join(",", response.Content.Headers.Allow));
        Assert.Contains(allow, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api/nope")]
    [InlineData("api//captures")]
    [InlineData("api/captures;x")]
    [InlineData("api")]
    public async Task An_unknown_api_path_is_a_404_problem(string path)
    {
        using var response = await runner.Http.GetAsync(new Uri(path, UriKind.Relative));
        await AssertProblemAsync(response, 404);
    }

    [Fact]
    public async Task An_unknown_page_is_the_404_error_page()
    {
        using var response = await runner.Http.GetAsync(new Uri("no/such/page", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("text/x-notjson")]
    [InlineData("application/jsonp")]
    [InlineData(null)]
    public async Task A_body_not_declared_as_json_is_refused_with_415(string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/captures") { Content = new ByteArrayContent("""{"url":"https://example.com/a"}"""u8.ToArray()) };
        request.Headers.Add("x-functions-key", KeyedRunnerFixture.Key);
        request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        using var response = await runner.Http.SendAsync(request);
        await AssertProblemAsync(response, 415);
    }

    [Fact]
    public async Task A_problem_json_media_type_with_charset_is_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/verify") { Content = new StringContent("""{"articleId":"0123456789abcdef0123456789abcdef","passage":"x"}""", Encoding.UTF8, "application/vnd.archive+json") };
        using var response = await runner.Http.SendAsync(request);
        await AssertProblemAsync(response, 404);
    }

    [Fact]
    public async Task A_property_given_twice_is_refused_naming_the_problem()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/captures") { Content = new StringContent("""{"url":"https://example.com/a","url":"https://example.com/b"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", KeyedRunnerFixture.Key);
        using var response = await runner.Http.SendAsync(request);
        var problem = await AssertProblemAsync(response, 400);
        Assert.Contains("names a property twice", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UrlsTheWorkerWouldRefuse() => new()
    {
        { "https://example.com/" + new string('é', 1000), "6020 characters long once canonicalized" },
        { "https://" + new string('ü', 70) + ".example/a", "not a valid internationalized domain name" },
    };

    [Theory]
    [MemberData(nameof(UrlsTheWorkerWouldRefuse))]
    public async Task A_url_the_worker_would_refuse_is_refused_at_submission(string url, string says)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/captures") { Content = JsonContent(new { url }) };
        request.Headers.Add("x-functions-key", KeyedRunnerFixture.Key);
        using var response = await runner.Http.SendAsync(request);
        var problem = await AssertProblemAsync(response, 400);
        Assert.Contains(says, problem.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private static StringContent JsonContent(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_wrong_key_in_the_header_is_not_rescued_by_a_right_code_on_writes_as_on_reads()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/captures?code={KeyedRunnerFixture.Key}") { Content = new StringContent("""{"url":"https://example.com/a"}""", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-functions-key", "wrong");
        using var response = await runner.Http.SendAsync(request);
        await AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task A_broken_chunked_body_is_a_400_problem()
    {
        var response = await RawHttp.SendAsync(runner.Host.BaseAddress, Head("POST", "/api/captures", "Transfer-Encoding: chunked\r\nContent-Type: application/json"), ["zz\r\n{\"url\"\r\n0\r\n\r\n"]);
        AssertRawProblem(response, 400);
    }

    [Fact]
    public async Task A_body_shorter_than_its_length_is_a_408_problem_once_the_rest_does_not_come()
    {
        // The connection stays open and the rest never comes: the minimum body data rate ends the wait.
        var response = await RawHttp.SendAsync(runner.Host.BaseAddress, Head("POST", "/api/captures", "Content-Length: 5000\r\nContent-Type: application/json"), ["{\"url\": "]);
        AssertRawProblem(response, 408);
    }

    [Fact]
    public async Task A_body_at_one_byte_a_second_is_a_408_problem()
    {
        var body = Enumerable.Repeat("a", 30).ToList();
        var response = await RawHttp.SendAsync(runner.Host.BaseAddress, Head("POST", "/api/captures", "Content-Length: 30\r\nContent-Type: application/json"), body, pause: TimeSpan.FromSeconds(1));
        AssertRawProblem(response, 408);
    }

    [Fact]
    public async Task Header_bytes_outside_ascii_reach_the_functions_and_get_their_answer()
    {
        var memento = await RawHttp.SendAsync(runner.Host.BaseAddress, Head("GET", "/api/memento/timegate?url=https%3A%2F%2Fexample.com%2F", "Accept-Datetime: \u0080\u00ff"));
        Assert.True(memento.Status is 400 or 404, $"status {memento.Status}");
        Assert.Equal("application/problem+json", memento.MediaType);

        var key = await RawHttp.SendAsync(runner.Host.BaseAddress, Head("POST", "/api/captures", "x-functions-key: \u00e9\u00e9\r\nContent-Type: application/json\r\nContent-Length: 2"), ["{}"]);
        AssertRawProblem(key, 401);
    }

    private string Head(string method, string path, string headers) =>
        $"{method} {path} HTTP/1.1\r\nHost: {runner.Host.BaseAddress.Authority}\r\nx-functions-key: {KeyedRunnerFixture.Key}\r\n{headers}\r\nConnection: close\r\n\r\n"
            .Replace($"x-functions-key: {KeyedRunnerFixture.Key}\r\nx-functions-key:", "x-functions-key:", StringComparison.Ordinal);

    private void AssertRawProblem(RawResponse response, int status)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal("application/problem+json", response.MediaType);
        Assert.Equal(status, JsonDocument.Parse(response.Body).RootElement.GetProperty("status").GetInt32());
    }

    private async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.Equal(0, await runner.StoredCountAsync());
        return problem;
    }
}
