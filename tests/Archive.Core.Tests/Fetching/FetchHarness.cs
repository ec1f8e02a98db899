using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Archive.Core.Fetching;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Core.Tests.Fetching;

/// <summary>
/// A test-only DNS: names map to fixed answers (successive answers for rebinding; the last one repeats), unknown
/// names fail as "host not found". It never asks a real resolver.
/// </summary>
internal sealed class FakeResolver : IHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[][]> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Lookups { get; } = new();

    /// <summary>Makes <paramref name="host"/> resolve to <paramref name="addresses"/>.</summary>
    public FakeResolver Map(string host, params string[] addresses)
    {
        _answers[host] = [[.. addresses.Select(IPAddress.Parse)]];
        return this;
    }

    /// <summary>Makes <paramref name="host"/> give <paramref name="answers"/> one after the other, the last one from then on.</summary>
    public FakeResolver Sequence(string host, params string[] answers)
    {
        _answers[host] = [.. answers.Select(a => new[] { IPAddress.Parse(a) })];
        return this;
    }

    public int LookupsOf(string host) => Lookups.Count(h => h == host);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        Lookups.Enqueue(host);
        if (!_answers.TryGetValue(host, out var answers))
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var n = _counts.AddOrUpdate(host, 1, (_, c) => c + 1);
        return Task.FromResult(answers[Math.Min(n, answers.Length) - 1]);
    }
}

/// <summary>
/// A fetcher built the production way (<c>AddArchiveCore</c>) with the fake resolver, and a record of every endpoint
/// a socket was about to connect to. As a safety net, dialling anything outside loopback throws before the connect.
/// </summary>
internal sealed class FetchHarness : IDisposable
{
    private readonly ServiceProvider _services;

    private FetchHarness(ServiceProvider services)
    {
        _services = services;
        Fetcher = services.GetRequiredService<PageFetcher>();
        Guard = services.GetRequiredService<FetchGuard>();
        Guard.Dialing = endpoint =>
        {
            Dialed.Enqueue(endpoint);
            if (!IPAddress.IsLoopback(endpoint.Address) || endpoint.Address.IsIPv4MappedToIPv6)
            {
                throw new InvalidOperationException($"A test tried to connect to {endpoint}, outside loopback.");
            }
        };
    }

    public PageFetcher Fetcher { get; }

    public IServiceProvider Services => _services;

    public FetchGuard Guard { get; }

    /// <summary>Every endpoint a socket was about to connect to, in order.</summary>
    public ConcurrentQueue<IPEndPoint> Dialed { get; } = new();

    public static FetchHarness Create(FakeResolver? resolver = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IHostResolver>(resolver ?? new FakeResolver());
        services.AddArchiveCore(configuration);
        return new FetchHarness(services.BuildServiceProvider());
    }

    /// <summary>Settings that allow loopback, as the local runner and the older tests set them.</summary>
    public static Dictionary<string, string?> LoopbackAllowed(Dictionary<string, string?>? more = null)
    {
        var settings = more ?? [];
        settings["Fetch:AllowedNetworks:0"] = "127.0.0.0/8";
        return settings;
    }

    public void Dispose() => _services.Dispose();
}

/// <summary>A raw TCP listener on 127.0.0.1 that counts the connections it accepts and answers with a fixed script.</summary>
internal sealed class RawListener : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _accepted;

    private RawListener(TcpListener listener, Func<NetworkStream, CancellationToken, Task>? respond)
    {
        _listener = listener;
        _loop = AcceptLoopAsync(respond);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Starts on <paramref name="address"/> (127.0.0.1 unless told), port <paramref name="port"/> (free unless told).</summary>
    public static RawListener Start(Func<NetworkStream, CancellationToken, Task>? respond = null, IPAddress? address = null, int port = 0)
    {
        var listener = new TcpListener(address ?? IPAddress.Loopback, port);
        listener.Start();
        return new RawListener(listener, respond);
    }

    private async Task AcceptLoopAsync(Func<NetworkStream, CancellationToken, Task>? respond)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            Interlocked.Increment(ref _accepted);
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        if (respond is not null)
                        {
                            await respond(client.GetStream(), _stop.Token);
                        }
                    }
                    catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
                    {
                        // The client hung up, as it should when it refuses what it reads.
                    }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
