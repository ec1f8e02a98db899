using Archive.Local.Hosting;
using Archive.Storage;
using Archive.Testing;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Http;

/// <summary>One local runner over storage of its own names, shared by the cases of a test class.</summary>
public class RunnerFixture : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string?> _extra;

    public RunnerFixture()
        : this(new Dictionary<string, string?>())
    {
    }

    protected RunnerFixture(IReadOnlyDictionary<string, string?> extra) => _extra = extra;

    public StorageScope Scope { get; private set; } = null!;

    public LocalFunctionsHost Host { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Scope = await StorageScope.CreateAsync(_extra);
        var settings = Scope.Settings;
        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }

        Host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        Http = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Scope.DisposeAsync();
    }

    /// <summary>Rows in the articles table plus messages on the capture queue: 0 when nothing was stored.</summary>
    public async Task<int> StoredCountAsync()
    {
        var names = Scope.Get<ResolvedStorageNames>();
        var count = 0;
        await foreach (var _ in Scope.Get<TableServiceClient>().GetTableClient(names.ArticlesTable).QueryAsync<TableEntity>())
        {
            count++;
        }

        return count + (await Scope.Get<QueueServiceClient>().GetQueueClient(names.CaptureQueue).PeekMessagesAsync(32)).Value.Length;
    }
}
