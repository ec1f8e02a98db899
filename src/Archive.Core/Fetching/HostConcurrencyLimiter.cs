using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Archive.Core.Fetching;

/// <summary>
/// Politeness: at most <see cref="FetchOptions.MaxConcurrentPerHost"/> requests to one host at a time, across all
/// fetches of the process; the rest wait in line. One concurrency limiter per host, in a partitioned limiter that
/// drops the limiters of hosts gone idle, so the set of hosts it remembers stays bounded.
/// </summary>
public sealed class HostConcurrencyLimiter : IDisposable, IAsyncDisposable
{
    /// <summary>How many requests may wait for one host before more are turned away.</summary>
    public const int QueueLimitPerHost = 256;

    private readonly PartitionedRateLimiter<string> _limiter;

    /// <summary>Creates the limiter from the fetch options.</summary>
    public HostConcurrencyLimiter(IOptions<FetchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var permits = options.Value.MaxConcurrentPerHost;
        _limiter = PartitionedRateLimiter.Create<string, string>(
            host => RateLimitPartition.GetConcurrencyLimiter(host, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = permits,
                QueueLimit = QueueLimitPerHost,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Waits for a turn at <paramref name="host"/>; dispose the result to give the turn back.</summary>
    /// <exception cref="FetchFailedException">Too many requests are already waiting for the host.</exception>
    public async ValueTask<IDisposable> AcquireAsync(string host, CancellationToken cancellationToken = default)
    {
        var lease = await _limiter.AcquireAsync(FetchGuard.NormalizeName(host), 1, cancellationToken).ConfigureAwait(false);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new FetchFailedException(FetchFailureKind.Timeout, $"Too many fetches are waiting for {host}; try again later.");
        }

        return lease;
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _limiter.DisposeAsync();
}
