using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Archive.Core.Urls;

/// <summary>
/// SURT (Sort-friendly URI Reordering Transform): the key replay indexes (CDX, CDXJ) sort and look captures up by. The
/// rules are those of warcio.js's <c>getSurt</c>, which ReplayWeb.page and warcio's <c>CDXIndexer</c> use, so an index
/// we write is the index those tools would write for the same WARC:
/// <list type="bullet">
/// <item>only <c>http:</c> and <c>https:</c> URLs are transformed; any other (<c>urn:…</c>, <c>dns:…</c>) is its own key;</item>
/// <item>a leading <c>www</c> or <c>www</c> and digits label (<c>www2.</c>) is dropped, then the whole URL is lower-cased;</item>
/// <item>the scheme, user information and fragment are dropped; the host's labels are reversed and joined by commas
/// (an IPv4 address too: <c>127.0.0.1</c> becomes <c>1,0,0,127</c>); an international name is written in punycode;</item>
/// <item>the port is kept unless it is the scheme's default; <c>)</c> ends the host;</item>
/// <item>the path is normalized as a browser does (dot segments removed, spaces and non-ASCII percent-encoded), an
/// empty path is <c>/</c>; the query's <c>&amp;</c>-separated parameters are sorted, and an empty query (a trailing
/// <c>?</c>) is dropped.</item>
/// </list>
/// </summary>
/// <remarks>
/// Where the Python <c>surt</c> package (pywb, cdxj-indexer) differs, this follows warcio.js, the one tested against:
/// Python strips <c>www</c> after lower-casing (so <c>WWW.</c> too) and after dropping user information, where warcio.js
/// strips it only when it follows the scheme exactly as written; Python also removes session ids (<c>jsessionid</c> and
/// the like) and trailing dots, and leaves percent-escapes as they came. For the URLs Archive stores (canonical, lower-case
/// host, no user information) both give the same key.
/// </remarks>
public static partial class Surt
{
    /// <summary>The SURT key of <paramref name="url"/>; a URL that is not http(s) or cannot be parsed is returned as it is.</summary>
    public static string Of(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.StartsWith("https:", StringComparison.Ordinal) && !url.StartsWith("http:", StringComparison.Ordinal))
        {
            return url;
        }

        // warcio.js strips www before lower-casing, so only a lower-case www right after the scheme goes.
        url = LeadingWww().Replace(url, "$1");
        var lower = StripForParsing(url.ToLowerInvariant());
        if (!Split(lower, out var authority, out var path, out var query)
            || !Uri.TryCreate("http://" + authority, UriKind.Absolute, out var hostUri)
            || hostUri.IdnHost.Length == 0)
        {
            return url;
        }

        var key = new StringBuilder();
        var host = hostUri.HostNameType == UriHostNameType.IPv6 ? "[" + hostUri.IdnHost.Trim('[', ']') + "]" : hostUri.IdnHost;
        key.AppendJoin(',', host.Split('.').Reverse());
        var port = Port(authority);
        var isDefault = port is null || (lower.StartsWith("https:", StringComparison.Ordinal) ? port == 443 : port == 80);
        if (!isDefault)
        {
            key.Append(':').Append(port!.Value.ToString(CultureInfo.InvariantCulture));
        }

        key.Append(')').Append(Path(path));
        if (query.Length > 0)
        {
            var parameters = Encode(query, QueryEscapes).Split('&');
            Array.Sort(parameters, StringComparer.Ordinal);
            key.Append('?').AppendJoin('&', parameters);
        }

        return key.ToString();
    }

    // Characters a browser percent-encodes in a path and in a query of an http(s) URL (besides controls, space and non-ASCII).
    private const string PathEscapes = "\"#<>?`{}";
    private const string QueryEscapes = "\"#<>'";

    [GeneratedRegex(@"^(https?://)www\d*\.", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingWww();

    // A browser ignores tabs and line breaks anywhere in a URL, and controls and spaces around it.
    private static string StripForParsing(string url) =>
        url.Replace("\t", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal).Trim(ControlsAndSpace);

    private static readonly char[] ControlsAndSpace = [.. Enumerable.Range(0, 33).Select(c => (char)c)];

    // Scheme, then authority up to the first slash (either way round), question mark or hash; path; query; the fragment is dropped.
    private static bool Split(string url, out string authority, out string path, out string query)
    {
        authority = path = query = string.Empty;
        var rest = url[(url.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace('\\', '/');
        if (!rest.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[2..];
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            rest = rest[..hash];
        }

        var end = rest.IndexOfAny(['/', '?']);
        authority = end < 0 ? rest : rest[..end];
        rest = end < 0 ? string.Empty : rest[end..];
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        (path, query) = question < 0 ? (rest, string.Empty) : (rest[..question], rest[(question + 1)..]);

        // User information is dropped: the host is what follows the last '@'.
        var at = authority.LastIndexOf('@');
        authority = at < 0 ? authority : authority[(at + 1)..];
        return authority.Length > 0;
    }

    private static int? Port(string authority)
    {
        var colon = authority.LastIndexOf(':');
        if (colon < 0 || authority.IndexOf(']', colon) >= 0 || colon == authority.Length - 1)
        {
            return null;
        }

        return int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    // The path as a browser serializes it: dot segments resolved (also percent-encoded dots), never empty.
    private static string Path(string path)
    {
        var segments = new List<string>();
        var parts = path.Length == 0 ? [string.Empty] : path[1..].Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var segment = parts[i];
            var last = i == parts.Length - 1;
            if (segment is ".." or ".%2e" or "%2e." or "%2e%2e")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                if (last)
                {
                    segments.Add(string.Empty);
                }
            }
            else if (segment is "." or "%2e")
            {
                if (last)
                {
                    segments.Add(string.Empty);
                }
            }
            else
            {
                segments.Add(Encode(segment, PathEscapes));
            }
        }

        return "/" + string.Join('/', segments);
    }

    private static string Encode(string text, string escapes)
    {
        var encoded = new StringBuilder(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c > 0x20 && c < 0x7F && !escapes.Contains(c, StringComparison.Ordinal))
            {
                encoded.Append(c);
                continue;
            }

            var length = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
                ? Encoding.UTF8.GetBytes(text.AsSpan(i++, 2), utf8)
                : Encoding.UTF8.GetBytes(text.AsSpan(i, 1), utf8);
            foreach (var b in utf8[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
