using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Archive.Local;

/// <summary>
/// A test certificate authority made at run time: a self-signed root and a timestamp authority's certificate it issued
/// (ECDSA P-256, with the critical <c>id-kp-timeStamping</c> extended key usage RFC 3161 asks for). Never trusted by
/// anything but the checks it is handed to.
/// </summary>
public sealed class TestTimestampCa : IDisposable
{
    private const string TimeStampingOid = "1.3.6.1.5.5.7.3.8";

    private TestTimestampCa(X509Certificate2 root, X509Certificate2 authority)
    {
        Root = root;
        Authority = authority;
    }

    /// <summary>The root (public part only).</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The timestamp authority's certificate, with its private key.</summary>
    public X509Certificate2 Authority { get; }

    /// <summary>The root in PEM, for <c>--trust-root</c> and <c>openssl ts -verify -CAfile</c>.</summary>
    public string RootPem => Root.ExportCertificatePem();

    /// <summary>The authority's certificate in PEM, for <c>openssl ts -verify -untrusted</c>.</summary>
    public string AuthorityPem => Authority.ExportCertificatePem();

    /// <summary>Makes a root and an authority certificate valid from a year before <paramref name="now"/> to ten years after it.</summary>
    public static TestTimestampCa Create(DateTimeOffset now)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Archive Test Root CA, O=Archive (test only)", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var rootSki = new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false);
        rootRequest.CertificateExtensions.Add(rootSki);
        using var rootWithKey = rootRequest.CreateSelfSigned(now.AddYears(-1), now.AddYears(10));

        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Archive Test Timestamp Authority, O=Archive (test only)", authorityKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(TimeStampingOid)], critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(rootSki));
        var serial = RandomNumberGenerator.GetBytes(8);
        serial[0] = (byte)((serial[0] & 0x7f) | 0x01); // a positive, minimally encoded INTEGER
        using var issued = request.Create(rootWithKey, now.AddYears(-1).AddMinutes(1), now.AddYears(10).AddMinutes(-1), serial);
        var authority = issued.CopyWithPrivateKey(authorityKey);
        var root = X509CertificateLoader.LoadCertificate(rootWithKey.RawData);
        return new TestTimestampCa(root, authority);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Root.Dispose();
        Authority.Dispose();
    }
}

/// <summary>How the local authority answers.</summary>
public enum TimestampAuthorityMode
{
    /// <summary>A granted token over the digest asked for.</summary>
    Grant,

    /// <summary>HTTP 503, as an authority that is down.</summary>
    Unavailable,

    /// <summary>A granted answer whose token covers another digest (a broken or hostile authority).</summary>
    WrongDigest,
}

/// <summary>
/// An RFC 3161 timestamp authority on 127.0.0.1 for tests and the demo: it answers <c>application/timestamp-query</c>
/// POSTs with a token signed by a <see cref="TestTimestampCa"/> (a CMS SignedData over a TSTInfo, with the ESS
/// signing-certificate-v2 attribute that <c>openssl ts -verify</c> looks for), and counts the requests it gets.
/// </summary>
public sealed class LocalTimestampAuthority : IAsyncDisposable
{
    private const string TstInfoOid = "1.2.840.113549.1.9.16.1.4";
    private const string SigningCertificateV2Oid = "1.2.840.113549.1.9.16.2.47";
    private const string Sha256Oid = "2.16.840.1.101.3.4.2.1";
    private static readonly Oid Policy = new("1.3.6.1.4.1.99999.1.1");

    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private int _requests;

    private LocalTimestampAuthority(WebApplication app, TestTimestampCa ca, TimeProvider time)
    {
        _app = app;
        Ca = ca;
        _time = time;
    }

    /// <summary>The authority's URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The certificates it signs with.</summary>
    public TestTimestampCa Ca { get; }

    /// <summary>How it answers from now on.</summary>
    public TimestampAuthorityMode Mode { get; set; } = TimestampAuthorityMode.Grant;

    /// <summary>How many requests it has had.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>
    /// Settings that make the app anchor with this authority when asked (tests, the demo and the bench run the anchoring
    /// themselves): versions may be anchored as soon as they are sealed, and the anchor and catch-up timers wait for the
    /// first of the month at midnight, so they do not come round during a run.
    /// </summary>
    public IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["Provenance:TimestampAuthorityUrl"] = Url.AbsoluteUri,
        ["Provenance:SettleFor"] = "00:00:00",
        [Archive.Core.Provenance.ProvenanceOptions.ScheduleSetting] = "0 0 0 1 * *",
        [Archive.Core.Provenance.ProvenanceOptions.SweepScheduleSetting] = "0 0 0 1 * *",
    };

    /// <summary>Starts an authority on a free loopback port with a new test CA; its tokens carry times from <paramref name="time"/>.</summary>
    public static async Task<LocalTimestampAuthority> StartAsync(TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var app = builder.Build();
        var authority = new LocalTimestampAuthority(app, TestTimestampCa.Create(time.GetUtcNow()), time);
        app.Run(authority.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        authority.Url = new Uri(app.Urls.First().TrimEnd('/') + "/tsa");
        return authority;
    }

    /// <summary>Answers one encoded request with an encoded TimeStampResp, as the server does in <see cref="TimestampAuthorityMode.Grant"/>.</summary>
    public byte[] Respond(ReadOnlySpan<byte> requestBytes)
    {
        if (!Rfc3161TimestampRequest.TryDecode(requestBytes.ToArray(), out var request, out var consumed) || consumed != requestBytes.Length)
        {
            return Rejection(5, "bad request"); // badDataFormat
        }

        if (request.HashAlgorithmId.Value != Sha256Oid)
        {
            return Rejection(0, "SHA-256 only"); // badAlg
        }

        var digest = request.GetMessageHash().ToArray();
        if (Mode == TimestampAuthorityMode.WrongDigest)
        {
            digest = SHA256.HashData(digest);
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7f) | 0x01); // a positive, minimally encoded INTEGER
        var info = new Rfc3161TimestampTokenInfo(
            Policy,
            new Oid(Sha256Oid),
            digest,
            serial,
            TruncatedToSeconds(_time.GetUtcNow()),
            accuracyInMicroseconds: 1_000_000,
            nonce: request.GetNonce());
        var cms = new SignedCms(new ContentInfo(new Oid(TstInfoOid), info.Encode()), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, Ca.Authority)
        {
            DigestAlgorithm = new Oid(Sha256Oid),
            IncludeOption = request.RequestSignerCertificate ? X509IncludeOption.EndCertOnly : X509IncludeOption.None,
        };
        signer.SignedAttributes.Add(new AsnEncodedData(SigningCertificateV2Oid, SigningCertificateV2(Ca.Authority)));
        cms.ComputeSignature(signer, silent: true);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0); // granted
            }

            writer.WriteEncodedValue(cms.Encode());
        }

        return writer.Encode();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        Ca.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        if (Mode == TimestampAuthorityMode.Unavailable)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var response = Respond(body.ToArray());
        context.Response.ContentType = "application/timestamp-reply";
        await context.Response.Body.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
    }

    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with SHA-256 (the default, so
    // no algorithm), the certificate's hash and its issuer and serial.
    private static byte[] SigningCertificateV2(X509Certificate2 certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(SHA256.HashData(certificate.RawData));
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, isConstructed: true)))
                {
                    writer.WriteEncodedValue(certificate.IssuerName.RawData);
                }

                writer.WriteInteger(Convert.FromHexString(certificate.SerialNumber));
            }
        }

        return writer.Encode();
    }

    private static DateTimeOffset TruncatedToSeconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static byte[] Rejection(int failInfoBit, string text)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteInteger(2); // rejection
            using (writer.PushSequence())
            {
                writer.WriteCharacterString(UniversalTagNumber.UTF8String, text);
            }

            var bits = new byte[4];
            bits[failInfoBit / 8] = (byte)(0x80 >> (failInfoBit % 8));
            writer.WriteBitString(bits.AsSpan(0, (failInfoBit / 8) + 1), 7 - (failInfoBit % 8));
        }

        return writer.Encode();
    }
}
