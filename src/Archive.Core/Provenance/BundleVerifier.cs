using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Text.Json;
using Archive.Core.Hashing;

namespace Archive.Core.Provenance;

/// <summary>How one step of a bundle's check ended.</summary>
public enum StepStatus
{
    /// <summary>The step holds.</summary>
    Pass,

    /// <summary>The step does not hold.</summary>
    Fail,

    /// <summary>The version is not anchored yet: there is nothing to check.</summary>
    NotAnchored,
}

/// <summary>One step of a bundle's check.</summary>
/// <param name="Name">The step: <c>record</c>, <c>chain</c>, <c>original</c>, <c>text</c>, <c>merkle</c>, <c>token</c>, <c>authority</c>.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Detail">What was compared, in words.</param>
public sealed record VerificationStep(string Name, StepStatus Status, string Detail);

/// <summary>Every step of a bundle's check, in order.</summary>
/// <param name="Steps">The steps.</param>
public sealed record BundleReport(IReadOnlyList<VerificationStep> Steps)
{
    /// <summary>True when every step passed (a version not anchored yet is not verified in time).</summary>
    public bool Verified => Steps.All(s => s.Status == StepStatus.Pass);

    /// <summary>The step called <paramref name="name"/>.</summary>
    public VerificationStep this[string name] => Steps.Single(s => s.Name == name);
}

/// <summary>
/// Checks an evidence bundle with nothing but the bundle, the files given and the trust roots given: no archive, no
/// network. Each step checks one link, so a change in one part of the evidence fails the step about that part:
/// <list type="bullet">
/// <item><c>record</c>: the record's bytes hash to the record hash the bundle states;</item>
/// <item><c>chain</c>: the record names this article and version, the previous record's hash and the hashes the bundle states;</item>
/// <item><c>original</c>, <c>text</c> (when given): the file hashes to what the record names (a text may be the clean text or its normalized form);</item>
/// <item><c>merkle</c>: the audit path leads from the record hash's leaf to the anchor's root (RFC 9162, 2.1.3.2);</item>
/// <item><c>token</c>: the token is an RFC 3161 token over the root with SHA-256, its signature holds, its time is the one stated;</item>
/// <item><c>authority</c>: the token's signer chains to one of the trust roots, for time-stamping, at the token's time.</item>
/// </list>
/// </summary>
public static class BundleVerifier
{
    private const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    /// <summary>Checks <paramref name="bundle"/>, and the original and text when given, against <paramref name="trustRoots"/>.</summary>
    public static BundleReport Verify(EvidenceBundle bundle, byte[]? original = null, byte[]? text = null, IReadOnlyCollection<X509Certificate2>? trustRoots = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var steps = new List<VerificationStep>();
        var record = Base64(bundle.Record);
        steps.Add(RecordStep(bundle, record));
        steps.Add(ChainStep(bundle, record));
        if (original is not null)
        {
            var actual = ContentHash.Of(original).Hex;
            steps.Add(Step("original", Same(actual, bundle.OriginalSha256), $"the original's SHA-256 is {actual}; the record names {bundle.OriginalSha256}"));
        }

        if (text is not null)
        {
            steps.Add(TextStep(bundle, text));
        }

        if (bundle.Anchor is not { } anchor)
        {
            foreach (var name in new[] { "merkle", "token", "authority" })
            {
                steps.Add(new VerificationStep(name, StepStatus.NotAnchored, "the version is not anchored yet"));
            }

            return new BundleReport(steps);
        }

        steps.AddRange(VerifyAnchor(bundle.RecordSha256, anchor));
        var token = Base64(anchor.Token);
        var decoded = token is not null && Rfc3161TimestampToken.TryDecode(token, out var t, out var consumed) && consumed == token.Length ? t : null;
        steps.Add(AuthorityStep(anchor, decoded, trustRoots ?? []));
        return new BundleReport(steps);
    }

    /// <summary>The <c>merkle</c> and <c>token</c> steps alone: whether a proof of <paramref name="recordSha256"/> leads to the anchor's root and the token over it holds.</summary>
    public static IReadOnlyList<VerificationStep> VerifyAnchor(string recordSha256, EvidenceAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var root = Hex(anchor.Root);
        var token = Base64(anchor.Token);
        var decoded = token is not null && Rfc3161TimestampToken.TryDecode(token, out var t, out var consumed) && consumed == token.Length ? t : null;
        return [MerkleStep(recordSha256, anchor, root), TokenStep(anchor, decoded, root)];
    }

    private static VerificationStep RecordStep(EvidenceBundle bundle, byte[]? record)
    {
        if (record is null)
        {
            return Step("record", false, "the record is not Base64");
        }

        var actual = ContentHash.Of(record).Hex;
        return Step("record", Same(actual, bundle.RecordSha256), $"the record's SHA-256 is {actual}; the bundle states {bundle.RecordSha256}");
    }

    private static VerificationStep ChainStep(EvidenceBundle bundle, byte[]? record)
    {
        if (record is null)
        {
            return Step("chain", false, "the record is not Base64");
        }

        try
        {
            using var json = JsonDocument.Parse(record);
            var r = json.RootElement;
            var previous = r.TryGetProperty("previousRecordSha256", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
            var mismatches = new List<string>();
            Expect(mismatches, "article", String(r, "articleId"), bundle.ArticleId);
            Expect(mismatches, "version", r.TryGetProperty("number", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetRawText() : null, bundle.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Expect(mismatches, "originalSha256", String(r, "originalSha256"), bundle.OriginalSha256);
            Expect(mismatches, "cleanTextSha256", String(r, "cleanTextSha256"), bundle.CleanTextSha256);
            Expect(mismatches, "textSha256", String(r, "textSha256"), bundle.TextSha256);
            Expect(mismatches, "previousRecordSha256", previous, bundle.PreviousRecordSha256);
            if (bundle.Version == 1 && previous is not null)
            {
                mismatches.Add("version 1 names a previous record");
            }

            if (bundle.Version > 1 && previous is null)
            {
                mismatches.Add($"version {bundle.Version} names no previous record");
            }

            return mismatches.Count == 0
                ? Step("chain", true, previous is null ? "version 1: the record names no previous record" : $"the record names the previous record {previous}")
                : Step("chain", false, "the record differs from the bundle: " + string.Join("; ", mismatches));
        }
        catch (JsonException ex)
        {
            return Step("chain", false, $"the record is not JSON: {ex.Message}");
        }
    }

    private static VerificationStep TextStep(EvidenceBundle bundle, byte[] text)
    {
        var clean = ContentHash.Of(text).Hex;
        if (Same(clean, bundle.CleanTextSha256))
        {
            return Step("text", true, $"the text's SHA-256 is the clean text's, {clean}");
        }

        string? normalized = null;
        try
        {
            normalized = ContentHash.OfText(TextNormalizer.Normalize(new UTF8Encoding(false, true).GetString(text))).Hex;
        }
        catch (DecoderFallbackException)
        {
        }

        return Same(normalized, bundle.TextSha256)
            ? Step("text", true, $"the normalized text's SHA-256 is {normalized}, as the record names")
            : Step("text", false, $"the text's SHA-256 is {clean} (normalized: {normalized ?? "not UTF-8"}); the record names {bundle.CleanTextSha256} (normalized: {bundle.TextSha256})");
    }

    private static VerificationStep MerkleStep(string recordSha256, EvidenceAnchor anchor, byte[]? root)
    {
        var path = anchor.Path.Select(Hex).ToArray();
        var leaf = Hex(recordSha256);
        if (root is null || leaf is null || path.Any(p => p is null))
        {
            return Step("merkle", false, "the record hash, the root or the path is not hex");
        }

        var reached = MerkleTree.RootFromProof(MerkleTree.HashLeaf(leaf), anchor.LeafIndex, anchor.TreeSize, path!);
        return reached is not null && reached.AsSpan().SequenceEqual(root)
            ? Step("merkle", true, $"leaf {anchor.LeafIndex} of {anchor.TreeSize} leads to the root {anchor.Root}")
            : Step("merkle", false, $"leaf {anchor.LeafIndex} of {anchor.TreeSize} leads to {(reached is null ? "no root (the path does not fit)" : Convert.ToHexStringLower(reached))}, not the root {anchor.Root}");
    }

    private static VerificationStep TokenStep(EvidenceAnchor anchor, Rfc3161TimestampToken? token, byte[]? root)
    {
        if (token is null || root is null)
        {
            return Step("token", false, "the token is not an RFC 3161 timestamp token");
        }

        var info = token.TokenInfo;
        if (info.HashAlgorithmId.Value != Sha256Oid || !info.GetMessageHash().Span.SequenceEqual(root))
        {
            return Step("token", false, $"the token covers {Convert.ToHexStringLower(info.GetMessageHash().Span)} ({info.HashAlgorithmId.Value}), not the root {anchor.Root} (SHA-256)");
        }

        if (!token.VerifySignatureForHash(root, HashAlgorithmName.SHA256, out _, extraCandidates: null))
        {
            return Step("token", false, "the token's signature does not hold");
        }

        return info.Timestamp == anchor.AnchoredAt
            ? Step("token", true, $"signed over the root at {info.Timestamp:O} (serial {Convert.ToHexStringLower(info.GetSerialNumber().Span)})")
            : Step("token", false, $"the token says {info.Timestamp:O}; the bundle states {anchor.AnchoredAt:O}");
    }

    private static VerificationStep AuthorityStep(EvidenceAnchor anchor, Rfc3161TimestampToken? token, IReadOnlyCollection<X509Certificate2> trustRoots)
    {
        if (trustRoots.Count == 0)
        {
            return Step("authority", false, "no trust root given to check the authority's certificate against");
        }

        // The token's signer when the token can be read; else the bundle's time-stamping certificate (the token step
        // has already failed then, and this step still says whether the authority named in the bundle is trusted).
        var cms = token?.AsSignedCms();
        using var extra = new DisposableCollection(anchor.Certificates.Select(Base64).OfType<byte[]>().Select(c => TryLoad(c)).OfType<X509Certificate2>());
        var signer = cms is { SignerInfos.Count: 1 }
            ? cms.SignerInfos[0].Certificate ?? extra.Items.FirstOrDefault(c => Matches(cms.SignerInfos[0].SignerIdentifier, c))
            : cms is null ? extra.Items.FirstOrDefault(IsTimeStamping) : null;
        if (signer is null)
        {
            return Step("authority", false, "neither the token nor the bundle holds the authority's certificate");
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustRoots.ToArray());
        chain.ChainPolicy.ExtraStore.AddRange(extra.Items);
        if (cms is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(cms.Certificates);
        }

        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = (token?.TokenInfo.Timestamp ?? anchor.AnchoredAt).UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(TimeStampingOid));
        return chain.Build(signer)
            ? Step("authority", true, $"{signer.Subject} chains to {chain.ChainElements[^1].Certificate.Subject} for time-stamping")
            : Step("authority", false, $"{signer.Subject} does not chain to a trust root for time-stamping: {string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct())}");
    }

    private static bool IsTimeStamping(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().Any(e => e.EnhancedKeyUsages.OfType<Oid>().Any(o => o.Value == TimeStampingOid));

    private static bool Matches(SubjectIdentifier id, X509Certificate2 certificate) => id.Type switch
    {
        SubjectIdentifierType.IssuerAndSerialNumber when id.Value is X509IssuerSerial serial =>
            certificate.IssuerName.Name == serial.IssuerName && certificate.SerialNumber.Equals(serial.SerialNumber, StringComparison.OrdinalIgnoreCase),
        SubjectIdentifierType.SubjectKeyIdentifier =>
            certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Any(e => string.Equals(e.SubjectKeyIdentifier, id.Value as string, StringComparison.OrdinalIgnoreCase)),
        _ => false,
    };

    private static X509Certificate2? TryLoad(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static void Expect(List<string> mismatches, string field, string? actual, string? stated)
    {
        if (!string.Equals(actual, stated, StringComparison.OrdinalIgnoreCase))
        {
            mismatches.Add($"{field} is {actual ?? "absent"} in the record, {stated ?? "absent"} in the bundle");
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Same(string? a, string? b) => a is not null && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static VerificationStep Step(string name, bool pass, string detail) => new(name, pass ? StepStatus.Pass : StepStatus.Fail, detail);

    private static byte[]? Base64(string? value)
    {
        if (value is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? Hex(string? value)
    {
        if (value is not { Length: 64 })
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class DisposableCollection(IEnumerable<X509Certificate2> items) : IDisposable
    {
        public X509Certificate2[] Items { get; } = [.. items];

        public void Dispose()
        {
            foreach (var item in Items)
            {
                item.Dispose();
            }
        }
    }
}
