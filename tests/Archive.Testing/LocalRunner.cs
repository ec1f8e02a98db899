using Archive.Cli;
using Archive.Cli.Hosting;
using Archive.Cli.Local;
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

    /// <summary>Starts it all.</summary>
    public static async Task<LocalRunner> StartAsync()
    {
        var scope = await StorageScope.CreateAsync().ConfigureAwait(false);
        var pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds")).ConfigureAwait(false);
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = scope.Settings, LogLevel = LogLevel.Warning }).ConfigureAwait(false);
        return new LocalRunner(scope, pages, host);
    }

    /// <summary>Runs the <c>archive</c> command line against this app; answers its exit code and what it wrote.</summary>
    public async Task<(int Exit, string Output, string Error)> RunCliAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--api", Host.BaseAddress.AbsoluteUri], output, error).ConfigureAwait(false);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Stops it all.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await Pages.DisposeAsync().ConfigureAwait(false);
        await Scope.DisposeAsync().ConfigureAwait(false);
    }
}
