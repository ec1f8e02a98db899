using Archive.Core.Fixity;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Fixity;

/// <summary>The fixity audit timer: re-hashes every stored original, text and record. The schedule is the app setting AUDIT_SCHEDULE.</summary>
public sealed class FixityAuditTimer(FixityAuditor auditor)
{
    /// <summary>Runs the audit over the whole archive; results are recorded and failures logged by the auditor.</summary>
    [Function(nameof(FixityAuditTimer))]
    public Task Run([TimerTrigger("%" + FixityAuditor.ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        auditor.AuditAllAsync(cancellationToken);
}
