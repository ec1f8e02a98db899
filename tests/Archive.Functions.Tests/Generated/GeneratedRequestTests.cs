using System.Text;
using System.Text.Json;
using Archive.Core.Versions;
using Archive.Local;
using Archive.Local.Hosting;
using Archive.Testing;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Archive.Functions.Tests.Generated;

/// <summary>One generated request: method, path and query, headers, and a body with its content type.</summary>
public sealed record GeneratedRequest(string Method, string Path, IReadOnlyList<(string Name, string Value)> Headers, string? ContentType, byte[]? Body)
{
    public override string ToString()
    {
        var text = $"{Method} {Path} [{string.Join("; ", Headers.Select(h => $"{h.Name}: {h.Value}"))}] {ContentType} {Body?.Length ?? 0} bytes";
        return text.Length > 300 ? text[..300] + "..." : text;
    }
}

/// <summary>
/// Thousands of generated requests (CsCheck generators, fixed seed, so every run sends the same ones) against the
/// real HTTP surface of the local runner: random methods, paths built from the app's routes and from noise, random
/// headers (keys right, wrong and outside ASCII, dates, content types), JSON, form, multipart and garbage bodies.
/// Every answer must be below 500; every error a problem document under /api and the HTML error page elsewhere; a
/// refused write must not create an article; and once the queue is quiet, every article has a next step.
/// </summary>
public sealed class GeneratedRequestTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "generated-key-42";
    private const int Requests = 5000;

    private StorageScope _scope = null!;
    private PageServer _pages = null!;
    private LocalFunctionsHost _host = null!;
    private HttpClient _http = null!;
    private int _refusedByServer;

    public async Task InitializeAsync()
    {
        _scope = await StorageScope.CreateAsync();
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        var settings = _scope.Settings;
        settings["Runner:FunctionKey"] = Key;
        settings["Capture:RetryDelay"] = "00:00:00.2";
        settings["Capture:MaxRetryDelay"] = "00:00:01";
        _host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1 };
        _http = new HttpClient(handler) { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private Gen<GeneratedRequest> RequestGen()
    {
        var seedPage = _pages.Url("article-syria-2024.html").AbsoluteUri;
        var id = Gen.OneOf(
            Gen.Const("0123456789abcdef0123456789abcdef"),
            Gen.Char["0123456789abcdef"].Array[32].Select(c => new string(c)),
            Gen.OneOf("NOT-AN-ID", "%00", "..", "%2e%2e", "a%2Fb", new string('f', 300), "0123456789ABCDEF0123456789ABCDEF", "é"));
        var number = Gen.OneOf("1", "0", "-1", "99999999999", "abc", "1.5", "%00");
        var url = Gen.OneOf(
            seedPage, seedPage + "?utm_source=x", "https://" + new string('ü', 70) + ".example/", "ftp://example.com/", "", "not a url",
            "http://127.0.0.1:1/" + new string('é', 1000), "javascript:alert(1)", "http://[::1%25lo]/", "https://user:pw@example.com/", "\u0000");
        var query = Gen.OneOf(
            Gen.Const(string.Empty),
            url.Select(u => "?url=" + Uri.EscapeDataString(u)),
            Gen.Select(number, number, (a, b) => $"?from={a}&to={b}"),
            Gen.OneOf("?version=2", "?format=cdxj", "?format=wacz", "?format=text", "?content=maybe", "?max=0", "?code=" + Key, "?code=wrong", "?%zz=1", "?a=%00"));
        var path = Gen.OneOf(
            Gen.OneOf("/api/captures", "/api/verify", "/api/openapi.json", "/api/memento/timemap", "/api/memento/timegate", "/api/articles",
                "/", "/verify", "/submit", "/feeds/changes.atom", "/static/site.css", "/api", "/api/", "/api//captures", "/api/captures;x", "/api/nope", "/%00", "/api/%ff"),
            id.Select(i => $"/api/articles/{i}"),
            Gen.Select(id, Gen.OneOf("versions", "changes", "checks", "diff", "recheck", "chain", "warc"), (i, s) => $"/api/articles/{i}/{s}"),
            Gen.Select(id, number, (i, n) => $"/api/articles/{i}/versions/{n}"),
            Gen.Select(id, number, (i, n) => $"/api/articles/{i}/versions/{n}/original"),
            Gen.Select(id, Gen.OneOf(string.Empty, "/diff", "/recheck", "/changes.atom"), (i, s) => $"/articles/{i}{s}"),
            Gen.Char["abcz/%.;0-9"].Array[1, 40].Select(c => "/" + new string(c)));
        var method = Gen.Frequency((6, Gen.OneOf("GET", "POST")), (2, Gen.OneOf("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD")), (1, Gen.OneOf("TRACE", "PROPFIND", "X-ARCHIVE")));
        var header = Gen.OneOf(
            Gen.OneOf(("x-functions-key", Key), ("x-functions-key", "wrong"), ("x-functions-key", "\u00e9\u0080"), ("Accept-Datetime", "Tue, 01 Jan 2030 00:00:00 GMT"),
                ("Accept-Datetime", "\u0080\u00ff"), ("Accept-Datetime", "yesterday"), ("If-None-Match", "\"x\""), ("Accept", "application/json"), ("Accept", "text/html")),
            Gen.String[Gen.Char[' ', '\u00ff'], 0, 50].Select(v => ("X-Random", v.Trim())));
        var json = Gen.OneOf(
            url.Select(u => JsonSerializer.Serialize(new { url = u })),
            url.Array[0, 4].Select(us => JsonSerializer.Serialize(new { urls = us, tags = new[] { "t" } })),
            url.Select(u => $"{{\"url\":\"{u.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\",\"url\":\"x\"}}"),
            Gen.Select(id, Gen.String, (i, p) => JsonSerializer.Serialize(new { articleId = i, passage = p })),
            Gen.OneOf("{", "[]", "null", "5", "{\"url\":[1,2]}", "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", "\"" + new string('x', 300_000) + "\""));
        var form = Gen.OneOf(
            url.Select(u => "urls=" + Uri.EscapeDataString(u)),
            Gen.Select(id, Gen.String, (i, p) => $"article={Uri.EscapeDataString(i)}&passage={Uri.EscapeDataString(p)}"),
            Gen.Int[0, 2500].Select(n => string.Join('&', Enumerable.Range(0, n).Select(i => $"f{i}=x"))),
            Gen.Int[1, 4000].Select(n => new string('k', n) + "=v"),
            Gen.OneOf("urls=%00", "article=&passage=%00", "%zz", "=&=&"));
        var body = Gen.Frequency(
            (2, Gen.Const<(string?, byte[]?)>((null, null))),
            (3, Gen.Select(json, Gen.OneOf("application/json", "application/json; charset=utf-8", "text/x-notjson", "application/vnd.x+json", "text/plain"), (j, t) => ((string?)t, (byte[]?)Encoding.UTF8.GetBytes(j)))),
            (3, form.Select(f => ((string?)"application/x-www-form-urlencoded", (byte[]?)Encoding.UTF8.GetBytes(f)))),
            (1, Gen.OneOf<(string?, byte[]?)>(("multipart/form-data", "urls=x"u8.ToArray()), ("multipart/form-data; boundary=xyz", "garbage--xyz\r\n\r\n"u8.ToArray()))),
            (1, Gen.Byte.Array[0, 2000].Select(b => ((string?)"application/octet-stream", (byte[]?)b))));
        var random = Gen.Select(method, path, query, header.Array[0, 3], body, (m, p, q, h, b) => new GeneratedRequest(m, p + q, h, b.Item1, b.Item2));

        // Well-formed writes too, so accepted submissions (and their captures) are part of the run.
        var submission = Gen.Select(url, Gen.Bool, (u, form) => form
            ? new GeneratedRequest("POST", "/submit?code=" + Key, [], "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("urls=" + Uri.EscapeDataString(u) + "&tags=generated"))
            : new GeneratedRequest("POST", "/api/captures", [("x-functions-key", Key)], "application/json", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { url = u, tags = new[] { "generated" } }))));
        return Gen.Frequency((9, random), (1, submission));
    }

    [Fact]
    public async Task Five_thousand_generated_requests_never_get_a_5xx_and_every_error_is_a_problem_or_the_error_page()
    {
        var gen = RequestGen();
        var pcg = new PCG(1, 20261204);
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var refusedWrites = 0;
        for (var i = 0; i < Requests; i++)
        {
            var generated = gen.Generate(pcg, null, out _);
            var isWrite = generated.Method == "POST" && (generated.Path.Contains("captures", StringComparison.Ordinal) || generated.Path.Contains("submit", StringComparison.Ordinal) || generated.Path.Contains("recheck", StringComparison.Ordinal));
            var before = isWrite ? await ArticleCountAsync() : 0;
            var (status, problem) = await SendAsync(generated);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (problem is not null)
            {
                failures.Add($"#{i} {generated} -> {status}: {problem}");
            }

            if (isWrite && status >= 400)
            {
                refusedWrites++;
                if (await ArticleCountAsync() != before)
                {
                    failures.Add($"#{i} {generated} -> {status} but an article was stored");
                }
            }
        }

        output.WriteLine($"{Requests} requests; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}; refused writes checked: {refusedWrites}; bare 400s from Kestrel before the app (NUL in the path): {_refusedByServer}");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.True(statuses.Keys.Count(s => s >= 400) >= 5, "The generated requests should reach many kinds of errors.");
        Assert.Contains(statuses.Keys, s => s is 202);

        // Every article the accepted writes created has a next step once the queue is quiet.
        var quiet = System.Diagnostics.Stopwatch.StartNew();
        while (!_host.IsIdle && quiet.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(200);
        }

        await foreach (var head in _host.Services.GetRequiredService<IArticleStore>().ListHeadsAsync())
        {
            var queued = (await _scope.Get<Azure.Storage.Queues.QueueServiceClient>().GetQueueClient(_scope.Get<Archive.Storage.ResolvedStorageNames>().CaptureQueue).PeekMessagesAsync(32)).Value.Length > 0;
            Assert.True(head.NextCheckAt is not null || head.LastOutcome is not null || queued, $"Article {head.Id} ({head.Url}) has no next check, no outcome and no queued message.");
        }
    }

    private async Task<(int Status, string? Problem)> SendAsync(GeneratedRequest generated)
    {
        using var request = new HttpRequestMessage(new HttpMethod(generated.Method), new Uri(_host.BaseAddress.GetLeftPart(UriPartial.Authority) + generated.Path));
        foreach (var (name, value) in generated.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (generated.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            if (generated.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        using var response = await _http.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            return (status, text.Length > 300 ? text[..300] : text);
        }

        if (status < 400 || generated.Method == "HEAD")
        {
            return (status, null);
        }

        var media = response.Content.Headers.ContentType?.MediaType;

        // A NUL in the path is refused by Kestrel itself while it parses the request line, before any app code
        // runs; it answers a bare 400 and closes. No hook lets an app give that answer a body (see the README).
        if (status == 400 && text.Length == 0 && response.Headers.ConnectionClose == true && generated.Path.Split('?')[0].Contains("%00", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _refusedByServer);
            return (status, null);
        }

        if (Archive.Functions.Http.ErrorAnswers.IsApi(new Microsoft.AspNetCore.Http.PathString(generated.Path.Split('?')[0])))
        {
            if (media != "application/problem+json")
            {
                return (status, $"an API error as {media ?? "nothing"}");
            }

            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status && problem.RootElement.TryGetProperty("title", out _)
                ? (status, null)
                : (status, "a problem document without its status or title");
        }

        return media == "text/html" && text.Contains("<main>", StringComparison.Ordinal) ? (status, null) : (status, $"a page error as {media ?? "nothing"}");
    }

    private async Task<int> ArticleCountAsync()
    {
        var count = 0;
        await foreach (var _ in _host.Services.GetRequiredService<IArticleStore>().ListHeadsAsync())
        {
            count++;
        }

        return count;
    }
}
