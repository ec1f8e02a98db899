using System.Text.Json;
using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Options;

namespace Archive.Core.Provenance;

/// <summary>Where one version stands with anchoring, for people.</summary>
/// <param name="Number">The version.</param>
/// <param name="Status"><c>anchored</c>; <c>pending</c> (waiting for the next anchor); <c>failed</c> (the last attempt failed, it will be tried again); <c>not-configured</c> (no authority).</param>
/// <param name="AnchoredAt">The time in the token, when anchored.</param>
/// <param name="Authority">The authority, when anchored.</param>
/// <param name="ProofValid">When anchored: whether the proof leads to the root and the token over it holds.</param>
/// <param name="LastFailure">When the last attempt failed: why.</param>
/// <param name="LastAttemptAt">When anchoring was last attempted.</param>
public sealed record VersionAnchorStatus(int Number, string Status, DateTimeOffset? AnchoredAt = null, string? Authority = null, bool? ProofValid = null, string? LastFailure = null, DateTimeOffset? LastAttemptAt = null);

/// <summary>Builds evidence bundles and says where each version stands with anchoring.</summary>
public sealed class EvidenceService(IArticleStore articles, IContentStore content, IAnchorStore anchors, IOptions<ProvenanceOptions> options)
{
    /// <summary>The bundle of version <paramref name="number"/>; null when there is no such version.</summary>
    /// <exception cref="RecordIntegrityException">The version's record is missing.</exception>
    public async Task<EvidenceBundle?> GetBundleAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        if (await articles.GetVersionSummaryAsync(id, number, cancellationToken).ConfigureAwait(false) is not { } version)
        {
            return null;
        }

        // The bytes as stored, even if they no longer match their name: the bundle's first step shows it.
        var bytes = await content.GetRecordAsync(ContentHash.Parse(version.RecordSha256), cancellationToken).ConfigureAwait(false)
            ?? throw new RecordIntegrityException($"The record of version {number} of {id} is missing.");
        var previous = number > 1 ? await articles.GetVersionSummaryAsync(id, number - 1, cancellationToken).ConfigureAwait(false) : null;
        var proof = await anchors.GetProofAsync(id.Value, number, cancellationToken).ConfigureAwait(false);
        var anchor = proof is null ? null : await anchors.GetAnchorAsync(proof.Root, cancellationToken).ConfigureAwait(false);
        return Assemble(id.Value, number, version.RecordSha256, bytes, previous?.RecordSha256, proof, anchor);
    }

    /// <summary>
    /// A bundle from its parts: the record's hash and stored bytes, the previous record's hash as the archive holds it,
    /// and the version's proof and anchor when it has them.
    /// </summary>
    public static EvidenceBundle Assemble(string articleId, int number, string recordSha256, byte[] recordBytes, string? previousRecordSha256, VersionProof? proof, AnchorRecord? anchor)
    {
        ArgumentNullException.ThrowIfNull(recordBytes);
        var record = Parse(recordBytes);
        var evidence = proof is not null && anchor is not null ? ToEvidence(proof, anchor) : null;
        return new EvidenceBundle
        {
            ArticleId = articleId,
            Version = number,
            Url = record?.Url ?? string.Empty,
            RecordSha256 = recordSha256,
            Record = Convert.ToBase64String(recordBytes),
            OriginalSha256 = record?.OriginalSha256 ?? string.Empty,
            CleanTextSha256 = record?.CleanTextSha256 ?? string.Empty,
            TextSha256 = record?.TextSha256 ?? string.Empty,
            PreviousRecordSha256 = previousRecordSha256,
            AnchorStatus = evidence is null ? "not-anchored" : "anchored",
            Anchor = evidence,
        };
    }

    /// <summary>Where each of <paramref name="versions"/> stands with anchoring.</summary>
    public async Task<IReadOnlyList<VersionAnchorStatus>> ListStatusesAsync(ArticleId id, IEnumerable<int> versions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var numbers = versions.ToArray();
        if (options.Value.Authority is null)
        {
            return [.. numbers.Select(n => new VersionAnchorStatus(n, "not-configured"))];
        }

        var state = await anchors.GetStateAsync(cancellationToken).ConfigureAwait(false);
        var roots = new Dictionary<string, AnchorRecord?>(StringComparer.Ordinal);
        var statuses = new List<VersionAnchorStatus>();
        foreach (var number in numbers)
        {
            var proof = await anchors.GetProofAsync(id.Value, number, cancellationToken).ConfigureAwait(false);
            if (proof is null)
            {
                statuses.Add(state.LastFailure is { } failure
                    ? new VersionAnchorStatus(number, "failed", LastFailure: failure, LastAttemptAt: state.LastAttemptAt)
                    : new VersionAnchorStatus(number, "pending", LastAttemptAt: state.LastAttemptAt));
                continue;
            }

            if (!roots.TryGetValue(proof.Root, out var anchor))
            {
                anchor = roots[proof.Root] = await anchors.GetAnchorAsync(proof.Root, cancellationToken).ConfigureAwait(false);
            }

            var valid = anchor is not null && BundleVerifier.VerifyAnchor(proof.RecordSha256, ToEvidence(proof, anchor)).All(s => s.Status == StepStatus.Pass);
            statuses.Add(new VersionAnchorStatus(number, "anchored", anchor?.AnchoredAt, anchor?.Authority, valid));
        }

        return statuses;
    }

    /// <summary>A version's place in its anchor, as a bundle carries it.</summary>
    public static EvidenceAnchor ToEvidence(VersionProof proof, AnchorRecord anchor)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(anchor);
        return new()
        {
            Root = proof.Root,
            LeafIndex = proof.LeafIndex,
            TreeSize = proof.TreeSize,
            Path = proof.Path,
            AnchoredAt = anchor.AnchoredAt,
            Authority = anchor.Authority,
            Token = anchor.Token,
            Certificates = anchor.Certificates,
        };
    }

    private static VersionRecord? Parse(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<VersionRecord>(bytes, ArchiveJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
