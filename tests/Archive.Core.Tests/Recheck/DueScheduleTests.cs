using System.Runtime.CompilerServices;
using Archive.Core.Recheck;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Archive.Core.Tests.Recheck;

/// <summary>The due entry's whole life, from submission to the last check, over an in-memory due index.</summary>
public sealed class DueScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly CanonicalUrl Url = UrlCanonicalizer.Canonicalize("https://news.example/due");

    private readonly InMemoryDueIndex _index = new();
    private readonly DueSchedule _schedule;

    public DueScheduleTests() => _schedule = new DueSchedule(_index, Options.Create(new RecheckOptions()), NullLogger<DueSchedule>.Instance);

    private static ArticleHead Head(DateTimeOffset? next, int version = 1, DateTimeOffset? changed = null) => new()
    {
        Id = ArticleId.For(Url),
        Url = Url.ToString(),
        SubmittedAt = T0,
        LatestVersion = version,
        FirstCapturedAt = version > 0 ? T0 : null,
        LastChangedAt = version > 0 ? changed ?? T0 : null,
        NextCheckAt = next,
    };

    // Applies a plan as the commit stage does: add, (commit), remove.
    private async Task<DuePlan> CheckAsync(ArticleHead before, ScheduledCheck? taken, ArticleHead after, CaptureOutcome outcome, DateTimeOffset now, bool willRetry = false)
    {
        var plan = _schedule.Plan(before, taken, after, outcome, willRetry, now);
        await _schedule.BeforeCommitAsync(plan);
        await _schedule.AfterCommitAsync(plan);
        return plan;
    }

    private async Task<List<DueTake>> TimerAsync(DateTimeOffset now)
    {
        var taken = new List<DueTake>();
        await _schedule.TakeDueAsync(now, (takes, _) =>
        {
            // The successors are written before the messages go out: a crash here leaves a stray, never nothing.
            Assert.All(takes.Where(t => t.NextCheckAt is not null), t => Assert.Contains(_index.Entries, e => e.Id == t.Entry.Id && e.DueAt == t.NextCheckAt));
            taken.AddRange(takes);
            return Task.CompletedTask;
        });
        return taken;
    }

    [Fact]
    public async Task A_submission_schedules_the_first_check_and_the_first_capture_keeps_it()
    {
        var submitted = Head(_schedule.FirstCheck(T0), version: 0);
        await _schedule.AddAsync([submitted]);
        Assert.Equal(T0.AddMinutes(15), Assert.Single(_index.Entries).DueAt);
        _index.Writes = 0;

        var captured = Head(submitted.NextCheckAt, changed: T0.AddSeconds(2));
        var plan = await CheckAsync(submitted, null, captured, CaptureOutcome.Captured, T0.AddSeconds(2));

        Assert.Equal(T0.AddMinutes(15), plan.NextCheckAt);
        Assert.Equal(0, _index.Writes);
    }

    [Fact]
    public async Task The_timer_moves_what_is_due_and_an_unchanged_check_touches_no_entry()
    {
        var head = Head(T0.AddMinutes(15));
        await _schedule.AddAsync([head]);
        _index.Writes = 0;

        var take = Assert.Single(await TimerAsync(T0.AddMinutes(15)));

        Assert.Equal(T0.AddMinutes(30), take.NextCheckAt);
        Assert.Equal(T0.AddMinutes(30), Assert.Single(_index.Entries).DueAt);
        Assert.Equal(2, _index.Writes);
        var plan = await CheckAsync(head, take.Schedule, head, CaptureOutcome.Unchanged, T0.AddMinutes(15).AddSeconds(3));
        Assert.Equal((T0.AddMinutes(30), null, 0), (plan.NextCheckAt, plan.Add, plan.Remove.Count));
        Assert.Equal(2, _index.Writes);
    }

    [Fact]
    public async Task An_old_article_is_checked_rarely_and_an_edit_brings_its_next_check_sooner()
    {
        var head = Head(T0.AddDays(40), changed: T0);
        await _schedule.AddAsync([head]);
        var take = Assert.Single(await TimerAsync(T0.AddDays(40)));
        Assert.Equal(T0.AddDays(70), take.NextCheckAt);

        var now = T0.AddDays(40).AddSeconds(5);
        var edited = head with { LatestVersion = 2, LastChangedAt = now };
        var plan = await CheckAsync(head, take.Schedule, edited, CaptureOutcome.Captured, now);

        Assert.Equal(now.AddMinutes(15), plan.NextCheckAt);
        var entry = Assert.Single(_index.Entries);
        Assert.Equal((now.AddMinutes(15), now), (entry.DueAt, entry.QuietSince));
    }

    [Fact]
    public async Task A_refused_address_or_a_missing_page_never_archived_stops_the_checks()
    {
        var submitted = Head(T0.AddMinutes(15), version: 0);
        await _schedule.AddAsync([submitted]);
        var plan = await CheckAsync(submitted, null, submitted, CaptureOutcome.Http4xx, T0.AddSeconds(1));
        Assert.Null(plan.NextCheckAt);
        Assert.Empty(_index.Entries);

        var archived = Head(T0.AddMinutes(15));
        await _schedule.AddAsync([archived]);
        Assert.Null((await CheckAsync(archived, null, archived, CaptureOutcome.BlockedAddress, T0.AddSeconds(1))).NextCheckAt);
        Assert.Empty(_index.Entries);

        var unfetchable = Head(T0.AddMinutes(15));
        await _schedule.AddAsync([unfetchable]);
        Assert.Null((await CheckAsync(unfetchable, null, unfetchable, CaptureOutcome.InvalidUrl, T0.AddSeconds(1))).NextCheckAt);
        Assert.Empty(_index.Entries);
    }

    [Fact]
    public async Task A_retried_failure_moves_nothing()
    {
        var head = Head(T0.AddMinutes(15));
        await _schedule.AddAsync([head]);
        _index.Writes = 0;
        var plan = await CheckAsync(head, null, head, CaptureOutcome.Timeout, T0.AddSeconds(1), willRetry: true);
        Assert.Equal((T0.AddMinutes(15), 0), (plan.NextCheckAt, _index.Writes));
    }

    [Fact]
    public async Task An_entry_taken_twice_after_a_crash_leaves_one_entry_once_both_checks_ran()
    {
        var head = Head(T0.AddMinutes(15));
        await _schedule.AddAsync([head]);
        var first = Assert.Single(await TimerAsync(T0.AddMinutes(15)));

        // The timer crashed before removing the taken entry: the next run takes it again.
        await _index.AddAsync([first.Entry]);
        var second = Assert.Single(await TimerAsync(T0.AddMinutes(16)));
        Assert.Equal(2, _index.Entries.Count);

        var afterSecond = (await CheckAsync(head, second.Schedule, head, CaptureOutcome.Unchanged, T0.AddMinutes(16).AddSeconds(1))).NextCheckAt;
        var moved = head with { NextCheckAt = afterSecond, CheckCount = 1 };
        var afterFirst = (await CheckAsync(moved, first.Schedule, moved, CaptureOutcome.Unchanged, T0.AddMinutes(16).AddSeconds(2))).NextCheckAt;

        Assert.Equal(afterSecond, afterFirst);
        Assert.Equal(afterSecond, Assert.Single(_index.Entries).DueAt);
    }

    [Fact]
    public async Task A_check_by_hand_moves_an_overdue_entry_and_the_late_timer_message_then_removes_its_stray()
    {
        var head = Head(T0.AddMinutes(15));
        await _schedule.AddAsync([head]);
        var take = Assert.Single(await TimerAsync(T0.AddMinutes(15)));

        // Before the timer's message is processed, a check by hand reads the head, which still names the taken entry.
        var now = T0.AddMinutes(17);
        var byHand = await CheckAsync(head, null, head, CaptureOutcome.Unchanged, now);
        Assert.Equal(now.AddMinutes(15), byHand.NextCheckAt);

        var latest = head with { NextCheckAt = byHand.NextCheckAt };
        var late = await CheckAsync(latest, take.Schedule, latest, CaptureOutcome.Unchanged, now.AddSeconds(1));

        Assert.Equal(byHand.NextCheckAt, late.NextCheckAt);
        Assert.Equal(byHand.NextCheckAt, Assert.Single(_index.Entries).DueAt);
    }

    [Fact]
    public async Task The_last_check_of_a_year_old_article_schedules_none()
    {
        var head = Head(T0.AddDays(400), changed: T0);
        await _schedule.AddAsync([head]);
        var take = Assert.Single(await TimerAsync(T0.AddDays(400)));
        Assert.Null(take.NextCheckAt);
        Assert.Empty(_index.Entries);
        Assert.Null((await CheckAsync(head, take.Schedule, head, CaptureOutcome.Unchanged, T0.AddDays(400).AddSeconds(1))).NextCheckAt);
        Assert.Empty(_index.Entries);
    }

    /// <summary>The due index as a list, one slot per minute: the project's port, in memory.</summary>
    private sealed class InMemoryDueIndex : IDueIndex
    {
        public List<DueEntry> Entries { get; } = [];

        public int Writes { get; set; }

        public bool SameSlot(DateTimeOffset a, DateTimeOffset b) => Slot(a) == Slot(b);

        public Task AddAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken = default)
        {
            foreach (var entry in entries)
            {
                Entries.RemoveAll(e => e.Id == entry.Id && SameSlot(e.DueAt, entry.DueAt));
                Entries.Add(entry);
            }

            Writes += entries.Select(e => Slot(e.DueAt)).Distinct().Count();
            return Task.CompletedTask;
        }

        public Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken = default)
        {
            foreach (var entry in entries)
            {
                Entries.RemoveAll(e => e.Id == entry.Id && SameSlot(e.DueAt, entry.DueAt));
            }

            Writes += entries.Select(e => Slot(e.DueAt)).Distinct().Count();
            return Task.CompletedTask;
        }

        public async IAsyncEnumerable<DueEntry> ListDueAsync(DateTimeOffset now, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var entry in Entries.Where(e => e.DueAt <= now).OrderBy(e => e.DueAt).Take(max).ToList())
            {
                yield return entry;
            }
        }

        private static long Slot(DateTimeOffset at) => at.UtcTicks / TimeSpan.TicksPerMinute;
    }
}
