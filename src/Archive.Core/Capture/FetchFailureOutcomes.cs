using Archive.Core.Fetching;
using Archive.Core.Versions;

namespace Archive.Core.Capture;

/// <summary>
/// How a failed fetch is recorded: the outcome each <see cref="FetchFailureKind"/> ends in, and whether trying again
/// later may succeed (transient failures are retried with backoff until the attempts run out; the others end the
/// request at once, and the re-check schedule decides whether the article is tried again).
/// </summary>
public static class FetchFailureOutcomes
{
    /// <summary>The outcome of <paramref name="kind"/> and whether it is transient.</summary>
    public static (CaptureOutcome Outcome, bool Transient) For(FetchFailureKind kind) => kind switch
    {
        FetchFailureKind.BlockedAddress => (CaptureOutcome.BlockedAddress, false),
        FetchFailureKind.InvalidUrl => (CaptureOutcome.InvalidUrl, false),
        FetchFailureKind.InvalidRedirect => (CaptureOutcome.InvalidRedirect, false),
        FetchFailureKind.TooManyRedirects => (CaptureOutcome.TooManyRedirects, false),
        FetchFailureKind.TooLarge => (CaptureOutcome.TooLarge, false),
        FetchFailureKind.InvalidResponse => (CaptureOutcome.InvalidResponse, false),

        // A name that did not resolve, a refused or reset connection, a time limit, a body cut off mid-way: each
        // may be the network or an overloaded server, and each may pass.
        FetchFailureKind.DnsFailure => (CaptureOutcome.DnsFailure, true),
        FetchFailureKind.ConnectionFailed => (CaptureOutcome.ConnectionFailed, true),
        FetchFailureKind.Timeout => (CaptureOutcome.Timeout, true),
        FetchFailureKind.TruncatedBody => (CaptureOutcome.TruncatedBody, true),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A fetch failure without an outcome."),
    };
}
