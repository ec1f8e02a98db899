using System.Net.Http.Json;
using System.Text.Json;
using Archive.Core.Export;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Blobs;

namespace Archive.Functions.Tests.Export;

/// <summary>An export never passes off changed evidence: an original that no longer hashes to its name stops it.</summary>
public sealed class WarcTamperingTests
{
    [Fact]
    public async Task An_original_changed_in_storage_fails_the_export()
    {
        await using var stack = await ApiStack.StartAsync();
        var id = await stack.CaptureAsync("story", "article-syria-2024.html");
        var version = await stack.Http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/1");
        var sha = version.GetProperty("originalSha256").GetString()!;
        var exporter = stack.Scope.Get<WarcExporter>();
        var ids = new[] { ArticleId.TryParse(id, out var articleId) ? articleId : throw new InvalidOperationException(id) };

        // Intact: the export completes.
        var intact = await exporter.ExportAsync(ids.ToAsyncEnumerable(), Stream.Null, "x.warc.gz");
        Assert.Equal(5, intact.Records);

        // Overwritten behind the write-once store's back (Azurite has no immutability policy; Azure would refuse).
        var blob = stack.Scope.Get<BlobServiceClient>().GetBlobContainerClient(stack.Scope.Get<ResolvedStorageNames>().OriginalsContainer).GetBlobClient(sha);
        await blob.UploadAsync(BinaryData.FromString("<p>rewritten</p>"), overwrite: true);
        var failure = await Assert.ThrowsAsync<RecordIntegrityException>(() => exporter.ExportAsync(ids.ToAsyncEnumerable(), Stream.Null, "x.warc.gz"));
        Assert.Contains(sha, failure.Message, StringComparison.Ordinal);

        // Over HTTP the download is built before anything is sent: the client gets an error, not a 200 cut short.
        foreach (var format in new[] { "warc", "wacz" })
        {
            using var response = await stack.Http.GetAsync(new Uri($"api/articles/{id}/warc?format={format}", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }
}
