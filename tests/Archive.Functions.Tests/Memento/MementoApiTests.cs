using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Core.Memento;
using Archive.Testing;

namespace Archive.Functions.Tests.Memento;

/// <summary>An article with two versions captured over a second apart, served by the Functions app in the local runner.</summary>
public sealed class MementoFixture : IAsyncLifetime
{
    public ApiStack Stack { get; private set; } = null!;

    public HttpClient NoRedirects { get; private set; } = null!;

    public string Id { get; private set; } = null!;

    public string Url { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Stack = await ApiStack.StartAsync();
        Id = await Stack.CaptureAsync("story", "article-syria-2024.html");
        Url = Stack.Pages.Url("story").AbsoluteUri;

        // Memento datetimes have whole seconds: the versions must be in different seconds to be told apart.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        Stack.Pages.SetFile("story", "article-syria-2024-edited.html");
        await Stack.RecheckAsync(Id, 2);
        NoRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Stack.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        NoRedirects.Dispose();
        await Stack.DisposeAsync();
    }
}

/// <summary>TimeMap, TimeGate and mementos (RFC 7089) through the app.</summary>
public sealed partial class MementoApiTests(MementoFixture fixture) : IClassFixture<MementoFixture>
{
    private async Task<DateTimeOffset> DatetimeOfAsync(int version)
    {
        var json = await fixture.Stack.Http.GetFromJsonAsync<JsonElement>($"api/articles/{fixture.Id}/versions/{version}");
        return MementoService.ToSecond(json.GetProperty("firstSeenAt").GetDateTimeOffset());
    }

    private async Task<HttpResponseMessage> TimeGateAsync(string? acceptDatetime, string? url = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/memento/timegate?url=" + Uri.EscapeDataString(url ?? fixture.Url));
        if (acceptDatetime is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Datetime", acceptDatetime);
        }

        return await fixture.NoRedirects.SendAsync(request);
    }

    private string MementoPath(int version) => $"/api/articles/{fixture.Id}/versions/{version}/original";

    [Fact]
    public async Task The_timegate_negotiates_by_accept_datetime()
    {
        var first = await DatetimeOfAsync(1);
        var second = await DatetimeOfAsync(2);
        Assert.True(second > first);
        var cases = new (string? Accept, int Expected)[]
        {
            (null, 2),
            ("Sat, 01 Jan 2000 00:00:00 GMT", 1),
            (LinkFormat.HttpDate(first), 1),
            (LinkFormat.HttpDate(second.AddSeconds(-1)), 1),
            (LinkFormat.HttpDate(second), 2),
            ("Fri, 01 Jan 2100 00:00:00 GMT", 2),
        };
        foreach (var (accept, expected) in cases)
        {
            using var response = await TimeGateAsync(accept);
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal(MementoPath(expected), response.Headers.Location!.AbsolutePath);
            Assert.Contains("accept-datetime", response.Headers.Vary);
            var link = string.Join(", ", response.Headers.GetValues("Link"));
            Assert.Contains($"<{fixture.Url}>; rel=\"original\"", link, StringComparison.Ordinal);
            Assert.Contains("rel=\"timemap\"; type=\"application/link-format\"", link, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_timemap_lists_every_version_and_each_memento_says_when_it_was()
    {
        using var response = await fixture.Stack.Http.GetAsync(new Uri("api/memento/timemap?url=" + Uri.EscapeDataString(fixture.Url + "?utm_source=x"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LinkFormat.MediaType, response.Content.Headers.ContentType?.MediaType);
        var links = LinkPattern().Matches(await response.Content.ReadAsStringAsync()).Select(m => (Uri: m.Groups["uri"].Value, Rel: m.Groups["rel"].Value, Attrs: m.Groups["attrs"].Value)).ToList();
        Assert.Equal(["original", "self", "timegate", "first memento", "last memento"], links.Select(l => l.Rel));
        Assert.Equal(fixture.Url, links[0].Uri);

        for (var version = 1; version <= 2; version++)
        {
            var datetime = LinkFormat.HttpDate(await DatetimeOfAsync(version));
            var link = links[2 + version];
            Assert.Contains($"datetime=\"{datetime}\"", link.Attrs, StringComparison.Ordinal);
            Assert.EndsWith(MementoPath(version), link.Uri, StringComparison.Ordinal);

            using var memento = await fixture.Stack.Http.GetAsync(new Uri(link.Uri));
            Assert.Equal(HttpStatusCode.OK, memento.StatusCode);
            Assert.Equal(datetime, memento.Headers.GetValues("Memento-Datetime").Single());
            var header = string.Join(", ", memento.Headers.GetValues("Link"));
            Assert.Contains($"<{fixture.Url}>; rel=\"original\"", header, StringComparison.Ordinal);
            Assert.Contains($"<{links[2].Uri}>; rel=\"timegate\"", header, StringComparison.Ordinal);
            Assert.Contains($"<{links[1].Uri}>; rel=\"timemap\"", header, StringComparison.Ordinal);
        }

        // The TimeGate the map names answers too.
        using var gate = await fixture.NoRedirects.GetAsync(new Uri(links[2].Uri));
        Assert.Equal(HttpStatusCode.Found, gate.StatusCode);
    }

    [Theory]
    [InlineData("api/memento/timegate", null, HttpStatusCode.BadRequest)]
    [InlineData("api/memento/timemap", null, HttpStatusCode.BadRequest)]
    [InlineData("api/memento/timemap?url=ftp%3A%2F%2Fexample.com%2F", null, HttpStatusCode.BadRequest)]
    [InlineData("api/memento/timemap?url=https%3A%2F%2Fnever.example%2Fstory", null, HttpStatusCode.NotFound)]
    [InlineData("api/memento/timegate?url=https%3A%2F%2Fnever.example%2Fstory", null, HttpStatusCode.NotFound)]
    public async Task Bad_requests_answer_problem_details(string path, string? acceptDatetime, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptDatetime is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Datetime", acceptDatetime);
        }

        using var response = await fixture.NoRedirects.SendAsync(request);
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Without_a_host_the_links_are_relative_to_the_site()
    {
        var request = FunctionHttp.Request();
        var links = Archive.Functions.Memento.MementoRequests.Links(request, Archive.Core.Urls.ArticleId.For(Archive.Core.Urls.UrlCanonicalizer.Canonicalize(fixture.Url)), fixture.Url);
        Assert.Equal("/api/memento/timegate?url=" + Uri.EscapeDataString(fixture.Url), LinkFormat.Text(links.TimeGate));
        Assert.StartsWith("/api/articles/", LinkFormat.Text(links.Memento(1)), StringComparison.Ordinal);
        Assert.Contains($"<{fixture.Url}>; rel=\"original\"", LinkFormat.Header(links), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_accept_datetime_is_a_bad_request()
    {
        using var response = await TimeGateAsync("last tuesday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex("<(?<uri>[^>]+)>; rel=\"(?<rel>[^\"]+)\"(?<attrs>(?:[^,\\n\"]|\"[^\"]*\")*)")]
    private static partial Regex LinkPattern();
}
