using Archive.Core.Content;
using Archive.Core.Versions;
using Archive.Testing;

namespace Archive.Storage.Tests;

public sealed class TableArticleStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Creates_a_head_once_and_merges_later_tags()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var head = TestRecords.Head("https://example.com/a", T0, "first");

        var (created, isNew) = await store.EnsureHeadAsync(head);
        Assert.True(isNew);
        Assert.NotNull(created.ETag);

        var (merged, isNewAgain) = await store.EnsureHeadAsync(head with { Tags = ["second", "FIRST"], SubmittedAt = T0.AddHours(1) });
        Assert.False(isNewAgain);
        Assert.Equal(["first", "second"], merged.Tags);

        var read = await store.GetHeadAsync(head.Id);
        Assert.NotNull(read);
        Assert.Equal(T0, read.SubmittedAt);
        Assert.Equal(["first", "second"], read.Tags);
        Assert.Equal("pending", read.Status);
    }

    [Fact]
    public async Task Commits_a_version_its_check_and_the_head_together()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var (head, _) = await store.EnsureHeadAsync(TestRecords.Head("https://example.com/b", T0));
        var version = await TestRecords.StoredVersionAsync(content, head, 1, "Text one.", T0);

        await store.CommitVersionAsync(head with { LatestVersion = 1, LatestRecordSha256 = version.RecordSha256, CheckCount = 1 }, version, TestRecords.Check(T0, CaptureOutcome.Captured, 1));

        var read = await store.GetHeadAsync(head.Id);
        Assert.Equal(1, read!.LatestVersion);
        Assert.Equal("archived", read.Status);
        var stored = await store.GetVersionAsync(head.Id, 1);
        Assert.Equal(version.RecordSha256, ArticleVersion.Seal(stored!.Record).Hash.Hex);
        Assert.Equal(version.RecordSha256, stored.RecordSha256);
        var checks = await store.ListChecksAsync(head.Id);
        Assert.Equal(CaptureOutcome.Captured, Assert.Single(checks).Outcome);
    }

    [Fact]
    public async Task Refuses_a_commit_from_a_stale_head()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var (head, _) = await store.EnsureHeadAsync(TestRecords.Head("https://example.com/c", T0));
        var v1 = await TestRecords.StoredVersionAsync(content, head, 1, "Text one.", T0);
        await store.CommitVersionAsync(head with { LatestVersion = 1, CheckCount = 1 }, v1, TestRecords.Check(T0, CaptureOutcome.Captured, 1));

        // A second writer that read the head before the first commit loses, and nothing of it is stored.
        var rival = await TestRecords.StoredVersionAsync(content, head, 1, "Rival text.", T0);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.CommitVersionAsync(head with { LatestVersion = 1, CheckCount = 1 }, rival, TestRecords.Check(T0, CaptureOutcome.Captured, 1)));
        var versions = await store.ListVersionsAsync(head.Id);
        Assert.Equal(v1.RecordSha256, Assert.Single(versions).RecordSha256);
        Assert.Single(await store.ListChecksAsync(head.Id));
    }

    [Fact]
    public async Task Refuses_a_version_number_that_is_taken_even_with_a_fresh_head()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var (head, _) = await store.EnsureHeadAsync(TestRecords.Head("https://example.com/d", T0));
        var v1 = await TestRecords.StoredVersionAsync(content, head, 1, "Text one.", T0);
        await store.CommitVersionAsync(head with { LatestVersion = 1, CheckCount = 1 }, v1, TestRecords.Check(T0, CaptureOutcome.Captured, 1));

        var fresh = (await store.GetHeadAsync(head.Id))!;
        var duplicate = await TestRecords.StoredVersionAsync(content, head, 1, "Other text.", T0);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.CommitVersionAsync(fresh with { CheckCount = 2 }, duplicate, TestRecords.Check(T0, CaptureOutcome.Captured, 1)));
        Assert.Equal(1, (await store.GetHeadAsync(head.Id))!.CheckCount);
    }

    [Fact]
    public async Task Lists_versions_oldest_first_and_checks_newest_first()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var (head, _) = await store.EnsureHeadAsync(TestRecords.Head("https://example.com/e", T0));
        string? previous = null;
        for (var n = 1; n <= 3; n++)
        {
            var current = (await store.GetHeadAsync(head.Id))!;
            var version = await TestRecords.StoredVersionAsync(content, head, n, $"Text {n}.", T0.AddHours(n), previous);
            await store.CommitVersionAsync(current with { LatestVersion = n, CheckCount = current.CheckCount + 1 }, version, TestRecords.Check(T0.AddHours(n), CaptureOutcome.Captured, n));
            previous = version.RecordSha256;
        }

        var unchanged = (await store.GetHeadAsync(head.Id))!;
        await store.CommitCheckAsync(unchanged with { CheckCount = unchanged.CheckCount + 1 }, TestRecords.Check(T0.AddHours(9), CaptureOutcome.Unchanged, 3), new VersionSighting(3, T0.AddHours(9), 2));

        Assert.Equal([1, 2, 3], (await store.ListVersionsAsync(head.Id)).Select(v => v.Number));
        Assert.Equal([CaptureOutcome.Unchanged, CaptureOutcome.Captured, CaptureOutcome.Captured, CaptureOutcome.Captured], (await store.ListChecksAsync(head.Id)).Select(c => c.Outcome));
        Assert.Equal(2, (await store.ListChecksAsync(head.Id, max: 2)).Count);
        var seen = (await store.GetVersionAsync(head.Id, 3))!;
        Assert.Equal(T0.AddHours(9), seen.LastSeenAt);
        Assert.Equal(2, seen.SeenCount);
    }
}
