using System.Collections.Concurrent;
using Archive.Core.Activity;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Core.Provenance;

/// <summary>How one anchoring run ended.</summary>
public enum AnchorRunOutcome
{
    /// <summary>No timestamp authority is configured: nothing was read or written.</summary>
    NotConfigured,

    /// <summary>No version was sealed in the interval; the interval is done.</summary>
    NothingToAnchor,

    /// <summary>The versions of the interval were anchored.</summary>
    Anchored,

    /// <summary>The authority gave no token: the failure is recorded and the interval is tried again on the next run.</summary>
    Failed,
}

/// <summary>What one anchoring run did.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Versions">How many versions the interval held (for the catch-up: how many versions lacked a proof).</param>
/// <param name="AuthorityRequests">How many requests went to the authority (0 or 1).</param>
/// <param name="ProofsWritten">How many proofs were written (a version that had one keeps it).</param>
/// <param name="Root">The anchor's root (hex), when anchored.</param>
/// <param name="Failure">Why it failed, when it did.</param>
public sealed record AnchorRunResult(AnchorRunOutcome Outcome, int Versions, int AuthorityRequests, int ProofsWritten, string? Root = null, string? Failure = null);

/// <summary>
/// Anchors the versions sealed since the last run in time: one RFC 6962 tree over their record hashes, one token from
/// the timestamp authority over its root, one write-once proof per version. The interval's end is kept in the state
/// row and moved only after the anchor and every proof are stored, so an interrupted or failed run is simply done again
/// by the next one (proofs already written are kept: the first proof wins). It runs on its own timer and reads the
/// activity index, so captures pay nothing for it; <see cref="AnchorStragglersAsync"/>, on its own daily timer, anchors
/// the versions the index missed.
/// </summary>
public sealed partial class AnchoringService(
    IActivityLog activity,
    IArticleStore articles,
    IAnchorStore anchors,
    ITimestampAuthority authority,
    TimeProvider time,
    IOptions<ProvenanceOptions> options,
    ILogger<AnchoringService> logger)
{
    /// <summary>Anchors what was sealed since the last run.</summary>
    public async Task<AnchorRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!authority.IsConfigured)
        {
            return new AnchorRunResult(AnchorRunOutcome.NotConfigured, 0, 0, 0);
        }

        var state = await anchors.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (AnchorPlan.Window(state, now, options.Value.SettleFor) is not { } window)
        {
            return new AnchorRunResult(AnchorRunOutcome.NothingToAnchor, 0, 0, 0);
        }

        var versions = await SealedInAsync(window.After, window.UpTo, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            await anchors.TrySaveStateAsync(state with { AnchoredUntil = window.UpTo, LastAttemptAt = now, LastFailure = null, FailuresInARow = 0 }, cancellationToken).ConfigureAwait(false);
            return new AnchorRunResult(AnchorRunOutcome.NothingToAnchor, 0, 0, 0);
        }

        return await AnchorAsync(versions, state, window.UpTo, now, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The daily catch-up: anchors every version sealed inside an interval the regular runs have already closed that has
    /// no proof, because its activity entry was lost or written later than <see cref="ProvenanceOptions.SettleFor"/>
    /// after its commit. It reads every article's version rows and lists each article's proofs (no proof is read), then
    /// anchors what it found in one tree with one request to the authority (none when nothing is missing). It does not
    /// move the regular interval; a failed request is recorded in the state and the next catch-up tries again.
    /// </summary>
    public async Task<AnchorRunResult> AnchorStragglersAsync(CancellationToken cancellationToken = default)
    {
        if (!authority.IsConfigured)
        {
            return new AnchorRunResult(AnchorRunOutcome.NotConfigured, 0, 0, 0);
        }

        var state = await anchors.GetStateAsync(cancellationToken).ConfigureAwait(false);
        if (state.AnchoredUntil is not { } anchoredUntil)
        {
            // No interval is closed yet: the first regular run reads from the beginning of time.
            return new AnchorRunResult(AnchorRunOutcome.NothingToAnchor, 0, 0, 0);
        }

        var stragglers = new ConcurrentBag<AnchoredVersion>();
        await Parallel.ForEachAsync(
            articles.ListHeadsAsync(cancellationToken),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (head, ct) =>
            {
                var versions = await articles.ListVersionSummariesAsync(head.Id, ct).ConfigureAwait(false);
                if (!versions.Any(v => v.FirstSeenAt <= anchoredUntil))
                {
                    return;
                }

                var anchored = await anchors.ListAnchoredNumbersAsync(head.Id.Value, ct).ConfigureAwait(false);
                foreach (var straggler in AnchorPlan.Stragglers(head.Id.Value, versions, anchored, anchoredUntil))
                {
                    stragglers.Add(straggler);
                }
            }).ConfigureAwait(false);

        if (stragglers.IsEmpty)
        {
            return new AnchorRunResult(AnchorRunOutcome.NothingToAnchor, 0, 0, 0);
        }

        LogStragglers(logger, stragglers.Count, anchoredUntil);

        // A regular run may anchor some of the same versions meanwhile (an entry written late): harmless, since proofs
        // are write-once and the first one wins, and either proof leads to a valid anchor. Saving the state is
        // conditional on its ETag and the interval saved is the one read, so the sweep never moves it.
        return await AnchorAsync([.. stragglers], state, anchoredUntil, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Anchors <paramref name="versions"/> (sealed up to <paramref name="sealedUntil"/>): one tree, one token, the anchor,
    /// every proof, then the state with <paramref name="sealedUntil"/> as the end of the anchored interval. A failed
    /// request is recorded in the state, whose interval stays where it was.
    /// </summary>
    private async Task<AnchorRunResult> AnchorAsync(IReadOnlyCollection<AnchoredVersion> versions, AnchorState state, DateTimeOffset sealedUntil, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plan = AnchorPlan.Build(versions);
        TimestampToken token;
        try
        {
            token = await authority.TimestampAsync(plan.Root, cancellationToken).ConfigureAwait(false);
        }
        catch (TimestampAuthorityException ex)
        {
            LogAuthorityFailed(logger, ex, plan.Leaves.Count);
            await anchors.TrySaveStateAsync(state with { LastAttemptAt = now, LastFailure = ex.Message, FailuresInARow = state.FailuresInARow + 1 }, cancellationToken).ConfigureAwait(false);
            return new AnchorRunResult(AnchorRunOutcome.Failed, plan.Leaves.Count, 1, 0, Failure: ex.Message);
        }

        var root = Convert.ToHexStringLower(plan.Root);
        await anchors.PutAnchorAsync(
            new AnchorRecord
            {
                Root = root,
                AnchoredAt = token.GeneratedAt,
                Authority = token.Authority.AbsoluteUri,
                Token = Convert.ToBase64String(token.Der),
                Certificates = [.. token.Certificates.Select(Convert.ToBase64String)],
                Leaves = plan.Leaves,
                SealedUntil = sealedUntil,
            },
            cancellationToken).ConfigureAwait(false);

        var written = 0;
        await Parallel.ForEachAsync(
            plan.Proofs(),
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (proof, ct) =>
            {
                if (await anchors.PutProofAsync(proof, ct).ConfigureAwait(false))
                {
                    Interlocked.Increment(ref written);
                }
            }).ConfigureAwait(false);

        await anchors.TrySaveStateAsync(
            state with { AnchoredUntil = sealedUntil, LastRoot = root, LastAnchoredAt = token.GeneratedAt, LastAttemptAt = now, LastFailure = null, FailuresInARow = 0 },
            cancellationToken).ConfigureAwait(false);
        LogAnchored(logger, plan.Leaves.Count, root);
        return new AnchorRunResult(AnchorRunOutcome.Anchored, plan.Leaves.Count, 1, written, root);
    }

    private async Task<List<AnchoredVersion>> SealedInAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var entries = (await activity.ListNewVersionsAsync(after, upTo, cancellationToken).ConfigureAwait(false))
            .Where(e => e.NewVersion && e.Version is not null)
            .DistinctBy(e => (e.Id, e.Version))
            .ToArray();
        var found = new AnchoredVersion?[entries.Length];
        await Parallel.ForAsync(
            0,
            entries.Length,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (id, number) = (entries[i].Id, entries[i].Version!.Value);
                if (await articles.GetVersionSummaryAsync(id, number, ct).ConfigureAwait(false) is { } version)
                {
                    found[i] = new AnchoredVersion(id.Value, number, version.RecordSha256);
                }
                else
                {
                    LogVersionMissing(logger, id.Value, number);
                }
            }).ConfigureAwait(false);
        return [.. found.OfType<AnchoredVersion>()];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The timestamp authority gave no token for {Count} versions; they will be anchored on the next run")]
    private static partial void LogAuthorityFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Anchored {Count} versions under root {Root}")]
    private static partial void LogAnchored(ILogger logger, int count, string root);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Found {Count} versions sealed by {AnchoredUntil} without a proof; anchoring them now")]
    private static partial void LogStragglers(ILogger logger, int count, DateTimeOffset anchoredUntil);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The activity index names version {Number} of {ArticleId}, which has no row")]
    private static partial void LogVersionMissing(ILogger logger, string articleId, int number);
}
