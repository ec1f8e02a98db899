using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Core;

namespace Archive.Cli.Client;

/// <summary>An answer from the API that is not a success: its status and problem details.</summary>
public sealed class ApiProblemException(HttpStatusCode status, string title, string? detail)
    : Exception(detail is null ? title : $"{title} {detail}")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>The problem's title.</summary>
    public string Title { get; } = title;

    /// <summary>The problem's detail.</summary>
    public string? Detail { get; } = detail;
}

/// <summary>The command line's client of the Archive HTTP API (the local runner or a Function App).</summary>
public sealed class ArchiveApiClient(HttpClient http, string? functionKey = null)
{
    /// <summary>Submits a URL; answers the 202 body (id, url, location).</summary>
    public Task<JsonElement> SubmitAsync(string url, IReadOnlyList<string> tags, string? source, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/captures", new { url, tags, source }, cancellationToken);

    /// <summary>Reads an article's head; <paramref name="query"/> (such as a wait) is appended as given.</summary>
    public Task<JsonElement> GetArticleAsync(string id, string query = "", CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/articles/{Uri.EscapeDataString(id)}{query}", null, cancellationToken);

    /// <summary>Finds an article by URL.</summary>
    public Task<JsonElement> FindArticleAsync(string url, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/articles?url={Uri.EscapeDataString(url)}", null, cancellationToken);

    /// <summary>Reads one version with its text.</summary>
    public Task<JsonElement> GetVersionAsync(string id, int number, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, $"api/articles/{Uri.EscapeDataString(id)}/versions/{number}", null, cancellationToken);

    /// <summary>Reads the bytes at an API path as they are (an original), failing like <see cref="SendAsync"/> on an error.</summary>
    public async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync(path, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new ApiProblemException(response.StatusCode, $"HTTP {(int)response.StatusCode}", path);
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a request to any API path and answers its JSON body.</summary>
    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: ArchiveJson.Options);
        }

        if (!string.IsNullOrEmpty(functionKey))
        {
            request.Headers.Add("x-functions-key", functionKey);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonElement json = default;
        if (text.Length > 0)
        {
            try
            {
                json = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                throw new ApiProblemException(response.StatusCode, $"The API answered {(int)response.StatusCode} with a body that is not JSON.", null);
            }
        }

        if (!response.IsSuccessStatusCode)
        {
            var title = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("title", out var t) ? t.GetString() ?? "" : $"HTTP {(int)response.StatusCode}";
            var detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) ? d.GetString() : null;
            throw new ApiProblemException(response.StatusCode, title, detail);
        }

        return json;
    }

    /// <summary>Submits several URLs in one request; answers the 202 body (<c>articles</c>: id, url, checkCount for each, in order).</summary>
    public Task<JsonElement> SubmitManyAsync(IEnumerable<(string Url, IReadOnlyList<string> Tags, string? Source)> items, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "api/captures", items.Select(i => new { url = i.Url, tags = i.Tags, source = i.Source }).ToList(), cancellationToken);

    /// <summary>
    /// Waits until the article has been checked more than <paramref name="checksBefore"/> times and no capture of it
    /// is pending, then answers its head. The server holds each request until then (a long poll of at most
    /// <see cref="MaxWaitPerRequest"/>), so a wait costs one request, not one a second.
    /// </summary>
    public async Task<JsonElement> WaitForCheckAsync(string id, int checksBefore, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var left = timeout - clock.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"No capture of {id} finished within {timeout.TotalSeconds:0} s.");
            }

            var seconds = (int)Math.Ceiling(Math.Min(left.TotalSeconds, MaxWaitPerRequest.TotalSeconds));
            var head = await GetArticleAsync(id, $"?waitFor=check&after={checksBefore}&timeout={seconds}", cancellationToken).ConfigureAwait(false);
            if (head.TryGetProperty("checkCount", out var count) && count.GetInt32() > checksBefore &&
                head.TryGetProperty("lastOutcome", out var outcome) && !IsRetrying(outcome))
            {
                return head;
            }
        }
    }

    /// <summary>The longest one waiting request asks the server to hold it.</summary>
    public static TimeSpan MaxWaitPerRequest { get; } = TimeSpan.FromSeconds(30);

    private static bool IsRetrying(JsonElement outcome) =>
        outcome.TryGetProperty("willRetry", out var willRetry) && willRetry.GetBoolean();
}
