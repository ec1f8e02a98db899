using Archive.Core.Recheck;
using Microsoft.Extensions.Options;

namespace Archive.Core.Capture;

/// <summary>What one timer run did.</summary>
/// <param name="Enqueued">Re-checks queued.</param>
/// <param name="At">The time the run considered "now".</param>
public sealed record RecheckRun(int Enqueued, DateTimeOffset At);

/// <summary>
/// The timer's work: queue one capture per article that is due. It only enqueues; the queue function does the
/// fetching, so retries and poison handling stay per article. The due entries themselves are taken and moved by
/// <see cref="DueSchedule"/>, and each message says where the next check was scheduled.
/// </summary>
public sealed class DueRechecks(DueSchedule schedule, ICaptureQueue queue, IOptions<RecheckOptions> options, TimeProvider time)
{
    /// <summary>Queues every article due now.</summary>
    public async Task<RecheckRun> EnqueueDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken };
        var count = await schedule.TakeDueAsync(
            now,
            (takes, ct) => Parallel.ForEachAsync(takes, parallel, async (take, inner) => await queue.EnqueueAsync(
                new CaptureMessage { ArticleId = take.Entry.Id.Value, Url = take.Entry.Url, Trigger = CaptureTriggers.Recheck, RequestedAt = now, Schedule = take.Schedule },
                cancellationToken: inner).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
        return new RecheckRun(count, now);
    }
}
