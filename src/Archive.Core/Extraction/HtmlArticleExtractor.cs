using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace Archive.Core.Extraction;

/// <summary>
/// Finds the article body as the block that holds the most paragraph text, and keeps its paragraphs, headings,
/// list items and quotes in reading order.
/// </summary>
public sealed class HtmlArticleExtractor : IArticleExtractor
{
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "figure", "select",
    };

    private static readonly HashSet<string> TextBlocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
    };

    /// <inheritdoc />
    public string Name => "archive-html";

    /// <inheritdoc />
    public string Version => "0.1.0";

    /// <inheritdoc />
    public ExtractionResult Extract(HtmlSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (html, encoding, encodingSource) = HtmlTextDecoder.Decode(source.Bytes.Span, source.ContentType);
        var document = new HtmlDocument { OptionMaxNestedChildNodes = 512 };
        document.LoadHtml(html);
        var metadata = MetadataReader.Read(document, source.Url);

        foreach (var node in document.DocumentNode.Descendants().Where(n => n.NodeType == HtmlNodeType.Comment || Dropped.Contains(n.Name) || IsBoilerplate(n)).ToList())
        {
            node.Remove();
        }

        var body = FindBody(document);
        var paragraphs = body is null ? [] : Collect(body);
        var text = string.Join("\n\n", paragraphs);
        var kind = text.Length < 200 ? PageKind.NearlyEmpty : PageKind.Article;
        return new ExtractionResult
        {
            Kind = kind,
            Reason = kind == PageKind.Article ? null : $"Only {text.Length} characters of text were found.",
            Text = text,
            Metadata = metadata,
            Encoding = encoding.WebName,
            EncodingSource = encodingSource,
        };
    }

    private static bool IsBoilerplate(HtmlNode node)
    {
        if (node.NodeType != HtmlNodeType.Element)
        {
            return false;
        }

        var marker = (node.GetAttributeValue("class", "") + " " + node.GetAttributeValue("id", "")).ToLowerInvariant();
        return marker.Contains("comment", StringComparison.Ordinal) || marker.Contains("share", StringComparison.Ordinal) ||
               marker.Contains("related", StringComparison.Ordinal) || marker.Contains("newsletter", StringComparison.Ordinal) ||
               marker.Contains("advert", StringComparison.Ordinal) || marker.Contains("cookie", StringComparison.Ordinal);
    }

    private static HtmlNode? FindBody(HtmlDocument document)
    {
        var articles = document.DocumentNode.SelectNodes("//article");
        if (articles is { Count: > 0 })
        {
            return articles.OrderByDescending(ParagraphLength).First();
        }

        HtmlNode? best = null;
        var bestScore = 0;
        foreach (var paragraph in document.DocumentNode.SelectNodes("//p") ?? Enumerable.Empty<HtmlNode>())
        {
            if (paragraph.ParentNode is not { } parent)
            {
                continue;
            }

            var score = ParagraphLength(parent);
            if (score > bestScore)
            {
                best = parent;
                bestScore = score;
            }
        }

        return best ?? document.DocumentNode.SelectSingleNode("//body");
    }

    private static int ParagraphLength(HtmlNode node) =>
        node.Descendants("p").Sum(p => p.InnerText.Length);

    private static List<string> Collect(HtmlNode root)
    {
        var result = new List<string>();
        foreach (var node in root.Descendants().Where(n => TextBlocks.Contains(n.Name)))
        {
            if (node.Ancestors().Any(a => TextBlocks.Contains(a.Name) && a != root && a.Name != "blockquote"))
            {
                continue;
            }

            var text = Squeeze(WebUtility.HtmlDecode(node.InnerText));
            if (text.Length > 0)
            {
                result.Add(text);
            }
        }

        return result;
    }

    private static string Squeeze(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
