using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archive.Core.Verification;

namespace Archive.Core.Export;

/// <summary>
/// Checks a WACZ package offline, as "WACZ Signing and Verification" (section "Verification") orders it: every file
/// <c>datapackage.json</c> lists hashes to its entry and no other file is in the package; <c>datapackage-digest.json</c>
/// names <c>datapackage.json</c>'s hash; the signature of that hash verifies with the public key given (not the key
/// the package carries, which anyone could replace), and the package names that same key.
/// </summary>
public static class WaczVerifier
{
    private const string PackageName = "datapackage.json";
    private const string DigestName = "datapackage-digest.json";

    /// <summary>The steps of the check, in order; the package holds when every step passed.</summary>
    /// <param name="package">The WACZ file.</param>
    /// <param name="publicKeyPem">The signer's public key (PEM, <c>BEGIN PUBLIC KEY</c>).</param>
    /// <exception cref="InvalidDataException">The file is not a zip.</exception>
    /// <exception cref="ArgumentException">The public key is not an ECDSA key in PEM.</exception>
    public static IReadOnlyList<CheckStep> Check(Stream package, string publicKeyPem)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(publicKeyPem);
        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(publicKeyPem);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException("The public key is not an ECDSA key in PEM ('BEGIN PUBLIC KEY').", nameof(publicKeyPem), ex);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException("The public key is not an ECDSA key in PEM ('BEGIN PUBLIC KEY').", nameof(publicKeyPem), ex);
        }

        var steps = new List<CheckStep>();
        using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        var packageBytes = Read(zip, PackageName);
        if (packageBytes is null)
        {
            steps.Add(new CheckStep(PackageName, false, "the package has no datapackage.json"));
            return steps;
        }

        CheckFiles(zip, packageBytes, steps);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(packageBytes));
        CheckDigest(zip, actual, key, steps);
        return steps;
    }

    private static void CheckFiles(ZipArchive zip, byte[] packageBytes, List<CheckStep> steps)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { PackageName, DigestName };
        JsonElement resources;
        try
        {
            using var document = JsonDocument.Parse(packageBytes);
            if (!document.RootElement.TryGetProperty("resources", out resources) || resources.ValueKind != JsonValueKind.Array)
            {
                steps.Add(new CheckStep(PackageName, false, "datapackage.json lists no resources"));
                return;
            }

            resources = resources.Clone();
        }
        catch (JsonException ex)
        {
            steps.Add(new CheckStep(PackageName, false, $"datapackage.json is not JSON: {ex.Message}"));
            return;
        }

        foreach (var resource in resources.EnumerateArray())
        {
            var path = resource.TryGetProperty("path", out var p) ? p.GetString() : null;
            var want = resource.TryGetProperty("hash", out var h) ? h.GetString() : null;
            if (string.IsNullOrEmpty(path))
            {
                steps.Add(new CheckStep("resource", false, "a resource of datapackage.json has no path"));
                continue;
            }

            listed.Add(path);
            var entry = zip.GetEntry(path);
            if (entry is null)
            {
                steps.Add(new CheckStep(path, false, "listed in datapackage.json but missing from the package"));
                continue;
            }

            var (got, length) = Hash(entry);
            var sizeHolds = !resource.TryGetProperty("bytes", out var size) || (size.TryGetInt64(out var n) && n == length);
            var holds = string.Equals(got, want, StringComparison.OrdinalIgnoreCase) && sizeHolds;
            steps.Add(new CheckStep(path, holds, holds
                ? string.Create(CultureInfo.InvariantCulture, $"{length} bytes, {got}")
                : string.Create(CultureInfo.InvariantCulture, $"{length} bytes hashing to {got}; datapackage.json says {want ?? "no hash"}{(sizeHolds ? string.Empty : " and another size")}")));
        }

        foreach (var entry in zip.Entries.Where(e => !listed.Contains(e.FullName)))
        {
            steps.Add(new CheckStep(entry.FullName, false, "in the package but not listed in datapackage.json"));
        }
    }

    private static void CheckDigest(ZipArchive zip, string actual, ECDsa key, List<CheckStep> steps)
    {
        var digestBytes = Read(zip, DigestName);
        if (digestBytes is null)
        {
            steps.Add(new CheckStep(DigestName, false, "the package has no datapackage-digest.json: not signed"));
            return;
        }

        JsonElement digest;
        try
        {
            using var document = JsonDocument.Parse(digestBytes);
            digest = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            steps.Add(new CheckStep(DigestName, false, $"datapackage-digest.json is not JSON: {ex.Message}"));
            return;
        }

        var named = String(digest, "hash");
        var path = String(digest, "path");
        var digestHolds = path == PackageName && named == actual;
        steps.Add(new CheckStep("datapackage.json hash", digestHolds, digestHolds
            ? $"datapackage-digest.json names {actual}"
            : $"datapackage.json hashes to {actual}; datapackage-digest.json names {named ?? "nothing"} for {path ?? "no path"}"));

        if (digest.ValueKind != JsonValueKind.Object || !digest.TryGetProperty("signedData", out var signed) || signed.ValueKind != JsonValueKind.Object)
        {
            steps.Add(new CheckStep("signature", false, "not signed: datapackage-digest.json has no signedData"));
            return;
        }

        var signedHash = String(signed, "hash");
        var given = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var keyHolds = String(signed, "publicKey") == given;
        steps.Add(new CheckStep("public key", keyHolds, keyHolds
            ? "the package names the public key given"
            : "the package names another public key than the one given"));

        var signature = TryBase64(String(signed, "signature"));
        var signatureHolds = signedHash == actual && signature is not null && Verifies(key, signedHash, signature);
        steps.Add(new CheckStep("signature", signatureHolds, signatureHolds
            ? $"ECDSA/SHA-256 signature of {signedHash} by the key given, created {String(signed, "created") ?? "at an unstated time"} by {String(signed, "software") ?? "unstated software"}"
            : signedHash != actual
                ? $"the signed hash {signedHash ?? "(none)"} is not datapackage.json's {actual}"
                : "the signature does not verify with the key given"));
    }

    // The spec's verifiers use WebCrypto's IEEE P1363 form; a DER signature (as certificate-based signers write) is accepted too.
    private static bool Verifies(ECDsa key, string hash, byte[] signature)
    {
        var data = Encoding.UTF8.GetBytes(hash);
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
               || key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[]? TryBase64(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) ? buffer[..written] : null;
    }

    // A WARC may be large: hashed as it is read, never held whole.
    private static (string Hash, long Length) Hash(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.AppendData(buffer.AsSpan(0, read));
            length += read;
        }

        return ("sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()), length);
    }

    private static byte[]? Read(ZipArchive zip, string path)
    {
        var entry = zip.GetEntry(path);
        if (entry is null)
        {
            return null;
        }

        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
