using System.Security.Cryptography;
using System.Text;
using Archive.Core.Export;

namespace Archive.Core.Tests.Export;

public sealed class WaczSignerTests
{
    private sealed class Key(ECDsa key) : IWaczSigningKey
    {
        public ValueTask<ECDsa> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(key);
    }

    [Fact]
    public async Task The_signed_data_is_what_webcrypto_verifies_p1363_over_the_utf8_hash_string_with_an_spki_key()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var hash = "sha256:" + new string('a', 64);
        var signed = await new WaczSigner(new Key(ecdsa)).SignAsync(hash, new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal((hash, "2026-12-04T10:00:00Z"), (signed.Hash, signed.Created));
        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(Convert.FromBase64String(signed.PublicKey), out _);
        var signature = Convert.FromBase64String(signed.Signature);
        Assert.Equal(64, signature.Length);
        Assert.True(verifier.VerifyData(Encoding.UTF8.GetBytes(hash), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.False(verifier.VerifyData(Encoding.UTF8.GetBytes(hash.Replace('a', 'b')), signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    [Fact]
    public void A_p256_private_key_is_read_from_pem_in_either_form()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var fromSec1 = WaczSigner.KeyFromPem(ecdsa.ExportECPrivateKeyPem());
        using var fromPkcs8 = WaczSigner.KeyFromPem(ecdsa.ExportPkcs8PrivateKeyPem());
        Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), fromSec1.ExportSubjectPublicKeyInfo());
        Assert.Equal(ecdsa.ExportSubjectPublicKeyInfo(), fromPkcs8.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_public_key_an_rsa_key_a_p521_key_or_garbage_is_refused_with_a_clear_message()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        using var p521 = ECDsa.Create(ECCurve.NamedCurves.nistP521);
        Assert.Contains("no ECDSA private key", Assert.Throws<ArgumentException>(() => WaczSigner.KeyFromPem(ecdsa.ExportSubjectPublicKeyInfoPem())).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WaczSigner.KeyFromPem(rsa.ExportPkcs8PrivateKeyPem()));
        Assert.Contains("P-256", Assert.Throws<ArgumentException>(() => WaczSigner.KeyFromPem(p521.ExportECPrivateKeyPem())).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => WaczSigner.KeyFromPem("not a key"));
    }
}
