using Archive.Core.Versions;

namespace Archive.Core.Provenance;

/// <summary>
/// The pure part of anchoring: which interval a run covers, and the tree and proofs for the versions sealed in it.
/// </summary>
public sealed class AnchorPlan
{
    private AnchorPlan(IReadOnlyList<AnchoredVersion> leaves, MerkleTree tree)
    {
        Leaves = leaves;
        Tree = tree;
    }

    /// <summary>The versions in leaf order (by article id, then number; each once).</summary>
    public IReadOnlyList<AnchoredVersion> Leaves { get; }

    /// <summary>The tree over the leaves.</summary>
    public MerkleTree Tree { get; }

    /// <summary>The root the authority is asked to timestamp.</summary>
    public byte[] Root => Tree.Root;

    /// <summary>
    /// The interval a run at <paramref name="now"/> covers: from where the last run stopped (exclusive; the beginning
    /// of time before the first) to <paramref name="settleFor"/> ago (inclusive); null when that is empty.
    /// </summary>
    public static (DateTimeOffset After, DateTimeOffset UpTo)? Window(AnchorState state, DateTimeOffset now, TimeSpan settleFor)
    {
        ArgumentNullException.ThrowIfNull(state);
        var after = state.AnchoredUntil ?? DateTimeOffset.MinValue;
        var upTo = now - settleFor;
        return upTo > after ? (after, upTo) : null;
    }

    /// <summary>
    /// The stragglers of one article: its versions first seen at or before <paramref name="anchoredUntil"/> (so inside an
    /// interval the regular runs have closed) that have no proof, because the activity index missed them. None before the
    /// first run has closed an interval: that run reads from the beginning of time.
    /// </summary>
    /// <param name="articleId">The article.</param>
    /// <param name="versions">Its version rows.</param>
    /// <param name="anchored">The numbers of its versions that have a proof.</param>
    /// <param name="anchoredUntil">The end of the last interval the regular runs closed (<see cref="AnchorState.AnchoredUntil"/>).</param>
    public static IEnumerable<AnchoredVersion> Stragglers(string articleId, IEnumerable<VersionSummary> versions, IReadOnlySet<int> anchored, DateTimeOffset? anchoredUntil)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(anchored);
        return anchoredUntil is not { } until
            ? []
            : versions
                .Where(v => v.FirstSeenAt <= until && !anchored.Contains(v.Number))
                .Select(v => new AnchoredVersion(articleId, v.Number, v.RecordSha256));
    }

    /// <summary>The leaf of a version: the 32 bytes of its record's SHA-256, hashed as an RFC 6962 leaf.</summary>
    public static byte[] LeafHash(string recordSha256) => MerkleTree.HashLeaf(Convert.FromHexString(recordSha256));

    /// <summary>Orders the versions (each once) and builds their tree.</summary>
    public static AnchorPlan Build(IEnumerable<AnchoredVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var leaves = versions
            .DistinctBy(v => (v.ArticleId, v.Number))
            .OrderBy(v => v.ArticleId, StringComparer.Ordinal)
            .ThenBy(v => v.Number)
            .ToArray();
        return new AnchorPlan(leaves, MerkleTree.Build([.. leaves.Select(v => LeafHash(v.RecordSha256))]));
    }

    /// <summary>The proof of every leaf.</summary>
    public IEnumerable<VersionProof> Proofs()
    {
        var root = Convert.ToHexStringLower(Root);
        for (var i = 0; i < Leaves.Count; i++)
        {
            var leaf = Leaves[i];
            yield return new VersionProof
            {
                ArticleId = leaf.ArticleId,
                Number = leaf.Number,
                RecordSha256 = leaf.RecordSha256,
                Root = root,
                LeafIndex = i,
                TreeSize = Leaves.Count,
                Path = [.. Tree.InclusionProof(i).Select(Convert.ToHexStringLower)],
            };
        }
    }
}
