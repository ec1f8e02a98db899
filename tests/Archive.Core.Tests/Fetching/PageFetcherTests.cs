using System.IO.Compression;
using Archive.Local;
using Archive.Core.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Core.Tests.Fetching;

public sealed class PageFetcherTests : IAsyncLifetime
{
    private PageServer _server = null!;

    public async Task InitializeAsync() => _server = await PageServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static PageFetcher CreateFetcher(Dictionary<string, string?>? settings = null)
    {
        settings ??= [];
        settings["Fetch:AllowedNetworks:0"] = "127.0.0.0/8";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddArchiveCore(configuration).BuildServiceProvider();
        return services.GetRequiredService<PageFetcher>();
    }

    [Fact]
    public async Task Keeps_the_bytes_and_headers_as_served()
    {
        var body = "<html><body><p>Caf\u00e9</p></body></html>"u8.ToArray();
        _server.Set("/page", new ServedPage(body, "text/html; charset=utf-8", Headers: new Dictionary<string, string> { ["X-Odd-Header"] = "Value;  with  spaces" }));
        var result = await CreateFetcher().FetchAsync(_server.Url("/page"));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(body, result.Body);
        Assert.Equal("text/html", result.MediaType);
        Assert.Equal("utf-8", result.Charset);
        Assert.Equal("Value;  with  spaces", result.Header("x-odd-header"));
        Assert.Contains(result.Headers, h => h.Name == "ETag");
        Assert.Empty(result.Redirects);
        Assert.True(result.CompletedAt >= result.StartedAt);
    }

    [Fact]
    public async Task Follows_redirects_and_records_each_hop()
    {
        _server.SetHtml("/final", "<p>here</p>");
        _server.SetHandler("/old", ctx => { ctx.Response.StatusCode = 301; ctx.Response.Headers.Location = "/middle"; return Task.CompletedTask; });
        _server.SetHandler("/middle", ctx => { ctx.Response.StatusCode = 302; ctx.Response.Headers.Location = _server.Url("/final").AbsoluteUri; return Task.CompletedTask; });

        var result = await CreateFetcher().FetchAsync(_server.Url("/old"));

        Assert.Equal(_server.Url("/final"), result.FinalUrl);
        Assert.Equal(_server.Url("/old"), result.RequestedUrl);
        Assert.Collection(
            result.Redirects,
            hop => { Assert.Equal(301, hop.StatusCode); Assert.Equal(_server.Url("/middle"), hop.Location); },
            hop => { Assert.Equal(302, hop.StatusCode); Assert.Equal(_server.Url("/final"), hop.Location); });
    }

    [Fact]
    public async Task Refuses_redirect_loops()
    {
        _server.SetHandler("/a", ctx => { ctx.Response.StatusCode = 302; ctx.Response.Headers.Location = "/b"; return Task.CompletedTask; });
        _server.SetHandler("/b", ctx => { ctx.Response.StatusCode = 302; ctx.Response.Headers.Location = "/a"; return Task.CompletedTask; });
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => CreateFetcher().FetchAsync(_server.Url("/a")));
        Assert.Equal(FetchFailureKind.TooManyRedirects, ex.Kind);
        Assert.Contains("loop", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_after_the_redirect_limit()
    {
        for (var i = 0; i < 5; i++)
        {
            var next = $"/hop{i + 1}";
            _server.SetHandler($"/hop{i}", ctx => { ctx.Response.StatusCode = 307; ctx.Response.Headers.Location = next; return Task.CompletedTask; });
        }

        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => CreateFetcher(new() { ["Fetch:MaxRedirects"] = "3" }).FetchAsync(_server.Url("/hop0")));
        Assert.Equal(FetchFailureKind.TooManyRedirects, ex.Kind);
    }

    [Fact]
    public async Task Cuts_off_bodies_over_the_limit()
    {
        _server.Set("/big", new ServedPage(new byte[200_000]));
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => CreateFetcher(new() { ["Fetch:MaxResponseBytes"] = "100000" }).FetchAsync(_server.Url("/big")));
        Assert.Equal(FetchFailureKind.TooLarge, ex.Kind);
    }

    [Fact]
    public async Task Counts_the_limit_after_decompression()
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await gzip.WriteAsync(new byte[5_000_000]);
        }

        var bomb = compressed.ToArray();
        Assert.True(bomb.Length < 100_000);
        _server.SetHandler("/bomb", async ctx =>
        {
            ctx.Response.Headers.ContentEncoding = "gzip";
            ctx.Response.ContentType = "text/html";
            await ctx.Response.Body.WriteAsync(bomb);
        });

        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => CreateFetcher(new() { ["Fetch:MaxResponseBytes"] = "1000000" }).FetchAsync(_server.Url("/bomb")));
        Assert.Equal(FetchFailureKind.TooLarge, ex.Kind);
    }

    [Fact]
    public async Task Times_out_when_headers_do_not_come()
    {
        _server.SetHandler("/slow", async ctx => await Task.Delay(TimeSpan.FromSeconds(30), ctx.RequestAborted));
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => CreateFetcher(new() { ["Fetch:HeadersTimeout"] = "00:00:01" }).FetchAsync(_server.Url("/slow")));
        Assert.Equal(FetchFailureKind.Timeout, ex.Kind);
        Assert.True(Archive.Core.Capture.FetchFailureOutcomes.For(ex.Kind).Transient);
    }

    [Fact]
    public async Task Sends_validators_and_reports_not_modified()
    {
        _server.SetHtml("/cond", "<p>same</p>");
        var fetcher = CreateFetcher();
        var first = await fetcher.FetchAsync(_server.Url("/cond"));
        var second = await fetcher.FetchAsync(_server.Url("/cond"), new ConditionalRequest(first.Header("ETag"), first.Header("Last-Modified")));
        Assert.True(second.NotModified);
        Assert.Empty(second.Body);
    }

    [Fact]
    public async Task Reports_a_refused_connection()
    {
        var port = FreePort.Next();
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => CreateFetcher().FetchAsync(new Uri($"http://127.0.0.1:{port}/")));
        Assert.Equal(FetchFailureKind.ConnectionFailed, ex.Kind);
    }

    [Fact]
    public async Task Names_itself_in_the_user_agent()
    {
        string? agent = null;
        _server.SetHandler("/ua", ctx => { agent = ctx.Request.Headers.UserAgent; return ctx.Response.WriteAsync("<p>x</p>"); });
        await CreateFetcher().FetchAsync(_server.Url("/ua"));
        Assert.StartsWith("ArchiveBot/", agent, StringComparison.Ordinal);
    }
}
