using Archive.Core.Provenance;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Provenance;

/// <summary>
/// The anchoring catch-up timer: anchors the versions sealed before the anchored interval's end that have no proof (the
/// activity index missed them). The schedule is the app setting ANCHOR_SWEEP_SCHEDULE.
/// </summary>
public sealed class AnchorSweepTimer(AnchoringService anchoring)
{
    /// <summary>Anchors the versions the regular runs missed.</summary>
    [Function(nameof(AnchorSweepTimer))]
    public Task Run([TimerTrigger("%" + ProvenanceOptions.SweepScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        anchoring.AnchorStragglersAsync(cancellationToken);
}
