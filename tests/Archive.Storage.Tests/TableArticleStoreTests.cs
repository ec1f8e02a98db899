using Archive.Core.Content;
using Archive.Core.Versions;
using Archive.Testing;
using Azure.Storage.Blobs;

namespace Archive.Storage.Tests;

public sealed class TableArticleStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Creates_an_article_once_with_its_labels_and_replaces_the_labels_only_with_their_etag()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var head = TestRecords.Head("https://example.com/a", T0, "first");

        var created = await store.AddHeadAsync(head);
        Assert.NotNull(created?.ETag);
        Assert.NotNull(created.LabelsETag);
        Assert.Null(await store.AddHeadAsync(head with { Tags = ["other"], SubmittedAt = T0.AddHours(1) }));

        var read = (await store.GetHeadAsync(head.Id))!;
        Assert.Equal((T0, "pending"), (read.SubmittedAt, read.Status));
        Assert.Equal(["first"], read.Tags);
        Assert.Equal(created.ETag, read.ETag);

        Assert.True(await store.ReplaceLabelsAsync(read with { Tags = ["first", "second"], Sources = ["desk"] }));
        Assert.False(await store.ReplaceLabelsAsync(read with { Tags = ["stale"] }));
        var relabelled = (await store.GetHeadAsync(head.Id))!;
        Assert.Equal(["first", "second"], relabelled.Tags);
        Assert.Equal(["desk"], relabelled.Sources);

        // Labels are a row of their own: changing them leaves the head's ETag, which captures commit against, alone.
        Assert.Equal(read.ETag, relabelled.ETag);
    }

    [Fact]
    public async Task Commits_a_version_its_check_and_the_head_together_and_reads_rows_without_any_blob()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var head = (await store.AddHeadAsync(TestRecords.Head("https://example.com/b", T0)))!;
        var version = await TestRecords.StoredVersionAsync(content, head, 1, "Text one.", T0);

        var etag = await TestRecords.CommitVersionAsync(store, head, version, T0);

        var read = (await store.GetHeadAsync(head.Id))!;
        Assert.Equal((1, "archived", version.RecordSha256, etag), (read.LatestVersion, read.Status, read.LatestRecordSha256, read.ETag));
        Assert.Equal(CaptureOutcome.Captured, Assert.Single(await store.ListChecksAsync(head.Id)).Outcome);

        // The store keeps rows only: with every blob gone, the rows still read back as written.
        var names = scope.Get<ResolvedStorageNames>();
        await scope.Get<BlobServiceClient>().GetBlobContainerClient(names.RecordsContainer).DeleteAsync();
        var row = (await store.GetVersionSummaryAsync(head.Id, 1))!;
        Assert.Equal(TestRecords.Row(version), row);
    }

    [Fact]
    public async Task The_reader_trusts_a_record_only_while_it_hashes_to_its_name()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var head = (await store.AddHeadAsync(TestRecords.Head("https://example.com/r", T0)))!;
        var version = await TestRecords.StoredVersionAsync(content, head, 1, "Text one.", T0);
        await TestRecords.CommitVersionAsync(store, head, version, T0);
        var reader = scope.Get<ArticleReader>();
        Assert.Equal(version.RecordSha256, ArticleVersion.Seal((await reader.GetVersionRecordAsync(head.Id, 1))!.Record).Hash.Hex);

        var names = scope.Get<ResolvedStorageNames>();
        await scope.Get<BlobServiceClient>().GetBlobContainerClient(names.RecordsContainer).GetBlobClient(version.RecordSha256).UploadAsync(BinaryData.FromString("{}"), overwrite: true);

        await Assert.ThrowsAsync<RecordIntegrityException>(() => reader.GetVersionRecordAsync(head.Id, 1));
    }

    [Fact]
    public async Task Refuses_a_commit_from_a_stale_head()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var head = (await store.AddHeadAsync(TestRecords.Head("https://example.com/c", T0)))!;
        var v1 = await TestRecords.StoredVersionAsync(content, head, 1, "Text one.", T0);
        await TestRecords.CommitVersionAsync(store, head, v1, T0);

        // A second writer that read the head before the first commit loses, and nothing of it is stored.
        var rival = await TestRecords.StoredVersionAsync(content, head, 1, "Rival text.", T0);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => TestRecords.CommitVersionAsync(store, head, rival, T0));
        Assert.Equal(v1.RecordSha256, Assert.Single(await store.ListVersionSummariesAsync(head.Id)).RecordSha256);
        Assert.Single(await store.ListChecksAsync(head.Id));
    }

    [Fact]
    public async Task Refuses_a_version_number_that_is_taken_even_with_a_fresh_head()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var head = (await store.AddHeadAsync(TestRecords.Head("https://example.com/d", T0)))!;
        var v1 = await TestRecords.StoredVersionAsync(content, head, 1, "Text one.", T0);
        await TestRecords.CommitVersionAsync(store, head, v1, T0);

        var fresh = (await store.GetHeadAsync(head.Id))!;
        var duplicate = await TestRecords.StoredVersionAsync(content, head, 1, "Other text.", T0);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => TestRecords.CommitVersionAsync(store, fresh with { LatestVersion = 0 }, duplicate, T0));
        Assert.Equal(1, (await store.GetHeadAsync(head.Id))!.CheckCount);
    }

    [Fact]
    public async Task Lists_versions_and_changes_oldest_first_and_checks_newest_first_and_records_a_sighting()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var head = (await store.AddHeadAsync(TestRecords.Head("https://example.com/e", T0)))!;
        string? previous = null;
        for (var n = 1; n <= 3; n++)
        {
            var current = (await store.GetHeadAsync(head.Id))!;
            var version = await TestRecords.StoredVersionAsync(content, head, n, $"Text {n}.", T0.AddHours(n), previous);
            await TestRecords.CommitVersionAsync(store, current, version, T0.AddHours(n));
            previous = version.RecordSha256;
        }

        var unchanged = (await store.GetHeadAsync(head.Id))!;
        await store.CommitAsync(new ArticleCommit(unchanged with { CheckCount = unchanged.CheckCount + 1 }, TestRecords.Check(T0.AddHours(9), CaptureOutcome.Unchanged, 3))
        {
            SeenAgain = new VersionSighting(3, T0.AddHours(9), 2),
        });

        Assert.Equal([1, 2, 3], (await store.ListVersionSummariesAsync(head.Id)).Select(v => v.Number));
        Assert.Equal([CaptureOutcome.Unchanged, CaptureOutcome.Captured, CaptureOutcome.Captured, CaptureOutcome.Captured], (await store.ListChecksAsync(head.Id)).Select(c => c.Outcome));
        Assert.Equal(2, (await store.ListChecksAsync(head.Id, max: 2)).Count);
        var seen = (await store.GetVersionSummaryAsync(head.Id, 3))!;
        Assert.Equal((T0.AddHours(9), 2), (seen.LastSeenAt, seen.SeenCount));
    }
}
