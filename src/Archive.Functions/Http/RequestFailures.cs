using Archive.Core.Capture;
using Archive.Core.Fetching;
using Archive.Core.Verification;
using Microsoft.AspNetCore.Http;

namespace Archive.Functions.Http;

/// <summary>An HTTP answer to a failed request, before it is rendered as problem details or as an error page.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Title">The problem type's summary.</param>
/// <param name="Detail">What went wrong this time.</param>
/// <param name="Type">The problem type's URI, relative to the API.</param>
/// <param name="Errors">Per-item problems (a submission's invalid items), if any.</param>
public sealed record HttpFailure(int Status, string Title, string Detail, string Type, IReadOnlyList<SubmissionError>? Errors = null)
{
    /// <summary>True for failures that are the server's own (5xx); they are logged with their exception.</summary>
    public bool IsServerFault => Status >= 500;
}

/// <summary>
/// The one mapping from exceptions to HTTP answers, used by the worker middleware in Azure and by the local runner:
/// what the client sent wrong is a 4xx that says what (a form the server cannot read, a body that broke off or came
/// too slowly, an invalid submission), storage out of reach is a 503, and only our own faults are a 500.
/// </summary>
public static class RequestFailures
{
    /// <summary>The answer for <paramref name="exception"/>, thrown while handling a request.</summary>
    public static HttpFailure Classify(Exception exception, IStorageFailureClassifier? storage = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            // Kestrel's own refusals while the body is read carry their status: 400, 408, 413, 431.
            BadHttpRequestException bad => new HttpFailure(bad.StatusCode, TitleOf(bad.StatusCode), Printable(bad.Message), TypeOf(bad.StatusCode)),
            SubmissionRejectedException rejected => new HttpFailure(StatusCodes.Status400BadRequest, "The request is invalid.", rejected.Message, "/problems/invalid-request", rejected.Errors),
            VerifyRequestException verify => new HttpFailure(StatusCodes.Status400BadRequest, "The request is invalid.", verify.Message, "/problems/invalid-request"),

            // The form reader's refusals: too many fields, a key too long, no multipart boundary, a NUL character.
            InvalidDataException form => new HttpFailure(StatusCodes.Status400BadRequest, "The form cannot be read.", $"The form cannot be read: {Printable(form.Message)}", "/problems/invalid-form"),
            IOException io => new HttpFailure(StatusCodes.Status400BadRequest, "The body cannot be read.", $"The request body cannot be read: {Printable(io.Message)}", "/problems/invalid-body"),
            _ when storage?.IsStorageFailure(exception) == true => new HttpFailure(StatusCodes.Status503ServiceUnavailable, "Storage is unavailable.", "The archive's storage could not be reached; try again shortly.", "/problems/storage-unavailable"),
            _ => new HttpFailure(StatusCodes.Status500InternalServerError, "The server failed to answer.", "An internal error occurred; it has been logged.", "/problems/internal"),
        };
    }

    /// <summary>401: the request lacks the function key it needs.</summary>
    public static HttpFailure KeyRequired(string detail) =>
        new(StatusCodes.Status401Unauthorized, "A function key is required.", detail, "/problems/unauthorized");

    /// <summary>The answer for a request no function takes: 404 for an unknown path, 405 for a method the path does not have.</summary>
    public static HttpFailure ForStatus(int status, string? allow = null) => status switch
    {
        StatusCodes.Status404NotFound => new HttpFailure(status, "Not found.", "Nothing is served at this path.", "/problems/not-found"),
        StatusCodes.Status405MethodNotAllowed => new HttpFailure(status, "Method not allowed.", allow is { Length: > 0 } ? $"This path answers {allow} only." : "This path does not answer that method.", "/problems/method-not-allowed"),
        _ => new HttpFailure(status, TitleOf(status), $"The request was refused with status {status}.", TypeOf(status)),
    };

    private static string TitleOf(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "The request came too slowly.",
        StatusCodes.Status413PayloadTooLarge => "The body is too large.",
        StatusCodes.Status414UriTooLong => "The URL is too long.",
        StatusCodes.Status415UnsupportedMediaType => "The body's media type is not accepted.",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "The headers are too large.",
        >= 500 => "The server failed to answer.",
        _ => "The request is malformed.",
    };

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status408RequestTimeout => "/problems/request-timeout",
        StatusCodes.Status413PayloadTooLarge => "/problems/too-large",
        StatusCodes.Status414UriTooLong => "/problems/uri-too-long",
        StatusCodes.Status415UnsupportedMediaType => "/problems/unsupported-media-type",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "/problems/headers-too-large",
        >= 500 => "/problems/internal",
        _ => "/problems/invalid-request",
    };

    // Messages of parsers may quote what they received; keep them readable.
    private static string Printable(string message) => ReasonText.Printable(message, 300);
}
