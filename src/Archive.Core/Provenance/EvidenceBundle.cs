using System.Text.Json;

namespace Archive.Core.Provenance;

/// <summary>
/// Everything needed to check one version without Archive (<c>archive.evidence/1</c>): the sealed record's exact bytes,
/// the hashes it names, the previous record's hash, and, once anchored, the inclusion proof, the authority's token over
/// the root and the certificates the token came with. The README documents the format.
/// </summary>
public sealed record EvidenceBundle
{
    /// <summary>The format of this file.</summary>
    public const string CurrentSchema = "archive.evidence/1";

    /// <summary>The format.</summary>
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The article.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The version number.</summary>
    public required int Version { get; init; }

    /// <summary>The canonical URL of the article.</summary>
    public required string Url { get; init; }

    /// <summary>SHA-256 of the record's bytes (hex): its name in the archive, and the leaf of its anchor.</summary>
    public required string RecordSha256 { get; init; }

    /// <summary>The sealed record, exactly as stored (its SHA-256 is <see cref="RecordSha256"/>), Base64.</summary>
    public required string Record { get; init; }

    /// <summary>SHA-256 of the original bytes, as the record names it.</summary>
    public required string OriginalSha256 { get; init; }

    /// <summary>SHA-256 of the clean text (UTF-8), as the record names it.</summary>
    public required string CleanTextSha256 { get; init; }

    /// <summary>SHA-256 of the normalized text (UTF-8), as the record names it.</summary>
    public required string TextSha256 { get; init; }

    /// <summary>SHA-256 of the previous version's record, as the archive holds it; null for version 1.</summary>
    public string? PreviousRecordSha256 { get; init; }

    /// <summary><c>anchored</c>, or <c>not-anchored</c> while the version waits for its anchor.</summary>
    public required string AnchorStatus { get; init; }

    /// <summary>The anchor, once the version is anchored.</summary>
    public EvidenceAnchor? Anchor { get; init; }

    /// <summary>Reads a bundle.</summary>
    /// <exception cref="FormatException">The bytes are not an <c>archive.evidence/1</c> bundle.</exception>
    public static EvidenceBundle Parse(ReadOnlySpan<byte> json)
    {
        EvidenceBundle? bundle;
        try
        {
            bundle = JsonSerializer.Deserialize<EvidenceBundle>(json, ArchiveJson.Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Not an evidence bundle: {ex.Message}", ex);
        }

        return bundle is { Schema: CurrentSchema } ? bundle
            : throw new FormatException($"Not an evidence bundle: the schema must be {CurrentSchema}.");
    }
}

/// <summary>Where a version sits in its anchor, and the authority's token over the anchor's root.</summary>
public sealed record EvidenceAnchor
{
    /// <summary>The root of the anchor's RFC 6962 tree (hex): the digest the token covers.</summary>
    public required string Root { get; init; }

    /// <summary>The version's leaf index, from 0. The leaf is <c>SHA-256(0x00 || record hash bytes)</c>.</summary>
    public required long LeafIndex { get; init; }

    /// <summary>How many leaves the tree has.</summary>
    public required long TreeSize { get; init; }

    /// <summary>The audit path (hex), the lowest sibling first.</summary>
    public required IReadOnlyList<string> Path { get; init; }

    /// <summary>The time in the token.</summary>
    public required DateTimeOffset AnchoredAt { get; init; }

    /// <summary>The authority asked.</summary>
    public required string Authority { get; init; }

    /// <summary>The RFC 3161 token, DER, Base64 (what <c>openssl ts -verify -token_in</c> reads, once decoded).</summary>
    public required string Token { get; init; }

    /// <summary>The authority's certificate chain as the token carried it, DER, Base64.</summary>
    public required IReadOnlyList<string> Certificates { get; init; }
}
