using System.Globalization;
using System.Text;
using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>Describes the content extractor's decisions for an <see cref="ExtractionTrace"/>.</summary>
internal static class ContentTrace
{
    /// <summary>The body's path, then one line per block: kept (K), in the body but dropped (-) or outside it, its class, length, link density, flags and heading level.</summary>
    public static string Describe(PageDom dom, ReadOnlySpan<TextBlock> blocks, BodySelector.Body body, bool[] keep)
    {
        var builder = new StringBuilder();
        builder.Append("BODY ").AppendLine(PathOf(dom, body.Element));
        for (var i = 0; i < blocks.Length; i++)
        {
            ref readonly var block = ref blocks[i];
            var inBody = i >= body.First && i <= body.Last;
            var kept = inBody && keep[i - body.First];
            builder.Append(kept ? "K " : inBody ? "- " : "  ").Append(block.Class.ToString()[..1]).Append(' ')
                .Append(block.Length).Append(" ld=").Append(block.LinkDensity.ToString("F2", CultureInfo.InvariantCulture))
                .Append(" f=").Append((int)block.Flags).Append(" h=").Append(block.Heading).Append(" | ")
                .Append(block.Text.Length > 90 ? block.Text[..90] : block.Text).Append(" | ").AppendLine(PathOf(dom, block.Owner));
        }

        return builder.ToString();
    }

    private static string PathOf(PageDom dom, int index)
    {
        var parts = new List<string>();
        for (var e = index; e > 0 && parts.Count < 6; e = dom.Nodes[e].Parent)
        {
            var source = dom.Nodes[e].Source;
            var cls = source.GetAttributeValue("class", "");
            parts.Add(source.Name + (cls.Length > 0 ? "." + (cls.Length > 30 ? cls[..30] : cls).Replace(' ', '.') : "") + "#" + e.ToString(CultureInfo.InvariantCulture));
        }

        parts.Reverse();
        return string.Join(">", parts);
    }
}
