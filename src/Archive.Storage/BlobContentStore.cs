using Archive.Core.Content;
using Archive.Core.Hashing;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Archive.Storage;

/// <summary>Content-addressed blobs: each item is uploaded once under its SHA-256, with a condition that refuses overwrites.</summary>
public sealed class BlobContentStore(BlobServiceClient blobs, ResolvedStorageNames names) : IContentStore
{
    private readonly BlobContainerClient _originals = blobs.GetBlobContainerClient(names.OriginalsContainer);
    private readonly BlobContainerClient _texts = blobs.GetBlobContainerClient(names.TextsContainer);
    private readonly BlobContainerClient _records = blobs.GetBlobContainerClient(names.RecordsContainer);

    /// <inheritdoc />
    public Task<bool> PutOriginalAsync(ContentHash hash, ReadOnlyMemory<byte> bytes, string? contentType, CancellationToken cancellationToken = default) =>
        PutOnceAsync(_originals, hash, bytes, contentType ?? "application/octet-stream", cancellationToken);

    /// <inheritdoc />
    public Task<StoredContent?> OpenOriginalAsync(ContentHash hash, CancellationToken cancellationToken = default) =>
        OpenAsync(ContentKind.Original, hash, cancellationToken);

    /// <inheritdoc />
    public async Task<StoredContent?> OpenAsync(ContentKind kind, ContentHash hash, CancellationToken cancellationToken = default)
    {
        var container = kind switch
        {
            ContentKind.Original => _originals,
            ContentKind.Text => _texts,
            ContentKind.Record => _records,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind of content."),
        };
        try
        {
            var response = await container.GetBlobClient(hash.Hex).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            var details = response.Value.Details;
            return new StoredContent(response.Value.Content, details.ContentType, details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<bool> PutTextAsync(ContentHash hash, string text, CancellationToken cancellationToken = default) =>
        PutOnceAsync(_texts, hash, System.Text.Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetTextAsync(ContentHash hash, CancellationToken cancellationToken = default)
    {
        var bytes = await DownloadAsync(_texts, hash, cancellationToken).ConfigureAwait(false);
        return bytes is null ? null : System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <inheritdoc />
    public Task<bool> PutRecordAsync(ContentHash hash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        PutOnceAsync(_records, hash, bytes, "application/json", cancellationToken);

    /// <inheritdoc />
    public Task<byte[]?> GetRecordAsync(ContentHash hash, CancellationToken cancellationToken = default) =>
        DownloadAsync(_records, hash, cancellationToken);

    private static async Task<bool> PutOnceAsync(BlobContainerClient container, ContentHash hash, ReadOnlyMemory<byte> bytes, string contentType, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            // Write-once: the upload fails if any blob already has this name, so stored evidence is never replaced.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Metadata = new Dictionary<string, string> { ["sha256"] = hash.Hex },
        };
        try
        {
            await container.GetBlobClient(hash.Hex).UploadAsync(BinaryData.FromBytes(bytes), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already there: the name is the hash, so the stored bytes are these bytes.
            return false;
        }
    }

    private static async Task<byte[]?> DownloadAsync(BlobContainerClient container, ContentHash hash, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.GetBlobClient(hash.Hex).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
