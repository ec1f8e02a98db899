using Archive.Core.Extraction;
using Archive.Core.Hashing;

namespace Archive.Core.Versions;

/// <summary>
/// The one rule for "is this the same version?": two captures are the same version when their normalized texts hash
/// the same and the metadata that identifies a version (title, authors, dates, tags, section, canonical URL) is the
/// same. Anything else that differs (white space, typography, rotating boilerplate) is at most noise. The capture's
/// fast path, the change classifier and flip detection all compare identities, and a version row stores the two
/// hashes, so comparing with a stored version needs no blob.
/// </summary>
/// <param name="TextSha256">SHA-256 of the normalized text.</param>
/// <param name="MetadataSha256">SHA-256 over the identifying metadata fields (<see cref="Fingerprint"/>).</param>
public readonly record struct VersionIdentity(string TextSha256, string MetadataSha256)
{
    /// <summary>The identity of a fresh extraction.</summary>
    public static VersionIdentity Of(ExtractionResult extraction)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        return new VersionIdentity(ContentHash.OfText(TextNormalizer.Normalize(extraction.Text)).Hex, Fingerprint(extraction.Metadata));
    }

    /// <summary>The identity of a stored version, from its record.</summary>
    public static VersionIdentity Of(VersionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new VersionIdentity(record.TextSha256, Fingerprint(record.Metadata));
    }

    /// <summary>The identity of a stored version, from its row; null when the row predates metadata fingerprints.</summary>
    public static VersionIdentity? Of(VersionSummary row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.MetadataSha256 is { } metadata ? new VersionIdentity(row.TextSha256, metadata) : null;
    }

    /// <summary>The identity of an article's latest version as its head keeps it; null without a version.</summary>
    public static VersionIdentity? Of(ArticleHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return head is { LatestVersion: > 0, LatestTextSha256: { } text, LatestMetadataSha256: { } metadata } ? new VersionIdentity(text, metadata) : null;
    }

    /// <summary>SHA-256 over the identifying metadata fields: equal fingerprints mean the same identifying metadata.</summary>
    public static string Fingerprint(ArticleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return ContentHash.OfText(string.Join('\u001F', MetadataChanges.Fields.Select(f => MetadataChanges.Value(metadata, f) ?? "\u0000"))).Hex;
    }
}
