using Archive.Core.Hashing;

namespace Archive.Core.Content;

/// <summary>
/// Content-addressed, write-once storage for original bytes, clean texts and version records. Every item is named by
/// the SHA-256 of its bytes, so writing the same item twice is a no-op and a name can never point to other bytes.
/// </summary>
public interface IContentStore
{
    /// <summary>Stores original bytes under their hash. Returns false when they were already stored.</summary>
    Task<bool> PutOriginalAsync(ContentHash hash, ReadOnlyMemory<byte> bytes, string? contentType, CancellationToken cancellationToken = default);

    /// <summary>Opens stored original bytes, or null when missing.</summary>
    Task<StoredContent?> OpenOriginalAsync(ContentHash hash, CancellationToken cancellationToken = default);

    /// <summary>Stores a clean text (UTF-8) under the hash of its bytes. Returns false when it was already stored.</summary>
    Task<bool> PutTextAsync(ContentHash hash, string text, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored clean text, or null when missing.</summary>
    Task<string?> GetTextAsync(ContentHash hash, CancellationToken cancellationToken = default);

    /// <summary>Stores a version record's bytes under their hash. Returns false when it was already stored.</summary>
    Task<bool> PutRecordAsync(ContentHash hash, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default);

    /// <summary>Reads a stored version record's bytes, or null when missing.</summary>
    Task<byte[]?> GetRecordAsync(ContentHash hash, CancellationToken cancellationToken = default);

    /// <summary>Opens any stored item as its raw bytes, or null when missing (the fixity audit re-hashes them).</summary>
    Task<StoredContent?> OpenAsync(ContentKind kind, ContentHash hash, CancellationToken cancellationToken = default);
}

/// <summary>A stored item opened for reading.</summary>
/// <param name="Content">The bytes; the caller disposes the stream.</param>
/// <param name="ContentType">The content type it was stored with.</param>
/// <param name="Length">Its length in bytes.</param>
public sealed record StoredContent(Stream Content, string? ContentType, long Length);
