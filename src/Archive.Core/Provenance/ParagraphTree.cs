using System.Text;
using Archive.Core.Hashing;

namespace Archive.Core.Provenance;

/// <summary>
/// The paragraphs of a version's clean text as paragraph proofs see them, defined once: the text is normalized by
/// <see cref="TextNormalizer.Normalize"/> (which folds white space, quotes, dashes and invisible characters and keeps
/// paragraph breaks as one blank line), then split at each <c>"\n\n"</c>; empty pieces are dropped. Leaf <c>i</c> of the
/// tree is <c>MerkleTree.HashLeaf(UTF-8 of paragraph i)</c>, in text order, and the tree is RFC 6962's
/// (<see cref="MerkleTree"/>). A checker given one normalized paragraph, its index, the tree size and the audit path
/// can recompute the root without the rest of the text.
/// </summary>
public sealed class ParagraphTree
{
    private const string Break = "\n\n";
    private readonly MerkleTree _tree;

    private ParagraphTree(IReadOnlyList<string> paragraphs)
    {
        Paragraphs = paragraphs;
        _tree = MerkleTree.Build([.. paragraphs.Select(LeafHash)]);
    }

    /// <summary>The normalized paragraphs, in text order.</summary>
    public IReadOnlyList<string> Paragraphs { get; }

    /// <summary>How many paragraphs (leaves) the tree has.</summary>
    public int Count => Paragraphs.Count;

    /// <summary>The root, as 64 lowercase hex characters.</summary>
    public string RootHex => Convert.ToHexStringLower(_tree.Root);

    /// <summary>Builds the tree of a clean text (the text is normalized here; pass it as extracted).</summary>
    public static ParagraphTree Of(string cleanText) => new(Split(cleanText));

    /// <summary>The normalized paragraphs of <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TextNormalizer.Normalize(text).Split(Break, StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>The leaf hash of one normalized paragraph: <c>SHA-256(0x00 || UTF-8(paragraph))</c>.</summary>
    public static byte[] LeafHash(string paragraph)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        return MerkleTree.HashLeaf(Encoding.UTF8.GetBytes(paragraph));
    }

    /// <summary>The audit path of paragraph <paramref name="index"/>, lowest sibling first, as hex.</summary>
    public IReadOnlyList<string> AuditPath(int index) => [.. _tree.InclusionProof(index).Select(Convert.ToHexStringLower)];

    /// <summary>
    /// Where <paramref name="passage"/> is one whole paragraph or several consecutive whole paragraphs of this text,
    /// compared in the inline form searches use (<see cref="TextNormalizer.NormalizeInline"/>, so a passage typed
    /// with its paragraphs run together still matches); null when it is not.
    /// </summary>
    public (int First, int Count)? FindWhole(string passage)
    {
        ArgumentNullException.ThrowIfNull(passage);
        var needle = TextNormalizer.NormalizeInline(passage);
        if (needle.Length == 0)
        {
            return null;
        }

        // The inline text is the paragraphs joined by single spaces: a whole-paragraph match starts where a paragraph
        // starts and ends where one ends.
        var starts = new Dictionary<int, int>();
        var ends = new Dictionary<int, int>();
        var at = 0;
        for (var i = 0; i < Paragraphs.Count; i++)
        {
            starts[at] = i;
            at += Paragraphs[i].Length;
            ends[at] = i;
            at++;
        }

        var haystack = string.Join(' ', Paragraphs);
        for (var found = haystack.IndexOf(needle, StringComparison.Ordinal); found >= 0; found = haystack.IndexOf(needle, found + 1, StringComparison.Ordinal))
        {
            if (starts.TryGetValue(found, out var first) && ends.TryGetValue(found + needle.Length, out var last))
            {
                return (first, last - first + 1);
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="auditPath"/> (hex, lowest first) leads from <paramref name="paragraph"/> at
    /// <paramref name="index"/> of a tree of <paramref name="size"/> leaves to <paramref name="rootHex"/>.
    /// </summary>
    public static bool Verify(string paragraph, long index, long size, IReadOnlyList<string> auditPath, string rootHex)
    {
        ArgumentNullException.ThrowIfNull(auditPath);
        if (!TryHex(rootHex, out var root) || auditPath.Any(p => !TryHex(p, out _)))
        {
            return false;
        }

        var path = auditPath.Select(Convert.FromHexString).ToList();
        return MerkleTree.VerifyInclusion(LeafHash(paragraph), index, size, path, root);
    }

    private static bool TryHex(string? value, out byte[] bytes)
    {
        bytes = [];
        if (value is not { Length: 64 } || !value.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        bytes = Convert.FromHexString(value);
        return true;
    }
}
