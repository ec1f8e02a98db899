using Archive.Local;
using Archive.Core.Capture;
using Archive.Core.Content;
using Archive.Core.Fixity;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Functions.Fixity;
using Archive.Storage;
using Archive.Testing;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests.Fixity;

/// <summary>The fixity audit over Azurite: blobs changed or deleted behind the write-once store are found and named.</summary>
public sealed class FixityAuditTests : ScopeAndPagesTest
{
    private static string Seed(string file) => File.ReadAllText(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", file));

    private async Task<ArticleId> CaptureAsync(string path, params string[] files) =>
        await CapturePagesAsync(path, [.. files.Select(Seed)]);

    private async Task<ArticleId> CapturePagesAsync(string path, params string[] pages)
    {
        var url = UrlCanonicalizer.Canonicalize(Pages.Url(path).AbsoluteUri);
        var message = new CaptureMessage { ArticleId = ArticleId.For(url).Value, Url = url.ToString(), RequestedAt = Scope.Clock.GetUtcNow() };
        foreach (var page in pages)
        {
            Pages.Set(path, new ServedPage(System.Text.Encoding.UTF8.GetBytes(page)) { Conditional = false });
            Assert.Equal(CaptureOutcome.Captured, (await Scope.Get<CaptureService>().CaptureAsync(message)).Outcome);
        }

        return ArticleId.For(url);
    }

    private BlobContainerClient Container(string name) => Scope.Get<BlobServiceClient>().GetBlobContainerClient(name);

    [Fact]
    public async Task An_untouched_archive_passes_and_each_distinct_blob_is_read_once()
    {
        // Versions 1 and 3 are the same page (a flip back), so they name the same original and text.
        var id = await CaptureAsync("flip", "article-syria-2024.html", "article-syria-2024-edited.html", "article-syria-2024.html");

        // The same storage and names, with every request counted.
        var counter = new StorageOperationCounter();
        await using var counted = await StorageScope.CreateAsync(Scope.Azurite, Scope.Prefix, configureServices: s => s.AddSingleton(counter));
        var report = (await counted.Get<FixityAuditor>().AuditAsync(id))!;

        Assert.True(report.Passed);
        Assert.Equal((1, 3, 9), (report.Articles, report.Versions, report.Items));
        Assert.Equal(2 + 2 + 3, report.BlobsRead);
        Assert.Equal(report.BlobsRead, counter.ByKind["blob GET"]);
        var recorded = await Scope.Get<IFixityLog>().ListAsync(id);
        Assert.Equal(9, recorded.Count);
        Assert.All(recorded, r => Assert.Equal(FixityStatus.Ok, r.Status));
        Assert.Null(await Scope.Get<FixityAuditor>().AuditAsync(ArticleId.For(UrlCanonicalizer.Canonicalize("https://example.com/never"))));
    }

    [Fact]
    public async Task A_tampered_and_a_deleted_blob_are_reported_with_their_article_and_version()
    {
        var edited = await CaptureAsync("a", "article-syria-2024.html", "article-syria-2024-edited.html");
        var other = await CapturePagesAsync("b", Seed("article-syria-2024.html").Replace("roughly 10 kilometres", "roughly 12 kilometres", StringComparison.Ordinal));
        var names = Scope.Get<ResolvedStorageNames>();
        var store = Scope.Get<IArticleStore>();
        var tampered = (await store.GetVersionSummaryAsync(edited, 2))!.OriginalSha256!;
        var deleted = (await store.GetVersionSummaryAsync(other, 1))!.CleanTextSha256!;

        // Behind the store's back: overwrite one original, delete one text.
        await Container(names.OriginalsContainer).GetBlobClient(tampered).UploadAsync(BinaryData.FromString("<p>rewritten history</p>"), overwrite: true);
        await Container(names.TextsContainer).GetBlobClient(deleted).DeleteAsync();

        var report = await Scope.Get<FixityAuditor>().AuditAllAsync();

        Assert.False(report.Passed);
        Assert.Equal((2, 3, 9), (report.Articles, report.Versions, report.Items));
        Assert.Equal(
            [(edited.Value, 2, ContentKind.Original, tampered, FixityStatus.Mismatch), (other.Value, 1, ContentKind.Text, deleted, FixityStatus.Missing)],
            report.Failures.Select(f => (f.ArticleId, f.Version, f.Kind, f.Sha256, f.Status)).OrderBy(f => f.Version).Reverse());
        Assert.NotNull(report.Failures.Single(f => f.Status == FixityStatus.Mismatch).ActualSha256);

        var log = Scope.Get<IFixityLog>();
        var recorded = (await log.ListAsync(edited)).Single(r => r is { Version: 2, Kind: ContentKind.Original });
        Assert.Equal(FixityStatus.Mismatch, recorded.Status);
        Assert.Equal(Scope.Clock.GetUtcNow().Date, recorded.CheckedAt.Date);
        Assert.Equal(FixityStatus.Missing, (await log.ListAsync(other)).Single(r => r.Kind == ContentKind.Text).Status);
    }

    [Fact]
    public async Task The_timer_audits_everything_and_records_the_run()
    {
        await CaptureAsync("t", "article-syria-2024.html");

        await Create<FixityAuditTimer>().Run(new TimerInfo(), CancellationToken.None);

        var table = Scope.Get<TableServiceClient>().GetTableClient(Scope.Get<ResolvedStorageNames>().FixityTable);
        var runs = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"run"}")))
        {
            runs.Add(row);
        }

        var run = Assert.Single(runs);
        Assert.Equal(("all", 1, 3, 0), (run.GetString("Scope"), run.GetInt32("Versions"), run.GetInt32("Items"), run.GetInt32("Failures")));
    }
}
