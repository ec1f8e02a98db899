using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The first stage: sets the class bits of every node (furniture by tag or role, boilerplate, negative or positive
/// class words, comment sections) from the verdicts of its ancestors.
/// </summary>
internal static class ClassFlags
{
    /// <summary>The bits that make text furniture.</summary>
    public const NodeFlags FurnitureBits = NodeFlags.InBoilerplateClass | NodeFlags.InNegativeClass | NodeFlags.InFurniture;

    private const NodeFlags ClassBits = NodeFlags.InBoilerplateClass | NodeFlags.InNegativeClass | NodeFlags.InPositiveClass | NodeFlags.InFurniture | NodeFlags.InComments;

    /// <summary>A content-named element holding this part of the page's prose or more is not furniture by its wrappers.</summary>
    private const int ReleaseShare = 3;

    /// <summary>A negative class word worn by elements holding this share of the page's prose says nothing about furniture.</summary>
    private const double CommonShare = 0.7;

    /// <summary>
    /// Sets the class bits of every node from the class verdicts and furniture tags of its ancestors; with
    /// <paramref name="useClassRules"/> false, clears them all (the relaxed reading). A verdict is not honoured on an
    /// element that holds most of the page's prose: a wrapper named <c>modal-enabled</c> or <c>content-read-more</c> is
    /// not furniture if the article is inside it. Comment sections are the exception, as they can hold more prose than
    /// the article.
    /// </summary>
    public static void Apply(PageDom dom, bool useClassRules)
    {
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        if (!useClassRules)
        {
            foreach (ref var node in nodes)
            {
                node.Flags &= ~ClassBits;
            }

            return;
        }

        var prose = new int[nodes.Length];
        for (var i = nodes.Length - 1; i > 0; i--)
        {
            ref var node = ref nodes[i];
            if (node.Tag == Tag.Text && (node.Flags & NodeFlags.InLink) == 0)
            {
                prose[i] = TextWeights.CountLetters(node.Text!);
            }

            if (node.Parent >= 0)
            {
                prose[node.Parent] += prose[i];
            }
        }

        var dominant = prose[0] / 2;
        var common = CommonNegativeWords(dom, nodes, prose);
        nodes[0].Flags &= ~ClassBits;
        for (var i = 1; i < nodes.Length; i++)
        {
            ref var node = ref nodes[i];
            var bits = nodes[node.Parent].Flags & ClassBits;
            if (node.Tag != Tag.Text)
            {
                var verdict = node.Verdict;
                var honoured = prose[i] < dominant || (verdict & ClassVerdict.Comments) != 0;
                if (node.Furniture && honoured)
                {
                    bits |= NodeFlags.InFurniture;
                }

                if ((verdict & ClassVerdict.Boilerplate) != 0 && honoured)
                {
                    bits |= NodeFlags.InBoilerplateClass;
                }

                if ((verdict & ClassVerdict.Comments) != 0)
                {
                    bits |= NodeFlags.InComments | NodeFlags.InBoilerplateClass;
                }

                if (node.Tag == Tag.Blockquote && (bits & NodeFlags.InComments) == 0)
                {
                    // A quotation is content by its tag (embedded posts are block quotes), whatever its wrappers are called.
                    bits &= ~(NodeFlags.InBoilerplateClass | NodeFlags.InNegativeClass);
                }

                if ((verdict & ClassVerdict.Positive) != 0)
                {
                    bits = (bits | NodeFlags.InPositiveClass) & ~NodeFlags.InNegativeClass;

                    // An element named for content that holds a large share of the page's prose is the article, whatever
                    // its wrappers are called ("grid-toc-content-sidebar" around "article-body").
                    if (prose[i] * ReleaseShare >= prose[0] && (verdict & ClassVerdict.Boilerplate) == 0 && (bits & NodeFlags.InComments) == 0)
                    {
                        bits &= ~NodeFlags.InBoilerplateClass;
                    }
                }
                else if ((verdict & ClassVerdict.Negative) != 0 && honoured && !common[node.NegativeWord])
                {
                    bits = (bits | NodeFlags.InNegativeClass) & ~NodeFlags.InPositiveClass;
                }
            }

            node.Flags = (node.Flags & ~ClassBits) | bits;
        }
    }

    /// <summary>
    /// The negative words (<c>widget</c>, <c>meta</c>, <c>info</c>...) that elements holding a large share of the page's
    /// prose wear: page builders wrap every paragraph of an article in a "widget", so there the word names nothing.
    /// </summary>
    private static bool[] CommonNegativeWords(PageDom dom, Span<DomNode> nodes, int[] prose)
    {
        var common = new bool[dom.NegativeWords.Count];
        if (common.Length == 1)
        {
            return common;
        }

        var covered = new int[common.Length];
        for (var i = 1; i < nodes.Length; i++)
        {
            var word = nodes[i].NegativeWord;
            if (word != 0 && nodes[nodes[i].Parent].NegativeWord != word)
            {
                covered[word] += prose[i];
            }
        }

        for (var w = 1; w < common.Length; w++)
        {
            common[w] = covered[w] > 0 && covered[w] >= CommonShare * prose[0];
        }

        return common;
    }
}
