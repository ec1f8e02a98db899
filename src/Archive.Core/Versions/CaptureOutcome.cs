namespace Archive.Core.Versions;

/// <summary>How one capture attempt ended. Every attempt ends in exactly one of these, recorded and shown by the API.</summary>
public enum CaptureOutcome
{
    /// <summary>A new version was recorded.</summary>
    Captured,

    /// <summary>The page was fetched and its article had not changed.</summary>
    Unchanged,

    /// <summary>The server answered 304 to a conditional request.</summary>
    NotModified,

    /// <summary>Only noise changed (boilerplate, white space, punctuation): recorded, no new version.</summary>
    Noise,

    /// <summary>The extraction collapsed (a fragment, a wall, an error page): flagged, no new version.</summary>
    Suspect,

    /// <summary>The address (of the URL, a redirect target, or what a name resolves to) is not one we may connect to.</summary>
    BlockedAddress,

    /// <summary>The host name did not resolve.</summary>
    DnsFailure,

    /// <summary>The connection failed.</summary>
    ConnectionFailed,

    /// <summary>A time limit ran out.</summary>
    Timeout,

    /// <summary>The response was larger than allowed.</summary>
    TooLarge,

    /// <summary>More redirects than allowed, or a redirect loop.</summary>
    TooManyRedirects,

    /// <summary>The server answered 4xx.</summary>
    Http4xx,

    /// <summary>The server answered 5xx.</summary>
    Http5xx,

    /// <summary>The response is not HTML; its bytes were kept, no text extracted.</summary>
    NotHtml,

    /// <summary>The page is not an article (an index, an error page, a wall, nearly empty).</summary>
    NotAnArticle,

    /// <summary>Storage failed (refused or out of reach); the message is delivered again until its attempts run out.</summary>
    StorageFailure,

    /// <summary>The capture message kept failing and went to the poison queue: capture gave up on this request.</summary>
    GaveUp,

    /// <summary>
    /// A redirect was refused: its Location is missing, repeated, malformed or ambiguous, it points somewhere that
    /// cannot be fetched (another scheme, too long, an invalid host name), or the 3xx status is not a redirect.
    /// </summary>
    InvalidRedirect,

    /// <summary>The URL itself cannot be fetched under the fetch policy (too long for it, an invalid host name).</summary>
    InvalidUrl,

    /// <summary>The body broke off before its end (shorter than its Content-Length, or broken chunked encoding).</summary>
    TruncatedBody,

    /// <summary>
    /// The answer is not valid HTTP: an unreadable status line or header, a status HTTP does not define, a 304
    /// nobody asked for, or a corrupt gzip, deflate or br body.
    /// </summary>
    InvalidResponse,

    /// <summary>
    /// The article text had not changed (or only by noise), but the page's other readable text did: prose the
    /// extractor did not keep as the article, such as an edited paragraph it dropped. No new version; the check keeps
    /// its original bytes and the changed passage.
    /// </summary>
    ChangedOutsideText,
}

/// <summary>Codes of outcomes as the API writes them.</summary>
public static class CaptureOutcomes
{
    /// <summary>The outcome's code, such as <c>http-4xx</c> or <c>not-modified</c>.</summary>
    public static string ToCode(this CaptureOutcome outcome) => outcome switch
    {
        CaptureOutcome.Http4xx => "http-4xx",
        CaptureOutcome.Http5xx => "http-5xx",
        _ => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(outcome.ToString()),
    };

    /// <summary>Parses a code written by <see cref="ToCode"/>.</summary>
    public static CaptureOutcome? FromCode(string? code) =>
        code is null ? null : Enum.GetValues<CaptureOutcome>().Cast<CaptureOutcome?>().FirstOrDefault(o => o!.Value.ToCode() == code);

    /// <summary>True for outcomes where the page was read and is on record.</summary>
    public static bool IsSuccess(this CaptureOutcome outcome) =>
        outcome is CaptureOutcome.Captured or CaptureOutcome.Unchanged or CaptureOutcome.NotModified or CaptureOutcome.Noise or CaptureOutcome.ChangedOutsideText;
}
