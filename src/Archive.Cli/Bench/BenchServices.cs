using Archive.Functions;
using Archive.Local;
using Archive.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Bench;

/// <summary>The app's services over a bench's own Azurite (names prefixed <c>bench</c>), counting every storage request.</summary>
public static class BenchServices
{
    /// <summary>Builds the services, with <paramref name="settings"/> added to the app's settings, and creates the storage they use.</summary>
    public static async Task<ServiceProvider> StartAsync(AzuriteProcess azurite, StorageOperationCounter counter, IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default)
    {
        var all = LocalStack.SettingsFor(azurite, "bench");
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>())
        {
            all[name] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(counter)
            .AddArchiveFunctions(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return services;
    }
}
