using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The fourth stage: chooses the element holding the article, the one that maximises good text minus a multiple of
/// bad text below it: a subtree-sum version of Readability's candidate scoring, which needs no sibling merging because
/// a parent wins whenever the text it adds outweighs the furniture it adds.
/// </summary>
internal static class BodySelector
{
    /// <summary>Weight of bad text against good text when choosing the body.</summary>
    private const double BadWeight = 1.5;

    /// <summary>The chosen body: its element and its first and last block (-1 when there is none).</summary>
    public readonly record struct Body(int Element, int First, int Last)
    {
        public bool IsEmpty => First < 0;
    }

    /// <summary>Chooses the body among <paramref name="blocks"/>.</summary>
    public static Body Choose(PageDom dom, Span<TextBlock> blocks)
    {
        var best = ChooseElement(dom, blocks);
        var end = dom[best].End;
        var first = -1;
        var last = -1;
        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i].Owner >= best && blocks[i].Owner < end)
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }
        }

        return new Body(best, first, last);
    }

    /// <summary>The element maximising good text minus weighted bad text in its subtree.</summary>
    private static int ChooseElement(PageDom dom, Span<TextBlock> blocks)
    {
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        var scores = new double[nodes.Length];
        foreach (ref var block in blocks)
        {
            var value = block.Class switch
            {
                BlockClass.Good => block.Length - block.LinkLength,
                BlockClass.Fair => 0.5 * (block.Length - block.LinkLength),
                // Links cost in full, furniture prose (captions, bylines, comments) only in part: it sits inside bodies too.
                BlockClass.Bad => -BadWeight * (block.LinkLength + 0.3 * (block.Length - block.LinkLength)),
                _ => 0.0,
            };
            if (value == 0)
            {
                continue;
            }

            for (var e = block.Owner; e >= 0; e = nodes[e].Parent)
            {
                scores[e] += value;
            }
        }

        var best = 0;
        var bestScore = double.MinValue;
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i].Tag != Tag.Text && scores[i] >= bestScore && scores[i] != 0)
            {
                best = i;
                bestScore = scores[i];
            }
        }

        return best;
    }
}
