using System.Text.Json;
using Archive.Local;
using Archive.Core.Capture;
using Archive.Core.Urls;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Blobs;

namespace Archive.Cli.Tests.Commands;

/// <summary><c>archive audit</c> against an Azurite of its own (the command uses the plain names, no test prefix).</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private AzuriteProcess _azurite = null!;
    private StorageScope _scope = null!;
    private PageServer _pages = null!;

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(SharedAzurite.RepositoryRoot);
        _scope = await StorageScope.CreateAsync(_azurite, prefix: string.Empty);
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
    }

    public async Task DisposeAsync()
    {
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
        await _azurite.DisposeAsync();
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--storage", _azurite.ConnectionString], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Audit_passes_on_an_intact_archive_and_exits_1_naming_the_article_and_version_of_a_tampered_blob()
    {
        _pages.SetFile("story", "article-syria-2024.html");
        var url = UrlCanonicalizer.Canonicalize(_pages.Url("story").AbsoluteUri);
        var id = ArticleId.For(url).Value;
        await _scope.Get<CaptureService>().CaptureAsync(new CaptureMessage { ArticleId = id, Url = url.ToString(), RequestedAt = _scope.Clock.GetUtcNow() });

        var (exit, said, _) = await RunAsync("audit", "--all");
        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("1 articles, 1 versions, 3 items, 3 blobs read", said, StringComparison.Ordinal);
        Assert.Contains("All items intact.", said, StringComparison.Ordinal);

        var original = (await _scope.Get<Archive.Core.Versions.IArticleStore>().GetVersionSummaryAsync(ArticleId.TryParse(id, out var parsed) ? parsed : default, 1))!.OriginalSha256!;
        await _scope.Get<BlobServiceClient>().GetBlobContainerClient(StorageNames.OriginalsContainer).GetBlobClient(original).UploadAsync(BinaryData.FromString("forged"), overwrite: true);

        (exit, said, _) = await RunAsync("audit", _pages.Url("story").AbsoluteUri);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains($"FAILED  article {id} version 1 original {original}: mismatch", said, StringComparison.Ordinal);

        (exit, said, _) = await RunAsync("audit", id, "--json");
        Assert.Equal(ExitCodes.Failed, exit);
        var failure = JsonDocument.Parse(said).RootElement.GetProperty("failures")[0];
        Assert.Equal((id, 1, "original", "mismatch"), (failure.GetProperty("articleId").GetString(), failure.GetProperty("version").GetInt32(), failure.GetProperty("kind").GetString(), failure.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Audit_refuses_unclear_requests_and_reports_unknown_articles()
    {
        Assert.Equal(ExitCodes.InvalidInput, (await RunAsync("audit")).Exit);
        Assert.Equal(ExitCodes.InvalidInput, (await RunAsync("audit", "x", "--all")).Exit);
        Assert.Equal(ExitCodes.InvalidInput, (await RunAsync("audit", "not an id")).Exit);
        Assert.Equal(ExitCodes.NotFound, (await RunAsync("audit", new string('a', 32))).Exit);
    }

    [Fact]
    public async Task Audit_of_storage_out_of_reach_exits_4()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var closed = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{FreePort.Next()}/devstoreaccount1;";
        var exit = await CliApp.RunAsync(["audit", "--all", "--storage", closed], output, error);
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("out of reach", error.ToString(), StringComparison.Ordinal);
    }
}
