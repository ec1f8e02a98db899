using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Archive.Storage.Tests;

public sealed class BlobContentStoreTests
{
    [Fact]
    public async Task Stores_an_original_once_under_its_hash_and_reads_it_back_byte_for_byte()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IContentStore>();
        var bytes = new byte[70_000];
        new Random(3).NextBytes(bytes);
        var hash = ContentHash.Of(bytes);

        Assert.True(await store.PutOriginalAsync(hash, bytes, "text/html; charset=windows-1252"));
        Assert.False(await store.PutOriginalAsync(hash, bytes, "text/html"));

        var stored = await store.OpenOriginalAsync(hash);
        Assert.NotNull(stored);
        await using var content = stored.Content;
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
        Assert.Equal("text/html; charset=windows-1252", stored.ContentType);
        Assert.Equal(hash, ContentHash.Of(copy.ToArray()));
    }

    [Fact]
    public async Task Never_overwrites_a_stored_blob()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IContentStore>();
        var original = "the original"u8.ToArray();
        var hash = ContentHash.Of(original);
        await store.PutOriginalAsync(hash, original, "text/plain");

        // Even a buggy caller that passes other bytes under the same name cannot replace the evidence.
        Assert.False(await store.PutOriginalAsync(hash, "forged bytes"u8.ToArray(), "text/plain"));

        var names = scope.Get<ResolvedStorageNames>();
        var blob = scope.Get<BlobServiceClient>().GetBlobContainerClient(names.OriginalsContainer).GetBlobClient(hash.Hex);
        var content = (await blob.DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(original, content);
    }

    [Fact]
    public async Task Stores_texts_and_records_and_answers_null_for_missing_ones()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IContentStore>();
        var text = "Damascus – “fallen”\n\nSecond paragraph.";
        var textHash = ContentHash.OfText(text);
        Assert.True(await store.PutTextAsync(textHash, text));
        Assert.Equal(text, await store.GetTextAsync(textHash));

        var record = "{\"a\":1}"u8.ToArray();
        Assert.True(await store.PutRecordAsync(ContentHash.Of(record), record));
        Assert.Equal(record, await store.GetRecordAsync(ContentHash.Of(record)));

        var missing = ContentHash.OfText("never stored");
        Assert.Null(await store.GetTextAsync(missing));
        Assert.Null(await store.GetRecordAsync(missing));
        Assert.Null(await store.OpenOriginalAsync(missing));
    }

    [Fact]
    public async Task Records_the_hash_in_blob_metadata()
    {
        await using var scope = await StorageScope.CreateAsync();
        var bytes = "<p>x</p>"u8.ToArray();
        var hash = ContentHash.Of(bytes);
        await scope.Get<IContentStore>().PutOriginalAsync(hash, bytes, "text/html");
        var names = scope.Get<ResolvedStorageNames>();
        BlobProperties properties = await scope.Get<BlobServiceClient>().GetBlobContainerClient(names.OriginalsContainer).GetBlobClient(hash.Hex).GetPropertiesAsync();
        Assert.Equal(hash.Hex, properties.Metadata["sha256"]);
        Assert.Equal("text/html", properties.ContentType);
    }
}
