using Archive.Local.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Local;

/// <summary>
/// Everything a local run needs, started together: Azurite, a page server for the seeds, and the Functions app in
/// the local runner, configured to use that Azurite and allowed to fetch from loopback.
/// </summary>
public sealed class LocalStack : IAsyncDisposable
{
    private LocalStack(AzuriteProcess azurite, PageServer pages, LocalFunctionsHost host)
    {
        Azurite = azurite;
        Pages = pages;
        Host = host;
    }

    /// <summary>The storage emulator.</summary>
    public AzuriteProcess Azurite { get; }

    /// <summary>The stand-in publisher.</summary>
    public PageServer Pages { get; }

    /// <summary>The Functions app.</summary>
    public LocalFunctionsHost Host { get; }

    /// <summary>Settings that point the app at <paramref name="azurite"/> and allow fetching from loopback only.</summary>
    public static Dictionary<string, string?> SettingsFor(AzuriteProcess azurite, string namePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(azurite);
        return new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:NamePrefix"] = namePrefix,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            // Local runs fetch from the page server on loopback, which production refuses.
            ["Fetch:AllowedNetworks:0"] = "127.0.0.0/8",
        };
    }

    /// <summary>Starts the stack, with <paramref name="settings"/> added to the app's settings.</summary>
    public static async Task<LocalStack> StartAsync(
        string repositoryRoot, LogLevel logLevel = LogLevel.Warning, Action<IServiceCollection>? configureServices = null,
        TextWriter? log = null, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var azurite = await AzuriteProcess.StartAsync(repositoryRoot, log: log, cancellationToken: cancellationToken).ConfigureAwait(false);
        PageServer? pages = null;
        try
        {
            pages = await PageServer.StartAsync(Path.Combine(repositoryRoot, "seeds"), cancellationToken).ConfigureAwait(false);
            var all = SettingsFor(azurite);
            foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
            {
                all[name] = value;
            }

            var host = await LocalFunctionsHost.StartAsync(
                new LocalHostOptions { Settings = all, LogLevel = logLevel, ConfigureServices = configureServices },
                cancellationToken).ConfigureAwait(false);
            return new LocalStack(azurite, pages, host);
        }
        catch
        {
            if (pages is not null)
            {
                await pages.DisposeAsync().ConfigureAwait(false);
            }

            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops everything.</summary>
    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync().ConfigureAwait(false);
        await Pages.DisposeAsync().ConfigureAwait(false);
        await Azurite.DisposeAsync().ConfigureAwait(false);
    }
}
