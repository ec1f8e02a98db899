using System.Security.Cryptography;

namespace Archive.Core.Provenance;

/// <summary>
/// A SHA-256 Merkle tree as RFC 6962 (section 2.1) defines it, so that anyone can recompute a root or check an
/// inclusion proof with the RFC alone: a leaf hashes as <c>SHA-256(0x00 || leaf)</c>, an inner node as
/// <c>SHA-256(0x01 || left || right)</c> (the prefixes keep a leaf from passing for a node); a tree of n leaves splits
/// at the largest power of two below n; the empty tree's root is <c>SHA-256()</c>.
/// </summary>
public sealed class MerkleTree
{
    private readonly List<byte[][]> _levels;

    private MerkleTree(List<byte[][]> levels) => _levels = levels;

    /// <summary>The prefix of a leaf's hash input.</summary>
    public const byte LeafPrefix = 0x00;

    /// <summary>The prefix of an inner node's hash input.</summary>
    public const byte NodePrefix = 0x01;

    /// <summary>The hash of one leaf: <c>SHA-256(0x00 || leaf)</c>.</summary>
    public static byte[] HashLeaf(ReadOnlySpan<byte> leaf)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(leaf);
        return hash.GetHashAndReset();
    }

    /// <summary>The hash of an inner node: <c>SHA-256(0x01 || left || right)</c>.</summary>
    public static byte[] HashNode(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([NodePrefix]);
        hash.AppendData(left);
        hash.AppendData(right);
        return hash.GetHashAndReset();
    }

    /// <summary>Builds the tree over leaves already hashed with <see cref="HashLeaf"/>.</summary>
    public static MerkleTree Build(IReadOnlyList<byte[]> leafHashes)
    {
        ArgumentNullException.ThrowIfNull(leafHashes);
        var levels = new List<byte[][]> { leafHashes.ToArray() };
        while (levels[^1].Length > 1)
        {
            // Pairing bottom-up and carrying a lone last node up unchanged builds the same tree as RFC 6962's split at
            // the largest power of two, in O(n) hashes.
            var below = levels[^1];
            var above = new byte[(below.Length + 1) / 2][];
            for (var i = 0; i < above.Length; i++)
            {
                above[i] = 2 * i + 1 < below.Length ? HashNode(below[2 * i], below[2 * i + 1]) : below[2 * i];
            }

            levels.Add(above);
        }

        return new MerkleTree(levels);
    }

    /// <summary>How many leaves the tree has.</summary>
    public int Size => _levels[0].Length;

    /// <summary>The root hash; for the empty tree, <c>SHA-256()</c>.</summary>
    public byte[] Root => Size == 0 ? SHA256.HashData(ReadOnlySpan<byte>.Empty) : _levels[^1][0];

    /// <summary>
    /// The inclusion proof (RFC 6962 "audit path") of leaf <paramref name="index"/>: the sibling hashes from the leaf up
    /// to the root, the lowest first.
    /// </summary>
    public IReadOnlyList<byte[]> InclusionProof(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Size);
        var path = new List<byte[]>();
        for (var level = 0; level < _levels.Count - 1; level++)
        {
            var sibling = index ^ 1;
            if (sibling < _levels[level].Length)
            {
                path.Add(_levels[level][sibling]);
            }

            index >>= 1;
        }

        return path;
    }

    /// <summary>
    /// The root an inclusion proof leads to from a leaf hash, by RFC 9162 section 2.1.3.2; null when the proof's length
    /// does not fit a leaf <paramref name="index"/> of a tree of <paramref name="size"/> leaves.
    /// </summary>
    public static byte[]? RootFromProof(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size)
        {
            return null;
        }

        long fn = index;
        long sn = size - 1;
        var r = leafHash.ToArray();
        foreach (var p in proof)
        {
            if (sn == 0)
            {
                return null;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = HashNode(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = HashNode(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 ? r : null;
    }

    /// <summary>True when <paramref name="proof"/> leads from <paramref name="leafHash"/> to <paramref name="root"/>.</summary>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var computed = RootFromProof(leafHash, index, size, proof);
        return computed is not null && CryptographicOperations.FixedTimeEquals(computed, root);
    }
}
