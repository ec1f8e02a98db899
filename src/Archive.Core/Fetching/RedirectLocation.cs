using System.Globalization;
using System.Text;

namespace Archive.Core.Fetching;

/// <summary>
/// Reads where a redirect points, strictly. A <c>Location</c> that URL parsers and browsers would read differently
/// is refused rather than guessed at: a backslash (browsers read it as a slash), an authority with no host
/// (<c>http:///host/</c>, <c>///host/</c>), user information (<c>host\@other</c>, <c>user@host</c>), a percent-encoded
/// host (<c>%31%32%37.0.0.1</c>), control characters, or more than one Location. Relative references are resolved
/// against the URL that answered (RFC 3986); spaces and bytes outside ASCII in the path are percent-encoded as
/// browsers do. The result still goes through <see cref="FetchGuard.CheckUrl"/> before it is followed.
/// </summary>
public static class RedirectLocation
{
    /// <summary>The redirect statuses that are followed.</summary>
    public static bool IsFollowed(int status) => status is 301 or 302 or 303 or 307 or 308;

    /// <summary>
    /// Resolves the <c>Location</c> values of a redirect from <paramref name="current"/>, or says why the redirect is
    /// refused (in words that quote the Location printably).
    /// </summary>
    public static bool TryResolve(Uri current, IReadOnlyList<string> values, out Uri? target, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(values);
        target = null;
        if (values.Count == 0 || values.All(string.IsNullOrWhiteSpace))
        {
            problem = "The redirect has no Location.";
            return false;
        }

        if (values.Count > 1)
        {
            problem = $"The redirect has {values.Count} Location headers; which one is meant is ambiguous.";
            return false;
        }

        var raw = values[0].Trim(' ', '\t');
        var shown = ReasonText.Printable(raw);
        if (Refusal(Utf8(raw)) is { } why)
        {
            problem = $"The redirect's Location '{shown}' {why}";
            return false;
        }

        var text = Utf8(raw);
        var pathStart = PathStart(text);
        var reference = string.Concat(text.AsSpan(0, pathStart), EncodeForUri(text[pathStart..]));
        if (!Uri.TryCreate(current, reference, out var resolved) || !resolved.IsAbsoluteUri)
        {
            problem = $"The redirect's Location '{shown}' is not a valid URL.";
            return false;
        }

        target = resolved;
        problem = null;
        return true;
    }

    /// <summary>Why <paramref name="location"/> is refused, or null.</summary>
    private static string? Refusal(string location)
    {
        foreach (var c in location)
        {
            if (char.IsControl(c))
            {
                return "holds control characters.";
            }
        }

        if (location.Contains('\\', StringComparison.Ordinal))
        {
            return "holds a backslash, which browsers read as a slash and URL parsers do not; the target is ambiguous.";
        }

        var scheme = SchemeLength(location);
        var rest = scheme > 0 ? location[(scheme + 1)..] : location;
        var isWeb = scheme > 0 && (location[..scheme].Equals("http", StringComparison.OrdinalIgnoreCase) || location[..scheme].Equals("https", StringComparison.OrdinalIgnoreCase));
        if (isWeb && !rest.StartsWith("//", StringComparison.Ordinal))
        {
            return "names no host (an http URL without '//'); browsers and URL parsers read it differently.";
        }

        if (scheme > 0 && !isWeb)
        {
            // Another scheme (javascript:, data:, file:): the guard names it when it refuses it.
            return null;
        }

        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return null;
        }

        var authorityEnd = rest.IndexOfAny(['/', '?', '#'], 2);
        var authority = authorityEnd < 0 ? rest[2..] : rest[2..authorityEnd];
        if (authority.Length == 0)
        {
            return "has an empty host ('///'); browsers skip the extra slash and URL parsers do not, so the target is ambiguous.";
        }

        if (authority.Contains('@', StringComparison.Ordinal))
        {
            return "carries user information before an '@', which hides the real host.";
        }

        if (authority.Contains('%', StringComparison.Ordinal))
        {
            return "has a percent-encoded host, which clients decode differently.";
        }

        return null;
    }

    // Where the path begins: after "scheme:" and after "//authority" when there is one.
    private static int PathStart(string location)
    {
        var scheme = SchemeLength(location);
        var start = scheme > 0 ? scheme + 1 : 0;
        if (location.AsSpan(start).StartsWith("//"))
        {
            var end = location.IndexOfAny(['/', '?', '#'], start + 2);
            return end < 0 ? location.Length : end;
        }

        return start;
    }

    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" (RFC 3986); 0 when the reference has none.
    private static int SchemeLength(string location)
    {
        var colon = location.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(location[0]))
        {
            return 0;
        }

        for (var i = 1; i < colon; i++)
        {
            var c = location[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('+' or '-' or '.'))
            {
                return 0;
            }
        }

        return colon;
    }

    // Header values arrive as Latin-1, one char per byte; a server sending UTF-8 means the UTF-8 characters.
    private static string Utf8(string latin1)
    {
        if (Ascii.IsValid(latin1) || latin1.Any(c => c > 0xFF))
        {
            return latin1;
        }

        var bytes = Encoding.Latin1.GetBytes(latin1);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : latin1;
    }

    // In the path, query and fragment, spaces and non-ASCII characters are percent-encoded (UTF-8) as browsers do;
    // everything else is left as written.
    private static string EncodeForUri(string location)
    {
        if (Ascii.IsValid(location) && !location.Contains(' ', StringComparison.Ordinal))
        {
            return location;
        }

        var builder = new StringBuilder(location.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < location.Length; i++)
        {
            var c = location[i];
            if (c is > ' ' and <= '~')
            {
                builder.Append(c);
                continue;
            }

            var rune = Rune.TryGetRuneAt(location, i, out var r) ? r : Rune.ReplacementChar;
            var length = rune.EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++)
            {
                builder.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
            }

            i += rune.Utf16SequenceLength - 1;
        }

        return builder.ToString();
    }
}
