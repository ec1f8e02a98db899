using Archive.Core.Versions;

namespace Archive.Core.Capture;

/// <summary>How a capture ended.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Outcome">The outcome.</param>
/// <param name="Reason">Why, in words.</param>
/// <param name="Version">The version created or seen again, if any.</param>
public sealed record CaptureResult(string ArticleId, CaptureOutcome Outcome, string? Reason, int? Version);

/// <summary>
/// A capture failed in a way that may pass (a timeout, a 5xx, storage out of reach) and has attempts left: the queue
/// should deliver the message again. The attempt is already on record.
/// </summary>
public sealed class CaptureRetryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CaptureRetryException(CaptureOutcome outcome, string message, Exception? inner = null)
        : base(message, inner) => Outcome = outcome;

    /// <summary>Creates the exception.</summary>
    public CaptureRetryException()
        : this(CaptureOutcome.ConnectionFailed, "The capture will be retried.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public CaptureRetryException(string message)
        : this(CaptureOutcome.ConnectionFailed, message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CaptureRetryException(string message, Exception innerException)
        : this(CaptureOutcome.ConnectionFailed, message, innerException)
    {
    }

    /// <summary>How this attempt ended.</summary>
    public CaptureOutcome Outcome { get; }
}

/// <summary>A queue message that can never be processed (malformed, or its id does not match its URL).</summary>
public sealed class InvalidCaptureMessageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidCaptureMessageException()
        : base("The capture message is invalid.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidCaptureMessageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InvalidCaptureMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
