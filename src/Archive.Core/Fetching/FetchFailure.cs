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

    /// <summary>A redirect pointed somewhere we cannot fetch (not http/https, malformed, too long).</summary>
    InvalidRedirect,

    /// <summary>The requested URL cannot be fetched (not http/https, no host, too long).</summary>
    InvalidUrl,
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

    /// <summary>Whether trying again later may succeed.</summary>
    public bool IsTransient => Kind is FetchFailureKind.DnsFailure or FetchFailureKind.ConnectionFailed or FetchFailureKind.Timeout;
}
