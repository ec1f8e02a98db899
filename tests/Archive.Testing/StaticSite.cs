using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Archive.Testing;

/// <summary>
/// A static file server on 127.0.0.1 for client-side tools under test (ReplayWeb.page and the WACZ packages it reads):
/// it serves one or more folders as one site, honours <c>Range</c> (<c>206</c> with <c>Content-Range</c>, <c>416</c>
/// when unsatisfiable) and conditional requests, and answers files of any extension. A folder listed first wins.
/// </summary>
public sealed class StaticSite : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StaticSite(WebApplication app) => _app = app;

    /// <summary>The site's base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Starts a server on a free loopback port serving <paramref name="folders"/>.</summary>
    public static async Task<StaticSite> StartAsync(params string[] folders)
    {
        ArgumentNullException.ThrowIfNull(folders);
        if (folders.Length == 0)
        {
            throw new ArgumentException("Give at least one folder to serve.", nameof(folders));
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".wacz"] = "application/wacz";
        types.Mappings[".cdxj"] = "text/x-cdxj";
        app.Use(async (context, next) =>
        {
            // Every test writes its own files: a browser must never answer from a cache of an earlier run.
            context.Response.Headers.CacheControl = "no-store";
            await next(context).ConfigureAwait(false);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new CompositeFileProvider(folders.Select(f => new PhysicalFileProvider(Path.GetFullPath(f)))),
            ContentTypeProvider = types,
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
        });
        var site = new StaticSite(app);
        await app.StartAsync().ConfigureAwait(false);
        site.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return site;
    }

    /// <summary>The absolute URL of <paramref name="path"/> on this site.</summary>
    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
