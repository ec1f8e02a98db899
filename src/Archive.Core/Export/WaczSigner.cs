using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Core.Export;

/// <summary>Where the private key that signs WACZ packages comes from (a PEM file locally, a Key Vault secret in Azure).</summary>
public interface IWaczSigningKey
{
    /// <summary>The ECDSA private key. The key source owns it: callers do not dispose it.</summary>
    ValueTask<ECDsa> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// The <c>signedData</c> of a key-signed ("anonymous") WACZ, as Webrecorder's "WACZ Signing and Verification"
/// (https://specs.webrecorder.net/wacz-auth/0.1.0/, section "Anonymous Signature") defines it.
/// </summary>
/// <param name="Hash">The signed string: <c>"sha256:" + hex SHA-256 of datapackage.json</c>, as in the digest file.</param>
/// <param name="Signature">ECDSA with SHA-256 over the UTF-8 bytes of <paramref name="Hash"/>, IEEE P1363 (r || s), base64.</param>
/// <param name="PublicKey">The signer's public key, DER SubjectPublicKeyInfo, base64.</param>
/// <param name="Created">When it was signed (ISO 8601, UTC).</param>
/// <param name="Software">What signed it.</param>
public sealed record WaczSignedData(string Hash, string Signature, string PublicKey, string Created, string Software);

/// <summary>
/// Signs a WACZ package's <c>datapackage.json</c> hash with the configured key. What is signed and how follows the spec
/// and the verifier Webrecorder's replay tools run (wabac.js <c>verifyWACZSignature</c>): the signature is WebCrypto's
/// ECDSA/SHA-256 over the UTF-8 bytes of the <c>hash</c> string, which WebCrypto encodes as IEEE P1363 r || s; the public
/// key is base64 DER SubjectPublicKeyInfo, as WebCrypto imports it with "spki". The key is P-256 by default; a P-384
/// key (which ArchiveWeb.page uses, and which ReplayWeb.page's importer expects for anonymous signatures) works the same.
/// </summary>
public sealed class WaczSigner(IWaczSigningKey key)
{
    /// <summary>Signs <paramref name="hash"/> (the <c>sha256:…</c> string of datapackage.json).</summary>
    public async Task<WaczSignedData> SignAsync(string hash, DateTimeOffset created, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(hash);
        var ecdsa = await key.GetAsync(cancellationToken).ConfigureAwait(false);
        var signature = ecdsa.SignData(Encoding.UTF8.GetBytes(hash), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new WaczSignedData(
            hash,
            Convert.ToBase64String(signature),
            Convert.ToBase64String(ecdsa.ExportSubjectPublicKeyInfo()),
            created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            WarcExporter.Software);
    }

    /// <summary>
    /// Reads an ECDSA private key (P-256 or P-384) from PEM text (<c>EC PRIVATE KEY</c> or <c>PRIVATE KEY</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The text holds no such key.</exception>
    public static ECDsa KeyFromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            var curve = ecdsa.ExportParameters(includePrivateParameters: true).Curve;
            if (curve.Oid.Value is not ("1.2.840.10045.3.1.7" or "1.3.132.0.34"))
            {
                throw new ArgumentException($"The signing key is on curve {curve.Oid.FriendlyName ?? curve.Oid.Value}; use P-256 (or P-384).", nameof(pem));
            }

            return ecdsa;
        }
        catch (CryptographicException ex)
        {
            ecdsa.Dispose();
            throw new ArgumentException("The PEM text holds no ECDSA private key (expected 'BEGIN EC PRIVATE KEY' or 'BEGIN PRIVATE KEY').", nameof(pem), ex);
        }
        catch (ArgumentException)
        {
            ecdsa.Dispose();
            throw;
        }
    }
}
