using Archive.Core.Versions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Core.Recheck;

/// <summary>A due entry the timer took: when it was due, and when the check after it was scheduled (null: none).</summary>
public sealed record ScheduledCheck(DateTimeOffset DueAt, DateTimeOffset? NextCheckAt);

/// <summary>A due entry taken by the timer, with the check scheduled after it.</summary>
public sealed record DueTake(DueEntry Entry, DateTimeOffset? NextCheckAt)
{
    /// <summary>What the capture message carries, so the check knows where the article's entry now is.</summary>
    public ScheduledCheck Schedule => new(Entry.DueAt, NextCheckAt);
}

/// <summary>What one check does to its article's due entry.</summary>
/// <param name="NextCheckAt">When the next check is due after the commit (the head records it); null: none.</param>
public sealed record DuePlan(DateTimeOffset? NextCheckAt)
{
    /// <summary>An entry to write before the commit, so the head never names an entry that is not there.</summary>
    public DueEntry? Add { get; init; }

    /// <summary>Entries to remove after the commit.</summary>
    public IReadOnlyList<DueEntry> Remove { get; init; } = [];
}

/// <summary>
/// The one owner of due entries, from first to last: it schedules an article's first check at submission, moves the
/// entry forward when the timer takes it (the timer predicts the next check from the cadence, so an unchanged check
/// touches no entry), moves it when a check needs the next one sooner (a new version) and removes it when the article
/// is no longer checked. Every write to the due index goes through here.
/// </summary>
public sealed partial class DueSchedule(IDueIndex index, IOptions<RecheckOptions> options, ILogger<DueSchedule> logger)
{
    // Entries taken, enqueued and moved at once by the timer: one batch per slot each way.
    private const int TakePage = 500;

    private RecheckOptions Settings => options.Value;

    /// <summary>When a newly submitted article is first re-checked; null when re-checks are off.</summary>
    public DateTimeOffset? FirstCheck(DateTimeOffset submittedAt) =>
        Settings.Enabled ? RecheckCadence.NextCheck(Settings.Steps, submittedAt, submittedAt) : null;

    /// <summary>Writes the entries the heads name (new articles, before their heads exist: a crash then leaves a check due, never an article with nothing next).</summary>
    public Task AddAsync(IEnumerable<ArticleHead> heads, CancellationToken cancellationToken = default) =>
        index.AddAsync([.. heads.Where(h => h.NextCheckAt is not null).Select(h => Entry(h, h.NextCheckAt!.Value))], cancellationToken);

    /// <summary>Removes the entries <see cref="AddAsync"/> wrote for heads that turned out to exist already (each keeps its own).</summary>
    public Task RemoveUnusedAsync(IEnumerable<(ArticleHead Submitted, ArticleHead Existing)> pairs, CancellationToken cancellationToken = default) =>
        index.RemoveAsync(
            [.. pairs.Where(p => p.Submitted.NextCheckAt is { } at && (p.Existing.NextCheckAt is not { } kept || !index.SameSlot(at, kept)))
                .Select(p => Entry(p.Submitted, p.Submitted.NextCheckAt!.Value))],
            cancellationToken);

    /// <summary>When an article should next be checked after a check that ended in <paramref name="outcome"/>; null: never.</summary>
    public DateTimeOffset? NextCheck(ArticleHead after, CaptureOutcome outcome, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(after);
        // An address we may not reach, or a URL the fetch policy can never fetch, stays so however often it is tried.
        if (!Settings.Enabled || outcome is CaptureOutcome.BlockedAddress or CaptureOutcome.InvalidUrl)
        {
            return null;
        }

        // Nothing archived and nothing to wait for: a page that is missing, not HTML, or unreachable by redirects.
        if (after.LatestVersion == 0 && outcome is CaptureOutcome.Http4xx or CaptureOutcome.NotHtml or CaptureOutcome.TooManyRedirects)
        {
            return null;
        }

        return RecheckCadence.NextCheck(Settings.Steps, after.QuietSince, now);
    }

    /// <summary>
    /// Plans what a check does to the due entry (pure). The check owns the entry its head names, or, when the timer took
    /// that entry, the successor the timer scheduled. It keeps the owned entry when it is due later than now and no
    /// later than wanted, moves it otherwise, and removes it when the article is no longer checked. A timer
    /// message from an entry the head does not name (left by a crash or a race) had its successor scheduled in vain:
    /// that one is removed.
    /// </summary>
    /// <param name="before">The head as the check read it.</param>
    /// <param name="taken">The entry the timer took, when the check came from the timer.</param>
    /// <param name="after">The head as the check leaves it.</param>
    /// <param name="outcome">How the check ended.</param>
    /// <param name="willRetry">True when the check failed transiently and will be retried: nothing moves.</param>
    /// <param name="now">When the check ended.</param>
    public DuePlan Plan(ArticleHead before, ScheduledCheck? taken, ArticleHead after, CaptureOutcome outcome, bool willRetry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        DateTimeOffset? owned;
        var remove = new List<DueEntry>();
        if (taken is not null && (before.NextCheckAt is not { } named || index.SameSlot(named, taken.DueAt)))
        {
            owned = taken.NextCheckAt;
        }
        else
        {
            owned = before.NextCheckAt;
            if (taken?.NextCheckAt is { } stray && (owned is not { } o || !index.SameSlot(stray, o)))
            {
                remove.Add(Entry(before, stray));
            }
        }

        if (willRetry)
        {
            return new DuePlan(owned);
        }

        var wanted = NextCheck(after, outcome, now);
        if (wanted is null)
        {
            return new DuePlan(null) { Remove = [.. remove, .. owned is { } gone ? [Entry(before, gone)] : Array.Empty<DueEntry>()] };
        }

        // An entry already due is served by this very check: it moves on.
        if (owned is { } kept && kept > now && kept <= wanted)
        {
            // An edit restarts the quiet time the timer predicts from: rewrite the entry in its slot to say so.
            var requiet = before.LatestVersion > 0 && after.QuietSince != before.QuietSince;
            return new DuePlan(kept) { Add = requiet ? Entry(after, kept) : null, Remove = remove };
        }

        if (owned is { } old && !index.SameSlot(old, wanted.Value))
        {
            remove.Add(Entry(before, old));
        }

        return new DuePlan(wanted) { Add = Entry(after, wanted.Value), Remove = remove };
    }

    /// <summary>Writes what a plan adds (before the commit).</summary>
    public Task BeforeCommitAsync(DuePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Add is { } entry ? index.AddAsync([entry], cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Removes what a plan removes (after the commit).</summary>
    public Task AfterCommitAsync(DuePlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Remove.Count > 0 ? index.RemoveAsync(plan.Remove, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// The timer's work: takes every entry due at <paramref name="now"/> (at most <see cref="RecheckOptions.MaxPerRun"/>),
    /// a page at a time: writes each one's successor (the next check by the cadence), hands the page to
    /// <paramref name="enqueue"/>, then removes the taken entries. A crash in between leaves at worst a stray successor
    /// or an entry taken twice, which the checks sort out (<see cref="Plan"/>). Returns how many were taken.
    /// </summary>
    public async Task<int> TakeDueAsync(DateTimeOffset now, Func<IReadOnlyList<DueTake>, CancellationToken, Task> enqueue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(enqueue);
        var taken = 0;
        var page = new List<DueEntry>(TakePage);
        await foreach (var entry in index.ListDueAsync(now, Settings.MaxPerRun, cancellationToken).ConfigureAwait(false))
        {
            page.Add(entry);
            if (page.Count == TakePage)
            {
                taken += await TakePageAsync(page, now, enqueue, cancellationToken).ConfigureAwait(false);
                page.Clear();
            }
        }

        if (page.Count > 0)
        {
            taken += await TakePageAsync(page, now, enqueue, cancellationToken).ConfigureAwait(false);
        }

        LogRun(logger, taken, now);
        return taken;
    }

    private async Task<int> TakePageAsync(List<DueEntry> page, DateTimeOffset now, Func<IReadOnlyList<DueTake>, CancellationToken, Task> enqueue, CancellationToken cancellationToken)
    {
        var takes = page.Select(e => new DueTake(e, Settings.Enabled ? RecheckCadence.NextCheck(Settings.Steps, e.QuietSince ?? e.DueAt, now) : null)).ToList();
        await index.AddAsync([.. takes.Where(t => t.NextCheckAt is not null).Select(t => t.Entry with { DueAt = t.NextCheckAt!.Value })], cancellationToken).ConfigureAwait(false);
        await enqueue(takes, cancellationToken).ConfigureAwait(false);
        await index.RemoveAsync([.. takes.Where(t => t.NextCheckAt is not { } next || !index.SameSlot(next, t.Entry.DueAt)).Select(t => t.Entry)], cancellationToken).ConfigureAwait(false);
        return takes.Count;
    }

    private static DueEntry Entry(ArticleHead head, DateTimeOffset at) => new(head.Id, head.Url, at) { QuietSince = head.QuietSince };

    [LoggerMessage(Level = LogLevel.Information, Message = "Queued {Count} due re-checks at {Now}")]
    private static partial void LogRun(ILogger logger, int count, DateTimeOffset now);
}
