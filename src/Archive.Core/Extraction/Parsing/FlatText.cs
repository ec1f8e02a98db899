using System.Net;
using System.Text;

namespace Archive.Core.Extraction.Parsing;

/// <summary>Reads the text of markup too broken to parse: tags are dropped, block tags break paragraphs.</summary>
internal static class FlatText
{
    private const int MaxChars = 1 << 20;

    private static readonly HashSet<string> Breaks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "td", "section", "article", "table", "ul", "ol",
    };

    public static string Read(string html)
    {
        var paragraphs = new List<string>();
        var builder = new StringBuilder();
        var span = html.AsSpan();
        var position = 0;
        var total = 0;

        void Flush()
        {
            var text = string.Join(' ', WebUtility.HtmlDecode(builder.ToString()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            builder.Clear();
            if (text.Length > 0 && total < MaxChars)
            {
                paragraphs.Add(text);
                total += text.Length;
            }
        }

        while (position < span.Length && total < MaxChars)
        {
            var lt = span[position..].IndexOf('<');
            if (lt < 0)
            {
                builder.Append(span[position..]);
                break;
            }

            builder.Append(span.Slice(position, lt));
            position += lt;
            var gt = span[position..].IndexOf('>');
            if (gt < 0)
            {
                break;
            }

            var tag = span.Slice(position + 1, gt - 1).TrimStart('/');
            var nameLength = 0;
            while (nameLength < tag.Length && char.IsAsciiLetterOrDigit(tag[nameLength]))
            {
                nameLength++;
            }

            if (Breaks.Contains(tag[..nameLength].ToString()))
            {
                Flush();
            }
            else
            {
                builder.Append(' ');
            }

            position += gt + 1;
            if (builder.Length > MaxChars)
            {
                Flush();
            }
        }

        Flush();
        return string.Join("\n\n", paragraphs);
    }
}
