using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Archive.Local;

/// <summary>A page to serve: bytes, content type, status and any extra headers.</summary>
public sealed record ServedPage(byte[] Body, string ContentType = "text/html; charset=utf-8", int Status = 200, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>Whether the page answers conditional requests (ETag and Last-Modified) with 304.</summary>
    public bool Conditional { get; init; } = true;
}

/// <summary>
/// A real HTTP server on 127.0.0.1 that stands in for publishers: it serves a folder (the seeds) and pages set at run
/// time, and can change a page between checks. It answers conditional requests like a well-behaved site.
/// </summary>
public sealed class PageServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _folder;
    private readonly ConcurrentDictionary<string, ServedPage> _pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RequestDelegate> _handlers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);

    private PageServer(WebApplication app, string? folder)
    {
        _app = app;
        _folder = folder;
    }

    /// <summary>The server's base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a server on a free loopback port serving <paramref name="folder"/> (if given).</summary>
    public static async Task<PageServer> StartAsync(string? folder = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var server = new PageServer(app, folder is null ? null : Path.GetFullPath(folder));
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this server.</summary>
    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>Serves <paramref name="page"/> at <paramref name="path"/>, replacing what was there.</summary>
    public void Set(string path, ServedPage page) => _pages[Normalize(path)] = page;

    /// <summary>Serves an HTML string at <paramref name="path"/>.</summary>
    public void SetHtml(string path, string html) => Set(path, new ServedPage(System.Text.Encoding.UTF8.GetBytes(html)));

    /// <summary>Serves a file of the folder at <paramref name="path"/> (how the demo switches a page to its edited version).</summary>
    public void SetFile(string path, string fileName)
    {
        var file = ResolveFile(fileName) ?? throw new FileNotFoundException($"No file '{fileName}' in {_folder}.");
        Set(path, new ServedPage(File.ReadAllBytes(file), ContentTypeOf(file)));
    }

    /// <summary>Answers <paramref name="path"/> with custom code (redirects, slow answers, failures).</summary>
    public void SetHandler(string path, RequestDelegate handler) => _handlers[Normalize(path)] = handler;

    /// <summary>How many requests <paramref name="path"/> has had.</summary>
    public int Hits(string path) => _hits.TryGetValue(Normalize(path), out var n) ? n : 0;

    private static string Normalize(string path) => "/" + path.TrimStart('/');

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        if (_handlers.TryGetValue(path, out var handler))
        {
            await handler(context).ConfigureAwait(false);
            return;
        }

        if (!_pages.TryGetValue(path, out var page))
        {
            var file = ResolveFile(path);
            page = file is null
                ? new ServedPage("<!DOCTYPE html><title>Not found</title><h1>404 Not Found</h1>"u8.ToArray(), Status: 404)
                : new ServedPage(await File.ReadAllBytesAsync(file, context.RequestAborted).ConfigureAwait(false), ContentTypeOf(file));
        }

        var response = context.Response;
        foreach (var (name, value) in page.Headers ?? new Dictionary<string, string>())
        {
            response.Headers[name] = value;
        }

        if (page.Conditional && page.Status == 200)
        {
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(page.Body))[..16]}\"";
            response.Headers.ETag = etag;
            response.Headers.LastModified = "Sun, 08 Dec 2024 05:11:00 GMT";
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        response.StatusCode = page.Status;
        response.ContentType = page.ContentType;
        response.ContentLength = page.Body.Length;
        await response.Body.WriteAsync(page.Body, context.RequestAborted).ConfigureAwait(false);
    }

    private string? ResolveFile(string path)
    {
        if (_folder is null)
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(_folder, Uri.UnescapeDataString(path).TrimStart('/')));
        return full.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        ".json" => "application/json",
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    };

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
