using Archive.Local;
using Archive.Testing;

namespace Archive.Functions.Tests.Faults;

/// <summary>
/// An Azurite of one fault test's own (never the shared one), with its data in a folder of its own so the data
/// survives a stop and restart on the same ports; storage clients are set to give up quickly while it is down.
/// </summary>
public sealed class FaultStorage : IAsyncDisposable
{
    private readonly string _folder;

    private FaultStorage(AzuriteProcess azurite, string folder)
    {
        Azurite = azurite;
        _folder = folder;
    }

    /// <summary>The running (or stopped) Azurite.</summary>
    public AzuriteProcess Azurite { get; private set; }

    public static async Task<FaultStorage> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("archive-faults-").FullName;
        return new FaultStorage(await AzuriteProcess.StartAsync(SharedAzurite.RepositoryRoot, folder), folder);
    }

    /// <summary>Settings for a runner over this storage: short leases and retries, fetching from loopback allowed.</summary>
    public Dictionary<string, string?> Settings()
    {
        var settings = LocalStack.SettingsFor(Azurite);
        settings["Storage:MaxRetries"] = "1";
        settings["Storage:RetryDelay"] = "00:00:00.100";
        settings["Storage:NetworkTimeout"] = "00:00:05";
        settings["Runner:MessageLease"] = "00:00:02";
        settings["Runner:RetryDelay"] = "00:00:00.500";
        settings["Runner:MaxPollingInterval"] = "00:00:00.200";
        return settings;
    }

    /// <summary>Stops Azurite as a service is stopped (it saves its data).</summary>
    public Task StopAsync() => Azurite.StopAsync(TimeSpan.FromSeconds(10));

    /// <summary>Starts it again on the same ports with the same data.</summary>
    public async Task RestartAsync()
    {
        var stopped = Azurite;
        Azurite = await stopped.RestartAsync(SharedAzurite.RepositoryRoot);
        await stopped.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Azurite.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the OS cleans it eventually.
        }
    }
}
