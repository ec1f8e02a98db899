using System.Text;

namespace Archive.Core.Extraction.Parsing;

/// <summary>
/// Removes the parts of a page that never hold article text (scripts, styles, SVG, templates, comments) before the
/// page is parsed, keeping the JSON-LD blocks aside for the metadata reader.
/// </summary>
/// <remarks>
/// On modern news pages more than half the bytes are scripts and inline data; HtmlAgilityPack would build nodes for
/// them only for the extractor to throw them away. A linear scan with vectorized searches is far cheaper. A raw-text
/// element that is never closed runs to the end of the page, as it does in a browser.
/// </remarks>
internal static class HtmlPreprocessor
{
    /// <summary>At most this many JSON-LD blocks are kept; a page with more is not playing fair.</summary>
    private const int MaxJsonLdBlocks = 32;

    /// <summary>At most this many characters of JSON-LD are kept per block.</summary>
    private const int MaxJsonLdLength = 1 << 20;

    private static readonly string[] RawTextElements = ["script", "style", "svg", "template", "noscript", "math", "textarea", "xmp"];

    /// <summary>Returns <paramref name="html"/> without comments and raw-text elements; JSON-LD texts are added to <paramref name="jsonLd"/>.</summary>
    public static string Strip(string html, List<string> jsonLd)
    {
        var span = html.AsSpan();
        StringBuilder? builder = null;
        var copied = 0;
        var position = 0;
        while (position < span.Length)
        {
            var lt = span[position..].IndexOf('<');
            if (lt < 0)
            {
                break;
            }

            lt += position;
            var rest = span[(lt + 1)..];
            int skipTo;
            if (rest.StartsWith("!--", StringComparison.Ordinal))
            {
                var close = rest[3..].IndexOf("-->", StringComparison.Ordinal);
                skipTo = close < 0 ? span.Length : lt + 1 + 3 + close + 3;
            }
            else if (MatchRawText(rest, out var name))
            {
                var tagEnd = rest.IndexOf('>');
                if (tagEnd < 0)
                {
                    skipTo = span.Length;
                }
                else
                {
                    var contentStart = lt + 1 + tagEnd + 1;
                    var selfClosed = tagEnd > 0 && rest[tagEnd - 1] == '/' && name == "svg";
                    var closeAt = selfClosed ? 0 : FindClose(span[contentStart..], name);
                    if (selfClosed)
                    {
                        skipTo = contentStart;
                    }
                    else if (closeAt < 0)
                    {
                        skipTo = span.Length;
                    }
                    else
                    {
                        if (name == "script" && jsonLd.Count < MaxJsonLdBlocks && closeAt <= MaxJsonLdLength &&
                            rest[..tagEnd].Contains("ld+json", StringComparison.OrdinalIgnoreCase))
                        {
                            jsonLd.Add(span.Slice(contentStart, closeAt).ToString());
                        }

                        var afterClose = contentStart + closeAt;
                        var gt = span[afterClose..].IndexOf('>');
                        skipTo = gt < 0 ? span.Length : afterClose + gt + 1;
                    }
                }
            }
            else
            {
                position = lt + 1;
                continue;
            }

            builder ??= new StringBuilder(html.Length);
            builder.Append(span[copied..lt]);
            // A space keeps words on both sides of a removed element apart.
            builder.Append(' ');
            copied = skipTo;
            position = skipTo;
        }

        if (builder is null)
        {
            return html;
        }

        builder.Append(span[copied..]);
        return builder.ToString();
    }

    private static bool MatchRawText(ReadOnlySpan<char> afterLt, out string name)
    {
        foreach (var candidate in RawTextElements)
        {
            if (afterLt.Length > candidate.Length && afterLt.StartsWith(candidate, StringComparison.OrdinalIgnoreCase))
            {
                var next = afterLt[candidate.Length];
                if (next is '>' or '/' or ' ' or '\t' or '\n' or '\r' or '\f')
                {
                    name = candidate;
                    return true;
                }
            }
        }

        name = "";
        return false;
    }

    /// <summary>Position of <c>&lt;/name</c> in <paramref name="content"/>, or -1.</summary>
    private static int FindClose(ReadOnlySpan<char> content, string name)
    {
        var offset = 0;
        while (true)
        {
            var at = content[offset..].IndexOf("</", StringComparison.Ordinal);
            if (at < 0)
            {
                return -1;
            }

            at += offset;
            var after = content[(at + 2)..];
            if (after.Length >= name.Length && after[..name.Length].Equals(name, StringComparison.OrdinalIgnoreCase) &&
                (after.Length == name.Length || !char.IsAsciiLetterOrDigit(after[name.Length])))
            {
                return at;
            }

            offset = at + 2;
        }
    }
}
