using System.IO.Compression;
using System.Text;
using Archive.Local;
using Archive.Core.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Core.Tests.Fetching;

public sealed class FetchLimitsTests : IAsyncLifetime
{
    private PageServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await PageServer.StartAsync();
        _server.SetHtml("/ok", "<p>ok</p>");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static FetchHarness Harness(Dictionary<string, string?>? settings = null, FakeResolver? resolver = null) =>
        FetchHarness.Create(resolver, FetchHarness.LoopbackAllowed(settings));

    [Fact]
    public async Task Counts_the_limit_after_brotli_decompression()
    {
        using var compressed = new MemoryStream();
        await using (var brotli = new BrotliStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            await brotli.WriteAsync(new byte[20_000_000]);
        }

        var bomb = compressed.ToArray();
        Assert.True(bomb.Length < 10_000);
        _server.SetHandler("/br", async ctx =>
        {
            ctx.Response.Headers.ContentEncoding = "br";
            ctx.Response.ContentType = "text/html";
            ctx.Response.ContentLength = bomb.Length;
            await ctx.Response.Body.WriteAsync(bomb);
        });

        using var harness = Harness(new() { ["Fetch:MaxResponseBytes"] = "1000000" });
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(_server.Url("/br")));
        Assert.Equal(FetchFailureKind.TooLarge, ex.Kind);
        Assert.Contains("after decompression", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepts_a_brotli_body_within_the_limit()
    {
        using var compressed = new MemoryStream();
        await using (var brotli = new BrotliStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await brotli.WriteAsync("<p>small</p>"u8.ToArray());
        }

        var body = compressed.ToArray();
        _server.SetHandler("/br-ok", async ctx =>
        {
            ctx.Response.Headers.ContentEncoding = "br";
            ctx.Response.ContentType = "text/html";
            await ctx.Response.Body.WriteAsync(body);
        });

        using var harness = Harness();
        var result = await harness.Fetcher.FetchAsync(_server.Url("/br-ok"));
        Assert.Equal("<p>small</p>"u8.ToArray(), result.Body);
    }

    [Fact]
    public async Task Stops_a_fetch_that_takes_longer_than_the_total_time()
    {
        // Headers come at once, then the body trickles: the time-to-first-byte limit never fires, the total does.
        _server.SetHandler("/trickle", async ctx =>
        {
            ctx.Response.ContentType = "text/html";
            await ctx.Response.StartAsync(ctx.RequestAborted);
            for (var i = 0; i < 100; i++)
            {
                await ctx.Response.Body.WriteAsync("<p>.</p>"u8.ToArray(), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                await Task.Delay(100, ctx.RequestAborted);
            }
        });

        using var harness = Harness(new() { ["Fetch:TotalTimeout"] = "00:00:01", ["Fetch:HeadersTimeout"] = "00:00:05" });
        var started = System.Diagnostics.Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(_server.Url("/trickle")));

        Assert.Equal(FetchFailureKind.Timeout, ex.Kind);
        Assert.Contains("longer than 1 s", ex.Message, StringComparison.Ordinal);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task Refuses_response_headers_over_the_limit()
    {
        // A raw server: one header of 40 KB, past a 16 KiB limit.
        await using var server = RawListener.Start(async (stream, ct) =>
        {
            await ReadRequestAsync(stream, ct);
            var head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Huge: " + new string('a', 40_000) + "\r\nContent-Length: 2\r\n\r\nok";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        });

        using var harness = Harness(new() { ["Fetch:MaxResponseHeadersKilobytes"] = "16" });
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(new Uri($"http://127.0.0.1:{server.Port}/")));
        Assert.Equal(FetchFailureKind.TooLarge, ex.Kind);
        Assert.Contains("headers", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refuses_many_small_headers_adding_up_past_the_limit()
    {
        await using var server = RawListener.Start(async (stream, ct) =>
        {
            await ReadRequestAsync(stream, ct);
            var head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n");
            for (var i = 0; i < 5000; i++)
            {
                head.Append("X-H").Append(i).Append(": value\r\n");
            }

            head.Append("Content-Length: 2\r\n\r\nok");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), ct);
        });

        using var harness = Harness(new() { ["Fetch:MaxResponseHeadersKilobytes"] = "32" });
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(new Uri($"http://127.0.0.1:{server.Port}/")));
        Assert.Equal(FetchFailureKind.TooLarge, ex.Kind);
    }

    [Fact]
    public async Task Accepts_headers_under_the_limit_from_the_same_raw_server()
    {
        await using var server = RawListener.Start(async (stream, ct) =>
        {
            await ReadRequestAsync(stream, ct);
            var head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Big: " + new string('a', 8_000) + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), ct);
        });

        using var harness = Harness(new() { ["Fetch:MaxResponseHeadersKilobytes"] = "16" });
        var result = await harness.Fetcher.FetchAsync(new Uri($"http://127.0.0.1:{server.Port}/"));
        Assert.Equal(8_000, result.Header("X-Big")?.Length);
    }

    [Fact]
    public async Task Refuses_a_requested_url_over_the_length_limit_before_connecting()
    {
        using var harness = Harness(new() { ["Fetch:MaxUrlLength"] = "100" });
        var url = _server.Url("/ok?q=" + new string('x', 100));

        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(url));

        Assert.Equal(FetchFailureKind.InvalidUrl, ex.Kind);
        Assert.Contains("the limit is 100", ex.Message, StringComparison.Ordinal);
        Assert.Empty(harness.Dialed);
    }

    [Fact]
    public async Task Default_url_limit_is_2048_characters()
    {
        using var harness = Harness();
        var prefix = _server.Url("/ok?q=").AbsoluteUri;
        var atLimit = new Uri(prefix + new string('x', 2048 - prefix.Length));
        var overLimit = new Uri(prefix + new string('x', 2049 - prefix.Length));

        var result = await harness.Fetcher.FetchAsync(atLimit);
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(overLimit));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(FetchFailureKind.InvalidUrl, ex.Kind);
    }

    [Fact]
    public async Task Refuses_a_redirect_target_over_the_length_limit()
    {
        var longTarget = "/ok?q=" + new string('x', 3000);
        _server.SetHandler("/to-long", ctx => { ctx.Response.StatusCode = 302; ctx.Response.Headers.Location = longTarget; return Task.CompletedTask; });
        using var harness = Harness();

        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(_server.Url("/to-long")));

        Assert.Equal(FetchFailureKind.InvalidRedirect, ex.Kind);
        Assert.Contains("the limit is 2048", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _server.Hits("/ok"));
    }

    [Fact]
    public async Task Fetches_no_more_than_the_limit_from_one_host_at_once()
    {
        var (handler, peak) = SlowCounter();
        _server.SetHandler("/slow", handler);
        using var harness = Harness(new() { ["Fetch:MaxConcurrentPerHost"] = "2" });

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => harness.Fetcher.FetchAsync(_server.Url("/slow"))));

        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(6, _server.Hits("/slow"));
        Assert.Equal(2, peak());
    }

    [Fact]
    public async Task Limits_each_host_separately()
    {
        var (handler, peak) = SlowCounter();
        _server.SetHandler("/slow", handler);
        var resolver = new FakeResolver().Map("a.test", "127.0.0.1").Map("b.test", "127.0.0.1");
        using var harness = Harness(new() { ["Fetch:MaxConcurrentPerHost"] = "1" }, resolver);
        var port = _server.BaseAddress.Port;

        var fetches = Enumerable.Range(0, 6).Select(i => harness.Fetcher.FetchAsync(new Uri($"http://{(i % 2 == 0 ? "a" : "b")}.test:{port}/slow")));
        var results = await Task.WhenAll(fetches);

        Assert.All(results, r => Assert.Equal(200, r.StatusCode));
        Assert.Equal(2, peak());
    }

    [Fact]
    public async Task Waiting_for_a_turn_counts_against_the_total_time()
    {
        using var harness = Harness(new() { ["Fetch:MaxConcurrentPerHost"] = "1", ["Fetch:TotalTimeout"] = "00:00:01" });
        using var held = await harness.Services.GetRequiredService<HostConcurrencyLimiter>().AcquireAsync("127.0.0.1");

        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(_server.Url("/ok")));

        Assert.Equal(FetchFailureKind.Timeout, ex.Kind);
        Assert.Equal(0, _server.Hits("/ok"));
    }

    /// <summary>A slow endpoint that records the most requests it ever had in hand at once.</summary>
    private static (RequestDelegate Handler, Func<int> Peak) SlowCounter()
    {
        var current = 0;
        var peak = 0;
        RequestDelegate handler = async ctx =>
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
            {
            }

            await Task.Delay(250, ctx.RequestAborted);
            Interlocked.Decrement(ref current);
            await ctx.Response.WriteAsync("<p>slow</p>", ctx.RequestAborted);
        };
        return (handler, () => Volatile.Read(ref peak));
    }

    private static async Task ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
