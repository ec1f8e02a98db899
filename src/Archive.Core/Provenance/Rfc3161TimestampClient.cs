using System.Formats.Asn1;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Microsoft.Extensions.Options;

namespace Archive.Core.Provenance;

/// <summary>
/// Asks the configured RFC 3161 authority for a token: a SHA-256 request with a fresh nonce and <c>certReq</c> set (so the
/// token carries the authority's certificate), POSTed as <c>application/timestamp-query</c>. The answer is accepted only
/// when it is granted, names the same digest and nonce, and its signature checks out.
/// </summary>
public sealed class Rfc3161TimestampClient(HttpClient http, IOptions<ProvenanceOptions> options) : ITimestampAuthority
{
    private const int MaxResponseBytes = 1024 * 1024;

    /// <inheritdoc />
    public bool IsConfigured => options.Value.Authority is not null;

    /// <inheritdoc />
    public async Task<TimestampToken> TimestampAsync(byte[] sha256, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var authority = options.Value.Authority ?? throw new TimestampAuthorityException("No timestamp authority is configured.");
        var nonce = RandomNumberGenerator.GetBytes(16);
        nonce[0] &= 0x7f; // a positive INTEGER, so the authority echoes it byte for byte
        var request = Rfc3161TimestampRequest.CreateFromHash(sha256, HashAlgorithmName.SHA256, nonce: nonce, requestSignerCertificates: true);
        byte[] body;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.RequestTimeout);
            using var content = new ByteArrayContent(request.Encode());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var response = await http.PostAsync(authority, content, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new TimestampAuthorityException($"The timestamp authority answered HTTP {(int)response.StatusCode}.");
            }

            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                throw new TimestampAuthorityException("The timestamp authority's answer is too large.");
            }

            body = await response.Content.ReadAsByteArrayAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TimestampAuthorityException($"The timestamp authority could not be reached: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimestampAuthorityException("The timestamp authority did not answer in time.", ex);
        }

        return Accept(request, body, sha256, authority);
    }

    /// <summary>Checks an authority's answer to <paramref name="request"/> and keeps its token exactly as received.</summary>
    internal static TimestampToken Accept(Rfc3161TimestampRequest request, byte[] response, byte[] sha256, Uri authority)
    {
        Rfc3161TimestampToken token;
        try
        {
            token = request.ProcessResponse(response, out _);
        }
        catch (CryptographicException ex)
        {
            throw new TimestampAuthorityException($"The timestamp authority's answer was refused: {ex.Message}", ex);
        }

        if (!token.VerifySignatureForHash(sha256, HashAlgorithmName.SHA256, out _, extraCandidates: null))
        {
            throw new TimestampAuthorityException("The timestamp authority's token does not verify.");
        }

        var cms = token.AsSignedCms();
        return new TimestampToken(TokenBytes(response), token.TokenInfo.Timestamp, authority, [.. cms.Certificates.Select(c => c.RawData)]);
    }

    // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL }: the token's own bytes.
    private static byte[] TokenBytes(byte[] response)
    {
        var reader = new AsnReader(response, AsnEncodingRules.BER).ReadSequence();
        reader.ReadEncodedValue();
        return reader.ReadEncodedValue().ToArray();
    }
}
