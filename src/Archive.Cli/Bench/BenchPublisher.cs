using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Archive.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Bench;

/// <summary>
/// Many publishers on loopback for the capture benchmark: one HTTP server listening on one port of each of
/// <c>127.0.1.1</c>, <c>127.0.1.2</c>, … (every one a distinct host to the fetcher and its per-host politeness limit,
/// all of them loopback; nothing listens beyond it). Article <c>n</c> lives on publisher <c>n mod P</c> at a path of
/// its own and shows page <c>n mod pages</c>, with its URL appended as a comment so every article's bytes are its
/// own. Each article answers with the same bytes every time; with <c>conditional</c> it also sends an ETag and a
/// Last-Modified and answers a matching If-None-Match with 304, like a well-behaved site.
/// </summary>
public sealed class BenchPublisher : IAsyncDisposable
{
    /// <summary>The most publishers: one per address 127.0.1.1 to 127.0.1.250.</summary>
    public const int MaxPublishers = 250;

    private static readonly string[] Sections = ["world", "politics", "business", "science", "culture", "sport"];
    private readonly WebApplication _app;
    private readonly IReadOnlyList<BenchPage> _pages;
    private readonly bool _conditional;
    private long _served;
    private long _notModified;

    private BenchPublisher(WebApplication app, IReadOnlyList<BenchPage> pages, int publishers, int port, bool conditional)
    {
        _app = app;
        _pages = pages;
        _conditional = conditional;
        Publishers = publishers;
        Port = port;
    }

    /// <summary>How many publishers (host addresses) there are.</summary>
    public int Publishers { get; }

    /// <summary>The port every publisher listens on.</summary>
    public int Port { get; }

    /// <summary>Pages answered in full.</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Conditional requests answered 304 Not Modified.</summary>
    public long NotModified => Interlocked.Read(ref _notModified);

    /// <summary>Starts <paramref name="publishers"/> publishers serving <paramref name="pages"/>.</summary>
    public static async Task<BenchPublisher> StartAsync(IReadOnlyList<BenchPage> pages, int publishers, bool conditional, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(publishers, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(publishers, MaxPublishers);
        for (var attempt = 1; ; attempt++)
        {
            // A port free on 127.0.0.1 is almost always free on the other loopback addresses too; try again if not.
            var port = FreePort.Next();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(k =>
            {
                for (var i = 0; i < publishers; i++)
                {
                    k.Listen(AddressOf(i), port, o => o.Protocols = HttpProtocols.Http1);
                }
            });
            var app = builder.Build();
            var publisher = new BenchPublisher(app, pages, publishers, port, conditional);
            app.Run(publisher.HandleAsync);
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                return publisher;
            }
            catch (IOException) when (attempt < 5)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>The address of publisher <paramref name="index"/> (from 0).</summary>
    public static IPAddress AddressOf(int index) => new([127, 0, 1, checked((byte)(index + 1))]);

    /// <summary>The URL of article <paramref name="n"/> (from 0).</summary>
    public Uri ArticleUrl(int n) => new(string.Create(
        CultureInfo.InvariantCulture, $"http://{AddressOf(n % Publishers)}:{Port}/{Sections[n % Sections.Length]}/2025/{n:D6}/story-{n % _pages.Count}"));

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var slash = path.LastIndexOf('/');
        if (!path.AsSpan(slash + 1).StartsWith("story-", StringComparison.Ordinal) ||
            !int.TryParse(path.AsSpan(slash + 1 + "story-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _pages.Count)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var response = context.Response;
        var url = $"{context.Request.Host}{path}";
        if (_conditional)
        {
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16]}\"";
            response.Headers.ETag = etag;
            response.Headers.LastModified = "Mon, 06 Jan 2025 08:00:00 GMT";
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                Interlocked.Increment(ref _notModified);
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        var page = _pages[index].Html;
        var marker = Encoding.UTF8.GetBytes($"\n<!-- {url} -->\n");
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html";
        response.ContentLength = page.Length + marker.Length;
        await response.Body.WriteAsync(page, context.RequestAborted).ConfigureAwait(false);
        await response.Body.WriteAsync(marker, context.RequestAborted).ConfigureAwait(false);
        Interlocked.Increment(ref _served);
    }

    /// <summary>Stops the publishers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
