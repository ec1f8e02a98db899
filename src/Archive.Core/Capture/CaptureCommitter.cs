using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Recheck;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Core.Capture;

/// <summary>
/// The last stage of a capture: writes what a decision needs, in an order that never shows half a capture. The new
/// version's text, record and change record first (write-once blobs named by their hashes), then the due entry the
/// head will name, then one transaction (head, check, version or sighting) conditional on the head's ETag, then the
/// due entry the head no longer names. A lost race reads the head again and decides again, so concurrent or repeated
/// deliveries of the same change create exactly one version.
/// </summary>
public sealed partial class CaptureCommitter(
    IArticleStore articles,
    IContentStore content,
    DueSchedule schedule,
    CheckSignals signals,
    IOptions<CaptureOptions> options,
    TimeProvider time,
    ILogger<CaptureCommitter> logger)
{
    /// <summary>Decides against <paramref name="head"/> with <paramref name="decide"/> and commits; on a lost race, against the head as it is now.</summary>
    public async Task<CaptureDecision> CommitAsync(
        CaptureAttempt attempt, ArticleHead head, Func<ArticleHead, DateTimeOffset, CancellationToken, Task<CaptureDecision>> decide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(decide);
        for (var round = 0; ; round++)
        {
            if (round > 0)
            {
                head = await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"Article {attempt.Id} vanished during its capture.");
            }

            var now = time.GetUtcNow();
            var decision = await decide(head, now, cancellationToken).ConfigureAwait(false);
            await WriteContentAsync(decision.NewVersion, cancellationToken).ConfigureAwait(false);
            var plan = schedule.Plan(head, attempt.Message.Schedule, decision.Head, decision.Outcome, decision.WillRetry, now);
            await schedule.BeforeCommitAsync(plan, cancellationToken).ConfigureAwait(false);
            var committed = decision.Head with { NextCheckAt = plan.NextCheckAt };
            string? etag;
            try
            {
                etag = await articles.CommitAsync(
                    new ArticleCommit(committed, decision.Check) { NewVersion = decision.NewVersion?.Row, Change = decision.NewVersion?.Change?.Row, SeenAgain = decision.SeenAgain },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (round < options.Value.MaxConflictRetries)
            {
                LogConflict(logger, attempt.Id.Value, round + 1);
                continue;
            }

            await schedule.AfterCommitAsync(plan, cancellationToken).ConfigureAwait(false);
            signals.Publish(committed with { ETag = etag });
            if (decision.Outcome.IsSuccess() || decision.Outcome is CaptureOutcome.Suspect or CaptureOutcome.NotAnArticle)
            {
                LogChecked(logger, attempt.Id.Value, decision.Outcome.ToCode(), decision.Check.Version, decision.Check.Reason);
            }
            else
            {
                LogFailed(logger, attempt.Id.Value, decision.Outcome.ToCode(), decision.Check.Reason);
            }
            return decision;
        }
    }

    private async Task WriteContentAsync(NewVersion? version, CancellationToken cancellationToken)
    {
        if (version is null)
        {
            return;
        }

        await content.PutTextAsync(version.CleanTextHash, version.Text, cancellationToken).ConfigureAwait(false);
        await content.PutRecordAsync(ContentHash.Parse(version.Row.RecordSha256), version.Record, cancellationToken).ConfigureAwait(false);
        if (version.Change is { } change)
        {
            await content.PutRecordAsync(ContentHash.Parse(change.Row.ChangeSha256), change.Bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} checked: {Outcome} (version {Version}): {Reason}")]
    private static partial void LogChecked(ILogger logger, string articleId, string outcome, int? version, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Article {ArticleId} checked: {Outcome}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string articleId, string outcome, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId} changed while recording; deciding again (round {Round})")]
    private static partial void LogConflict(ILogger logger, string articleId, int round);
}
