using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace Archive.Core.Extraction.Metadata;

/// <summary>Small text helpers of the metadata reader: clean values, the text of small elements, titles, addresses.</summary>
internal static class MetadataText
{
    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " : ", " · ", " • ", " « ", " » ", " / ", "｜"];

    /// <summary>The value with entities decoded and white space collapsed to single spaces.</summary>
    public static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var decoded = value.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(value) : value;
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The first meta value with <paramref name="key"/> that is not blank.</summary>
    public static string? Meta(List<KeyValuePair<string, string>> metas, string key)
    {
        foreach (var (metaKey, value) in metas)
        {
            if (metaKey == key && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The text of a small element (a title, a byline), its text nodes joined by spaces; the work is capped for hostile ones.</summary>
    public static string TextOf(HtmlNode node)
    {
        var builder = new StringBuilder();
        var stack = new Stack<HtmlNode>();
        stack.Push(node);
        var visited = 0;
        while (stack.Count > 0 && builder.Length < 2000 && visited++ < 2000)
        {
            var current = stack.Pop();
            if (current is HtmlTextNode text)
            {
                builder.Append(text.Text).Append(' ');
                continue;
            }

            if (current.Name is "script" or "style")
            {
                continue;
            }

            for (var i = current.ChildNodes.Count - 1; i >= 0; i--)
            {
                stack.Push(current.ChildNodes[i]);
            }
        }

        return Clean(builder.ToString()) ?? "";
    }

    /// <summary>
    /// The value of an element with an itemprop: its <c>datetime</c> or <c>content</c> (or, on an <c>abbr</c>, its
    /// <c>title</c>, as microformats write dates), else the text of its own <c>itemprop=name</c> (an author item
    /// holding a name, a photo and a title), else its text.
    /// </summary>
    public static string PropertyValue(HtmlNode node)
    {
        if ((node.GetAttributeValue("datetime", null) ?? node.GetAttributeValue("content", null) ??
             (node.Name == "abbr" ? node.GetAttributeValue("title", null) : null)) is { } declared)
        {
            return declared;
        }

        foreach (var inner in node.Descendants().Take(200))
        {
            if (string.Equals(inner.GetAttributeValue("itemprop", null), "name", StringComparison.OrdinalIgnoreCase))
            {
                return inner.GetAttributeValue("content", null) ?? TextOf(inner);
            }
        }

        return TextOf(node);
    }

    /// <summary>A comma- or semicolon-separated list.</summary>
    public static List<string> SplitList(string? value) =>
        value is null ? [] : [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Removes a trailing (or leading) site name from a title: "Headline | Site" becomes "Headline".</summary>
    public static string? StripSiteName(string? title, string? siteName)
    {
        if (string.IsNullOrEmpty(title))
        {
            return title;
        }

        foreach (var separator in TitleSeparators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var tail = title[(at + separator.Length)..];
            var head = title[..at];
            if (siteName is not null && SameSite(tail, siteName))
            {
                return head.Trim();
            }

            if (siteName is not null && SameSite(head, siteName) && !tail.Contains(separator, StringComparison.Ordinal))
            {
                return tail.Trim();
            }

            // Without a declared site name, a short tail after the last separator is taken for one.
            if (siteName is null && tail.Length <= 30 && head.Length >= 2 * tail.Length)
            {
                return head.Trim();
            }
        }

        return title;
    }

    /// <summary>An absolute http(s) address for <paramref name="href"/>, resolved against <paramref name="baseUrl"/>; null otherwise.</summary>
    public static string? Absolute(string? href, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        href = WebUtility.HtmlDecode(href.Trim());
        if (href.StartsWith("//", StringComparison.Ordinal))
        {
            href = (baseUrl?.Scheme ?? "https") + ":" + href;
        }

        // On Unix "/images/a.jpg" parses as an absolute file URI: only http(s) counts as absolute here.
        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute.AbsoluteUri : null;
        }

        return baseUrl is not null && Uri.TryCreate(baseUrl, href, out var resolved) ? resolved.AbsoluteUri : null;
    }

    private static bool SameSite(string part, string siteName)
    {
        var a = Content.ContentExtractor.Key(part);
        var b = Content.ContentExtractor.Key(siteName);
        return a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
    }
}
