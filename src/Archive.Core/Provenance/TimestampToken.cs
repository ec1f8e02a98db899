namespace Archive.Core.Provenance;

/// <summary>An RFC 3161 timestamp token over one digest, as the authority signed it.</summary>
/// <param name="Der">The token (a CMS SignedData holding the TSTInfo), DER-encoded, exactly as received.</param>
/// <param name="GeneratedAt">The time the authority put in the token.</param>
/// <param name="Authority">The authority asked.</param>
/// <param name="Certificates">The certificates the token carries (the authority's and any intermediates), DER-encoded.</param>
public sealed record TimestampToken(byte[] Der, DateTimeOffset GeneratedAt, Uri Authority, IReadOnlyList<byte[]> Certificates);

/// <summary>An RFC 3161 timestamp authority: one token for one SHA-256 digest.</summary>
public interface ITimestampAuthority
{
    /// <summary>Whether an authority is configured; without one nothing is anchored.</summary>
    bool IsConfigured { get; }

    /// <summary>Asks the authority for a token over <paramref name="sha256"/>, checking its answer (status, nonce, imprint, signature).</summary>
    /// <exception cref="TimestampAuthorityException">The authority could not be reached or gave no acceptable token.</exception>
    Task<TimestampToken> TimestampAsync(byte[] sha256, CancellationToken cancellationToken = default);
}

/// <summary>The authority could not be reached or gave no acceptable token.</summary>
public sealed class TimestampAuthorityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TimestampAuthorityException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public TimestampAuthorityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public TimestampAuthorityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
