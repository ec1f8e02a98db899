using System.Text;
using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Provenance;
using Archive.Core.Versions;

namespace Archive.Core.Verification;

/// <summary>
/// Proof that whole paragraphs were in one version, checkable with nothing else (README, "Paragraph proofs"): hash
/// <see cref="Record"/> (UTF-8) and compare with <see cref="RecordSha256"/>; read the paragraph root the record names;
/// for each paragraph, hash it as a leaf and follow its audit path to that root.
/// </summary>
public sealed record ParagraphProof
{
    /// <summary>The proof format.</summary>
    public const string CurrentFormat = "archive.paragraph-proof/1";

    /// <summary>The proof format.</summary>
    public string Format { get; init; } = CurrentFormat;

    /// <summary>The article.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The version.</summary>
    public required int Version { get; init; }

    /// <summary>SHA-256 of the sealed record: the hash the chain and every export name.</summary>
    public required string RecordSha256 { get; init; }

    /// <summary>The sealed record's JSON text, exactly as stored: its UTF-8 bytes hash to <see cref="RecordSha256"/>.</summary>
    public required string Record { get; init; }

    /// <summary>The paragraph root the record names (hex).</summary>
    public required string Root { get; init; }

    /// <summary>How many paragraphs the version has (the tree's size).</summary>
    public required int TreeSize { get; init; }

    /// <summary>The paragraphs proven, consecutive, in text order.</summary>
    public required IReadOnlyList<ProvenParagraph> Paragraphs { get; init; }
}

/// <summary>One paragraph of a <see cref="ParagraphProof"/>.</summary>
/// <param name="Index">Its leaf index, from 0.</param>
/// <param name="Text">The normalized paragraph, whose UTF-8 bytes are the leaf.</param>
/// <param name="AuditPath">The RFC 6962 audit path, hex, lowest sibling first.</param>
public sealed record ProvenParagraph(int Index, string Text, IReadOnlyList<string> AuditPath);

/// <summary>Builds paragraph proofs for versions that hold a passage.</summary>
public sealed class ParagraphProver(IContentStore content)
{
    /// <summary>
    /// The proof that <paramref name="passage"/> is whole paragraphs of <paramref name="version"/> (whose clean text is
    /// <paramref name="text"/>), or why there is none.
    /// </summary>
    public async Task<(ParagraphProof? Proof, string? Unavailable)> ProveAsync(ArticleVersion version, string text, string passage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Record.Paragraphs is not { } named)
        {
            return (null, $"Version {version.Number} was sealed before records named a paragraph root ({version.Record.Schema}).");
        }

        var tree = ParagraphTree.Of(text);
        if (tree.FindWhole(passage) is not { } span)
        {
            return (null, "The passage is not one or more whole paragraphs of this version; a paragraph proof covers whole paragraphs.");
        }

        if (tree.RootHex != named.Root || tree.Count != named.Count)
        {
            return (null, $"The stored text of version {version.Number} no longer gives the paragraph root its record names.");
        }

        var hash = ContentHash.Parse(version.RecordSha256);
        var bytes = await content.GetRecordAsync(hash, cancellationToken).ConfigureAwait(false);
        if (bytes is null || ContentHash.Of(bytes) != hash)
        {
            return (null, $"The record of version {version.Number} is missing or does not match its hash.");
        }

        return (new ParagraphProof
        {
            ArticleId = version.Record.ArticleId,
            Version = version.Number,
            RecordSha256 = hash.Hex,
            Record = Encoding.UTF8.GetString(bytes),
            Root = named.Root,
            TreeSize = named.Count,
            Paragraphs = [.. Enumerable.Range(span.First, span.Count).Select(i => new ProvenParagraph(i, tree.Paragraphs[i], tree.AuditPath(i)))],
        }, null);
    }
}
