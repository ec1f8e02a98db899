using Archive.Core.Fetching;
using Archive.Core.Versions;

namespace Archive.Core.Capture;

/// <summary>The one mapping from why a fetch failed to the outcome a capture records.</summary>
public static class FetchFailureOutcomes
{
    /// <summary>The outcome recorded for a fetch that failed as <paramref name="kind"/>.</summary>
    public static CaptureOutcome ToOutcome(FetchFailureKind kind) => kind switch
    {
        // A URL or redirect the fetch policy refuses (scheme, length, address) is refused like an address.
        FetchFailureKind.BlockedAddress or FetchFailureKind.InvalidUrl or FetchFailureKind.InvalidRedirect => CaptureOutcome.BlockedAddress,
        FetchFailureKind.DnsFailure => CaptureOutcome.DnsFailure,
        FetchFailureKind.Timeout => CaptureOutcome.Timeout,
        FetchFailureKind.TooLarge => CaptureOutcome.TooLarge,
        FetchFailureKind.TooManyRedirects => CaptureOutcome.TooManyRedirects,
        _ => CaptureOutcome.ConnectionFailed,
    };
}
