using Archive.Core.Hashing;

namespace Archive.Core.Content;

/// <summary>Re-hashing what is stored: the evidence that an item still holds the bytes its name promises.</summary>
public static class StoredContentHashing
{
    /// <summary>Streams a stored item and returns the SHA-256 of its bytes as they are now, or null when it is missing.</summary>
    public static async Task<ContentHash?> HashStoredAsync(this IContentStore store, ContentKind kind, ContentHash name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stored = await store.OpenAsync(kind, name, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        await using (stored.Content.ConfigureAwait(false))
        {
            return await ContentHash.OfStreamAsync(stored.Content, cancellationToken).ConfigureAwait(false);
        }
    }
}
