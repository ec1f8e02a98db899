using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Archive.Core.Urls;

/// <summary>
/// Brings a submitted URL to the one form an article is known by, so that the same article submitted with a
/// different host case, a fragment, a default port or tracking parameters maps to the same id.
/// </summary>
public static class UrlCanonicalizer
{
    /// <summary>The longest URL accepted, in characters, as submitted and in its canonical form.</summary>
    public const int MaxLength = 2048;

    // Parameters that only say where a click came from; they never select different content.
    private static readonly string[] TrackingPrefixes = ["utm_"];
    private static readonly HashSet<string> TrackingNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "__s",
    };

    /// <summary>Canonicalizes <paramref name="input"/> or says why it cannot be archived.</summary>
    public static bool TryCanonicalize(string? input, [NotNullWhen(true)] out CanonicalUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "The URL is empty.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            error = $"The URL is longer than {MaxLength} characters.";
            return false;
        }

        // On Unix a path such as /news/story parses as a file URI; it is a URL without its scheme and host.
        if (text[0] is '/' or '\\' || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            error = "The URL is not a valid absolute URL; give the whole address, starting with https:// or http://.";
            return false;
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"Only http and https URLs can be archived, not '{uri.Scheme}'.";
            return false;
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            error = "The URL has no host.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            error = "The URL carries credentials (user:password@); submit it without them.";
            return false;
        }

        if (uri.HostNameType is UriHostNameType.Dns or UriHostNameType.Basic && HostNames.Check(uri.IdnHost) is { } hostError)
        {
            error = hostError;
            return false;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(uri.Scheme).Append("://");
        var host = uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost.ToLowerInvariant() : uri.Host.ToLowerInvariant();
        builder.Append(host.TrimEnd('.'));
        if (!uri.IsDefaultPort)
        {
            builder.Append(':').Append(uri.Port);
        }

        builder.Append(string.IsNullOrEmpty(uri.AbsolutePath) ? "/" : uri.AbsolutePath);
        var query = CleanQuery(uri.Query);
        if (query.Length > 0)
        {
            builder.Append('?').Append(query);
        }

        // The canonical form is what is stored, queued and fetched: non-ASCII characters grow to %XX%XX, so a short
        // submitted URL can become a long one. Its length is what counts.
        if (builder.Length > MaxLength)
        {
            error = $"The URL is {builder.Length} characters long once canonicalized (non-ASCII characters are percent-encoded); at most {MaxLength} are allowed.";
            return false;
        }

        url = new CanonicalUrl(new Uri(builder.ToString(), UriKind.Absolute));
        error = null;
        return true;
    }

    /// <summary>Canonicalizes a URL that must be valid.</summary>
    public static CanonicalUrl Canonicalize(string input) =>
        TryCanonicalize(input, out var url, out var error) ? url : throw new ArgumentException(error, nameof(input));

    private static string CleanQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var kept = new List<string>();
        foreach (var pair in query[1..].Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            if (IsTracking(name))
            {
                continue;
            }

            kept.Add(pair);
        }

        return string.Join('&', kept);
    }

    private static bool IsTracking(string name)
    {
        if (TrackingNames.Contains(name))
        {
            return true;
        }

        foreach (var prefix in TrackingPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
