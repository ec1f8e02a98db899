using Archive.Core.Provenance;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Provenance;

/// <summary>The anchor timer: anchors the versions sealed since its last run in time. The schedule is the app setting ANCHOR_SCHEDULE.</summary>
public sealed class AnchorTimer(AnchoringService anchoring)
{
    /// <summary>Anchors what was sealed since the last run.</summary>
    [Function(nameof(AnchorTimer))]
    public Task Run([TimerTrigger("%" + ProvenanceOptions.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        anchoring.RunAsync(cancellationToken);
}
