using Archive.Local;
using Archive.Functions;
using Archive.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Archive.Testing;

/// <summary>
/// The app's real services over the shared Azurite, with names unique to one test, a fake clock, and loopback
/// fetching allowed. Containers, tables and queues are created on start.
/// </summary>
public sealed class StorageScope : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private StorageScope(ServiceProvider services, AzuriteProcess azurite, string prefix, FakeTimeProvider clock)
    {
        _services = services;
        Azurite = azurite;
        Prefix = prefix;
        Clock = clock;
    }

    /// <summary>The services, as the Functions app registers them.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The shared Azurite.</summary>
    public AzuriteProcess Azurite { get; }

    /// <summary>This test's name prefix.</summary>
    public string Prefix { get; }

    /// <summary>The clock the services use.</summary>
    public FakeTimeProvider Clock { get; }

    /// <summary>The settings this scope's services use (to start a local host over the same storage).</summary>
    public Dictionary<string, string?> Settings => LocalStack.SettingsFor(Azurite, Prefix);

    /// <summary>Resolves a service.</summary>
    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Creates a scope, with optional extra settings.</summary>
    public static async Task<StorageScope> CreateAsync(IReadOnlyDictionary<string, string?>? extra = null) =>
        await CreateAsync(await SharedAzurite.GetAsync().ConfigureAwait(false), SharedAzurite.NewPrefix(), extra).ConfigureAwait(false);

    /// <summary>Creates a scope over an Azurite of the test's own, with the given name prefix (empty: the names the app uses).</summary>
    public static async Task<StorageScope> CreateAsync(
        AzuriteProcess azurite, string prefix, IReadOnlyDictionary<string, string?>? extra = null, Action<IServiceCollection>? configureServices = null)
    {
        var settings = LocalStack.SettingsFor(azurite, prefix);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IConfiguration>(configuration);
        configureServices?.Invoke(services);
        services.AddArchiveFunctions(configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<StorageInitializer>().EnsureCreatedAsync().ConfigureAwait(false);
        return new StorageScope(provider, azurite, prefix, clock);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
