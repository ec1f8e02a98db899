using Archive.Core.Activity;
using Archive.Core.Content;
using Archive.Core.Versions;
using Archive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Storage.Tests;

public sealed class TableActivityLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Lists_the_newest_entries_first_across_months()
    {
        await using var scope = await StorageScope.CreateAsync();
        var log = scope.Get<IActivityLog>();
        var head = TestRecords.Head("https://example.com/a", T0);
        var times = new[] { T0.AddMonths(-14), T0.AddDays(-40), T0, T0.AddMinutes(5), T0.AddMonths(2) };
        foreach (var at in times.Reverse())
        {
            await log.RecordAsync(new ActivityEntry { Id = head.Id, Url = head.Url, At = at, Outcome = CaptureOutcome.Unchanged, Title = "<b>x</b>" });
        }

        var listed = await log.ListRecentAsync(10);
        Assert.Equal(times.OrderByDescending(t => t), listed.Select(e => e.At));
        Assert.Equal("<b>x</b>", listed[0].Title);
        Assert.Equal(CaptureOutcome.Unchanged, listed[0].Outcome);
        Assert.Equal(2, (await log.ListRecentAsync(2)).Count);
        Assert.Empty(await log.ListRecentAsync(10, newVersionsOnly: true));
    }

    [Fact]
    public async Task The_store_records_submissions_and_committed_checks_with_what_changed()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var log = scope.Get<IActivityLog>();
        var head = (await store.AddHeadAsync(TestRecords.Head("https://example.com/b", T0)))!;
        Assert.Null(Assert.Single(await log.ListRecentAsync(10)).Outcome);

        var version = await TestRecords.StoredVersionAsync(scope.Get<IContentStore>(), head, 1, "Text one.", T0.AddMinutes(1));
        await TestRecords.CommitVersionAsync(store, head, version, T0.AddMinutes(1));

        // A commit that loses its race writes nothing to the index.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.CommitAsync(new ArticleCommit(head with { CheckCount = 1 }, TestRecords.Check(T0.AddMinutes(2), CaptureOutcome.Unchanged, 1))));

        var listed = await log.ListRecentAsync(10);
        Assert.Equal(2, listed.Count);
        Assert.Equal(CaptureOutcome.Captured, listed[0].Outcome);
        Assert.True(listed[0].NewVersion);
        Assert.Equal("Title 1", listed[0].Title);
        var versions = await log.ListRecentAsync(10, newVersionsOnly: true);
        Assert.Equal([1], versions.Select(v => v.Version));
        Assert.True(versions[0].NewVersion);
    }

    [Fact]
    public async Task Entries_recorded_together_are_written_together_one_transaction_per_partition()
    {
        var counter = new StorageOperationCounter();
        await using var scope = await StorageScope.CreateAsync(await SharedAzurite.GetAsync(), SharedAzurite.NewPrefix(), configureServices: s => s.AddSingleton(counter));
        var log = scope.Get<IActivityLog>();
        counter.Reset();

        for (var i = 0; i < 150; i++)
        {
            var head = TestRecords.Head($"https://example.com/many/{i}", T0);
            await log.RecordAsync(new ActivityEntry { Id = head.Id, Url = head.Url, At = T0.AddSeconds(i), Outcome = CaptureOutcome.Captured, Version = 1, NewVersion = i % 2 == 0 });
        }

        Assert.Equal(0, counter.Total);
        var listed = await log.ListRecentAsync(1000);

        Assert.Equal(150, listed.Count);
        Assert.Equal(75, (await log.ListRecentAsync(1000, newVersionsOnly: true)).Count);
        // 150 entries in one month (two transactions of at most 100) and 75 of them again among new versions (one).
        Assert.Equal(3, counter.ByKind.GetValueOrDefault("table POST batch"));
    }
}
