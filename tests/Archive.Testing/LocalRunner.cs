using Archive.Local.Hosting;
using Archive.Local;
using Microsoft.Extensions.Logging;

namespace Archive.Testing;

/// <summary>
/// The Functions app in the local runner over this test's own names in the shared Azurite, with a page server for
/// the seeds as the publisher: what end-to-end tests of the API, the pages and the command line start from.
/// </summary>
public sealed class LocalRunner : IAsyncDisposable
{
    private LocalRunner(StorageScope scope, PageServer pages, LocalFunctionsHost host)
    {
        Scope = scope;
        Pages = pages;
        Host = host;
    }

    /// <summary>The storage names and services of this test.</summary>
    public StorageScope Scope { get; }

    /// <summary>The stand-in publisher, serving <c>seeds/</c>.</summary>
    public PageServer Pages { get; }

    /// <summary>The Functions app.</summary>
    public LocalFunctionsHost Host { get; }

    /// <summary>Starts it all, with <paramref name="settings"/> added to the app's settings.</summary>
    public static async Task<LocalRunner> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var scope = await StorageScope.CreateAsync().ConfigureAwait(false);
        var pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds")).ConfigureAwait(false);
        var all = scope.Settings;
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = all, LogLevel = LogLevel.Warning }).ConfigureAwait(false);
        return new LocalRunner(scope, pages, host);
    }

    /// <summary>Stops it all.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await Pages.DisposeAsync().ConfigureAwait(false);
        await Scope.DisposeAsync().ConfigureAwait(false);
    }
}
