using Archive.Core.Capture;
using Archive.Core.Recheck;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Recheck;

/// <summary>The re-check timer: queues one message per article that is due. The schedule is the app setting RECHECK_SCHEDULE.</summary>
public sealed class RecheckTimer(DueRechecks rechecks)
{
    /// <summary>Queues the due re-checks.</summary>
    [Function(nameof(RecheckTimer))]
    public Task Run([TimerTrigger("%" + RecheckOptions.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        rechecks.EnqueueDueAsync(cancellationToken);
}
