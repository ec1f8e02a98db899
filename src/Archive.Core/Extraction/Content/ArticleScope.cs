using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// Where the page itself says its article is: the element marked as the schema.org <c>articleBody</c>, or else the
/// <c>article</c> element holding the headline. A longer panel elsewhere (customer service, testimonials) then does not
/// take the body's place or join it.
/// </summary>
internal static class ArticleScope
{
    /// <summary>The element marking the article, or -1.</summary>
    public static int Find(PageDom dom, ReadOnlySpan<TextBlock> blocks, List<string> titleKeys)
    {
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        // The first element marked as the article body counts (one search of the page, whatever a page marks).
        foreach (var (itemprop, source) in dom.Facts.Itemprops)
        {
            if (itemprop is "articlebody")
            {
                if (IndexOf(nodes, source) is >= 0 and var marked)
                {
                    return marked;
                }

                break;
            }
        }

        var headline = PageShape.Headline(blocks, nodes.Length, titleKeys);
        for (var e = headline; e > 0; e = nodes[e].Parent)
        {
            if (nodes[e].Tag == Tag.Article)
            {
                return e;
            }
        }

        return -1;
    }

    private static int IndexOf(Span<DomNode> nodes, HtmlAgilityPack.HtmlNode source)
    {
        for (var i = 0; i < nodes.Length; i++)
        {
            if (ReferenceEquals(nodes[i].Source, source))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>True when <paramref name="scope"/> (from <see cref="Find"/>) holds the body's first node and no card.</summary>
    public static bool HoldsBodyWithoutCards(PageDom dom, int scope, int bodyFrom, List<Card> cards)
    {
        if (scope < 0 || !Within(dom, bodyFrom, scope))
        {
            return false;
        }

        foreach (var card in cards)
        {
            if (Within(dom, card.Element, scope))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Within(PageDom dom, int node, int ancestor) => node >= ancestor && node < dom.Nodes[ancestor].End;
}
