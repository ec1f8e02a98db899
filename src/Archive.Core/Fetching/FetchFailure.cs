namespace Archive.Core.Fetching;

/// <summary>Why a fetch gave no response to keep.</summary>
public enum FetchFailureKind
{
    /// <summary>The address is not one we may connect to.</summary>
    BlockedAddress,

    /// <summary>The host name did not resolve.</summary>
    DnsFailure,

    /// <summary>The connection was refused, reset or failed otherwise.</summary>
    ConnectionFailed,

    /// <summary>A time limit ran out.</summary>
    Timeout,

    /// <summary>The response was larger than allowed.</summary>
    TooLarge,

    /// <summary>Too many redirects, or a redirect loop.</summary>
    TooManyRedirects,

    /// <summary>
    /// A redirect Archive refuses to follow: its Location is missing, repeated, malformed or ambiguous (read one way by
    /// browsers and another by URL parsers), points somewhere we cannot fetch (not http/https, too long, an invalid
    /// host name), or the status is a 3xx that is not a redirect (300, 305, 306).
    /// </summary>
    InvalidRedirect,

    /// <summary>The requested URL cannot be fetched (not http/https, no host, too long, an invalid host name).</summary>
    InvalidUrl,

    /// <summary>
    /// The body broke off: the connection ended before the length its Content-Length announced, or its chunked
    /// encoding broke (a bad chunk size, no final chunk).
    /// </summary>
    TruncatedBody,

    /// <summary>
    /// The answer is not valid HTTP: a status line or header that does not parse, a status HTTP does not define,
    /// a 304 to a request that was not conditional, or a body whose content encoding (gzip, deflate, br) is corrupt.
    /// </summary>
    InvalidResponse,
}

/// <summary>A fetch that failed before a response could be kept.</summary>
public sealed class FetchFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FetchFailedException(FetchFailureKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    /// <summary>Creates the exception.</summary>
    public FetchFailedException()
        : this(FetchFailureKind.ConnectionFailed, "The fetch failed.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public FetchFailedException(string message)
        : this(FetchFailureKind.ConnectionFailed, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public FetchFailedException(string message, Exception innerException)
        : this(FetchFailureKind.ConnectionFailed, message, innerException)
    {
    }

    /// <summary>Why the fetch failed.</summary>
    public FetchFailureKind Kind { get; }
}
