using System.Text;
using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>What the content extractor found.</summary>
/// <param name="Text">The body text, paragraphs separated by blank lines.</param>
/// <param name="TextLength">Weighted length of the body text.</param>
/// <param name="GoodLength">Weighted length of the prose blocks in the body.</param>
/// <param name="LinkBlocksInBody">Link-list blocks inside the chosen body.</param>
/// <param name="GoodBlocksInBody">Prose blocks inside the chosen body.</param>
/// <param name="PageLinkLength">Weighted length of all link text on the page.</param>
/// <param name="PageLength">Weighted length of all text on the page.</param>
/// <param name="PageLinkBlocks">Link-list blocks on the whole page.</param>
/// <param name="PageText">When the body is short, the page's visible text (for recognising walls and error pages); otherwise empty.</param>
internal sealed record ContentResult(string Text, int TextLength, int GoodLength, int LinkBlocksInBody, int GoodBlocksInBody, int PageLinkLength, int PageLength, int PageLinkBlocks = 0, string PageText = "")
{
    /// <summary>The page's cards and prices around the body.</summary>
    public PageShape Shape { get; init; }

    /// <summary>The page's other readable prose (see <see cref="Content.OtherText"/>); empty when none.</summary>
    public string OtherText { get; init; } = "";
}

/// <summary>
/// Finds the main text of a page, in named stages: <see cref="ClassFlags"/> (what class names and tags say of each
/// node), <see cref="BlockSegmenter"/> (the page cut into text blocks), <see cref="CardFinder"/> (teasers and products
/// in repeated cards), <see cref="BlockClassifier"/> (each block judged on its own), <see cref="ArticleScope"/> and
/// <see cref="BodySelector"/> (where the article is), <see cref="BodyFilter"/> (which of its blocks to keep),
/// <see cref="BodyText"/> (the text of those), <see cref="Content.OtherText"/> (the page's other prose) and
/// <see cref="PageShape"/> (the cards around the body, for the page kind), with lengths weighed by <see cref="TextWeights"/>.
/// </summary>
internal static class ContentExtractor
{
    /// <summary>Bodies shorter than this come with the page's text, to tell walls and error pages.</summary>
    private const int ShortBody = 1500;

    /// <summary>Extracts the main text of <paramref name="dom"/>; <paramref name="titles"/> are dropped when they appear as a block.</summary>
    public static ContentResult Extract(PageDom dom, IReadOnlyList<string> titles, bool useClassRules, ExtractionTrace? trace = null)
    {
        ClassFlags.Apply(dom, useClassRules);
        var list = BlockSegmenter.Segment(dom);
        var blocks = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
        var cards = CardFinder.Find(dom, out var inCard);
        BlockClassifier.Classify(dom, blocks, inCard);

        var pageLength = 0;
        var pageLinkLength = 0;
        var pageLinkBlocks = 0;
        foreach (ref readonly var block in blocks)
        {
            pageLength += block.Length;
            pageLinkLength += block.LinkLength;
            if (block.LinkDensity > 0.5)
            {
                pageLinkBlocks++;
            }
        }

        var titleKeys = Keys(titles);
        var scope = ArticleScope.Find(dom, blocks, titleKeys);
        var chosen = BodySelector.Choose(dom, blocks, scope);
        if (chosen.IsEmpty)
        {
            return new ContentResult("", 0, 0, 0, 0, pageLinkLength, pageLength, pageLinkBlocks, PageText(blocks))
            {
                OtherText = useClassRules ? Content.OtherText.Collect(blocks, 0, [], inCard) : "",
            };
        }

        var body = blocks[chosen.First..(chosen.Last + 1)];
        var keep = BodyFilter.Decide(body, titleKeys);
        trace?.Write(ContentTrace.Describe(dom, blocks, chosen, keep));
        var goodLength = 0;
        var linkBlocks = 0;
        var goodBlocks = 0;
        foreach (ref readonly var block in body)
        {
            if (block.Class == BlockClass.Good)
            {
                goodLength += block.Length;
                goodBlocks++;
            }
            else if (block.LinkDensity > 0.5)
            {
                linkBlocks++;
            }
        }

        var (text, textLength) = BodyText.Write(body, keep);
        var bodyFrom = blocks[chosen.First].First;
        var bodyTo = blocks[chosen.Last].First + 1;
        var shape = PageShape.Measure(cards, inCard, blocks, bodyFrom, bodyTo, PageShape.Headline(blocks, bodyFrom, titleKeys)) with
        {
            ArticleHoldsBodyWithoutCards = ArticleScope.HoldsBodyWithoutCards(dom, scope, bodyFrom, cards),
        };
        return new ContentResult(text, textLength, goodLength, linkBlocks, goodBlocks, pageLinkLength, pageLength, pageLinkBlocks,
            textLength < ShortBody ? PageText(blocks) : "")
        {
            Shape = shape,

            // Without the class rules nothing tells furniture from prose: no other text is claimed.
            OtherText = useClassRules ? Content.OtherText.Collect(blocks, chosen.First, keep, inCard) : "",
        };
    }

    /// <summary>A comparison key: letters and digits only, lower case (see <see cref="TextWeights.Key"/>).</summary>
    internal static string Key(string text) => TextWeights.Key(text);

    private static List<string> Keys(IReadOnlyList<string> titles)
    {
        var keys = new List<string>(titles.Count);
        foreach (var title in titles)
        {
            var key = TextWeights.Key(title);
            if (key.Length > 0)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    private static string PageText(ReadOnlySpan<TextBlock> blocks)
    {
        var builder = new StringBuilder();
        foreach (ref readonly var block in blocks)
        {
            if (builder.Length > 20_000)
            {
                break;
            }

            builder.Append(block.Text).Append('\n');
        }

        return builder.ToString();
    }
}
