using Archive.Core.Urls;

namespace Archive.Core.Capture;

/// <summary>
/// The article and URL a capture message names. A URL the current rules refuse but whose article id is its own was
/// accepted under earlier rules (a host-name or length check added since): its article stays on record, and the
/// capture ends in <c>invalid-url</c> with the reason instead of failing as an unreadable message and leaving the
/// article without a next step.
/// </summary>
/// <param name="Id">The article.</param>
/// <param name="Url">Its URL (canonical, or as stored when <paramref name="Refusal"/> is set).</param>
/// <param name="Refusal">Why the current rules refuse the URL; null when they accept it.</param>
public sealed record CaptureTarget(ArticleId Id, CanonicalUrl Url, string? Refusal)
{
    /// <summary>Reads the target of <paramref name="message"/>.</summary>
    /// <exception cref="InvalidCaptureMessageException">The URL is no URL, or the id is not its id.</exception>
    public static CaptureTarget Of(CaptureMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (UrlCanonicalizer.TryCanonicalize(message.Url, out var url, out var error))
        {
            return ArticleId.TryParse(message.ArticleId, out var id) && id == ArticleId.For(url)
                ? new CaptureTarget(id, url, null)
                : throw new InvalidCaptureMessageException("The message's article id does not belong to its URL.");
        }

        if (Uri.TryCreate(message.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" &&
            new CanonicalUrl(uri) is var stored && ArticleId.TryParse(message.ArticleId, out var storedId) && storedId == ArticleId.For(stored))
        {
            return new CaptureTarget(storedId, stored, $"The URL is no longer accepted: {error}");
        }

        throw new InvalidCaptureMessageException($"The message's URL is invalid: {error}");
    }
}
