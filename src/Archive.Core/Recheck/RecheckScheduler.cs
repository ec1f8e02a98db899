using Archive.Core.Capture;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Core.Recheck;

/// <summary>What one timer run did.</summary>
/// <param name="Enqueued">Re-checks queued.</param>
/// <param name="At">The time the run considered "now".</param>
public sealed record RecheckRun(int Enqueued, DateTimeOffset At);

/// <summary>
/// The timer's work: queue one re-check message per due article and take it off the index. It only enqueues; the
/// queue function does the fetching, so retries and poison handling stay per article.
/// </summary>
public sealed partial class RecheckScheduler(IDueIndex due, ICaptureQueue queue, IOptions<RecheckOptions> options, TimeProvider time, ILogger<RecheckScheduler> logger)
{
    /// <summary>Queues every article due now.</summary>
    public async Task<RecheckRun> EnqueueDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var count = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(due.ListDueAsync(now, options.Value.MaxPerRun, cancellationToken), parallel, async (entry, ct) =>
        {
            // Queue first, then unschedule: a crash in between queues it twice, which a capture takes as "unchanged".
            await queue.EnqueueAsync(
                new CaptureMessage { ArticleId = entry.Id.Value, Url = entry.Url, Trigger = CaptureTriggers.Recheck, RequestedAt = now },
                cancellationToken: ct).ConfigureAwait(false);
            await due.UnscheduleAsync(entry.Id, entry.DueAt, ct).ConfigureAwait(false);
            Interlocked.Increment(ref count);
        }).ConfigureAwait(false);

        LogRun(logger, count, now);
        return new RecheckRun(count, now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} due re-checks at {Now}")]
    private static partial void LogRun(ILogger logger, int count, DateTimeOffset now);
}
