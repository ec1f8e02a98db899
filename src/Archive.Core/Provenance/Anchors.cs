namespace Archive.Core.Provenance;

/// <summary>One sealed version as a leaf of an anchor's tree: the leaf is the 32 bytes of its record's SHA-256.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Number">The version number.</param>
/// <param name="RecordSha256">SHA-256 of the version's sealed record, 64 hex characters.</param>
public sealed record AnchoredVersion(string ArticleId, int Number, string RecordSha256);

/// <summary>
/// One anchor, stored write-once under its root: the Merkle tree's leaves in order, its root and the authority's token
/// over the root. Every version proof names the anchor it belongs to.
/// </summary>
public sealed record AnchorRecord
{
    /// <summary>The format.</summary>
    public string Schema { get; init; } = "archive.anchor/1";

    /// <summary>The root of the RFC 6962 tree over the leaves (hex): the digest the token covers.</summary>
    public required string Root { get; init; }

    /// <summary>The time the authority put in its token.</summary>
    public required DateTimeOffset AnchoredAt { get; init; }

    /// <summary>The authority's URL.</summary>
    public required string Authority { get; init; }

    /// <summary>The RFC 3161 token (CMS SignedData), DER, Base64.</summary>
    public required string Token { get; init; }

    /// <summary>The certificates the token carries (DER, Base64): the authority's and any intermediates.</summary>
    public required IReadOnlyList<string> Certificates { get; init; }

    /// <summary>The versions sealed in the interval, in leaf order.</summary>
    public required IReadOnlyList<AnchoredVersion> Leaves { get; init; }

    /// <summary>The end of the interval the anchor covers: versions sealed up to this time.</summary>
    public required DateTimeOffset SealedUntil { get; init; }
}

/// <summary>
/// The inclusion proof of one version in one anchor, stored write-once per version: the first proof written wins, so a
/// version anchored again after an interrupted run keeps the proof it had.
/// </summary>
public sealed record VersionProof
{
    /// <summary>The format.</summary>
    public string Schema { get; init; } = "archive.proof/1";

    /// <summary>The article.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The version number.</summary>
    public required int Number { get; init; }

    /// <summary>SHA-256 of the version's record (hex): the leaf.</summary>
    public required string RecordSha256 { get; init; }

    /// <summary>The anchor's root (hex), which is also its name.</summary>
    public required string Root { get; init; }

    /// <summary>The leaf's index in the tree, from 0.</summary>
    public required long LeafIndex { get; init; }

    /// <summary>How many leaves the tree has.</summary>
    public required long TreeSize { get; init; }

    /// <summary>The RFC 6962 audit path (hex), the lowest sibling first.</summary>
    public required IReadOnlyList<string> Path { get; init; }
}

/// <summary>Where anchoring stands: how far versions are anchored, and how the last attempt went.</summary>
public sealed record AnchorState
{
    /// <summary>Versions sealed up to this time are anchored (or were found to be none); null before the first anchor.</summary>
    public DateTimeOffset? AnchoredUntil { get; init; }

    /// <summary>The root of the latest anchor, if any.</summary>
    public string? LastRoot { get; init; }

    /// <summary>When the latest anchor was made.</summary>
    public DateTimeOffset? LastAnchoredAt { get; init; }

    /// <summary>When anchoring was last attempted.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>Why the last attempt failed; null when it succeeded.</summary>
    public string? LastFailure { get; init; }

    /// <summary>How many attempts in a row have failed.</summary>
    public int FailuresInARow { get; init; }

    /// <summary>The state row's ETag; null when no state is stored yet.</summary>
    public string? ETag { get; init; }
}

/// <summary>
/// Where anchors, proofs and the anchoring state are kept. Anchors and proofs are write-once (an existing one is kept and
/// is success); the state is replaced conditionally on its ETag.
/// </summary>
public interface IAnchorStore
{
    /// <summary>Reads the state; an empty state (no ETag) when none is stored.</summary>
    Task<AnchorState> GetStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="state"/> if the stored state still has the ETag it carries; false when it changed meanwhile.</summary>
    Task<bool> TrySaveStateAsync(AnchorState state, CancellationToken cancellationToken = default);

    /// <summary>Stores an anchor under its root, write-once.</summary>
    Task PutAnchorAsync(AnchorRecord anchor, CancellationToken cancellationToken = default);

    /// <summary>Reads an anchor by its root; null when there is none.</summary>
    Task<AnchorRecord?> GetAnchorAsync(string root, CancellationToken cancellationToken = default);

    /// <summary>Stores a version's proof, write-once; false when the version already had one (which is kept).</summary>
    Task<bool> PutProofAsync(VersionProof proof, CancellationToken cancellationToken = default);

    /// <summary>The numbers of the versions of <paramref name="articleId"/> that have a proof (one listing of its proofs, none read).</summary>
    Task<IReadOnlySet<int>> ListAnchoredNumbersAsync(string articleId, CancellationToken cancellationToken = default);

    /// <summary>Reads a version's proof; null when it is not anchored.</summary>
    Task<VersionProof?> GetProofAsync(string articleId, int number, CancellationToken cancellationToken = default);
}
