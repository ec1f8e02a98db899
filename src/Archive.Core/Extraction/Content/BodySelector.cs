using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The fourth stage: chooses where the article is. Every block is worth its prose when it is good and costs its links
/// and part of its text when it is bad; the body is the run of consecutive children of one element with the greatest
/// worth (a subtree-sum version of Readability's candidate scoring, generalised to runs of siblings so that paragraphs
/// followed by a comment section in the same parent, or sections that are siblings, are found whole). Furniture
/// between two parts of the article costs less than furniture at its edges, so an advertisement or a box of links
/// does not cut an article in two.
/// </summary>
internal static class BodySelector
{
    /// <summary>Weight of bad text against good text when choosing the body.</summary>
    private const double BadWeight = 1.5;

    /// <summary>Weight of furniture between two parts of a body against furniture at its edges.</summary>
    private const double GapWeight = 0.5;

    /// <summary>The part of the page marked as the article wins when it holds this share of the best run's worth...</summary>
    private const double ScopeShare = 0.3;

    /// <summary>... or at least this much worth (a few paragraphs).</summary>
    private const double ScopeFloor = 600;

    /// <summary>Weight of prose hidden by its style (collapsed until a reader opens it).</summary>
    private const double HiddenWeight = 0.5;

    /// <summary>The chosen body: its element and its first and last block (-1 when there is none).</summary>
    public readonly record struct Body(int Element, int First, int Last)
    {
        public bool IsEmpty => First < 0;
    }

    /// <summary>
    /// Chooses the body among <paramref name="blocks"/>. When the page marks where its article is (<paramref name="scope"/>,
    /// an element or -1), the best run inside it is taken unless it holds far less than the best run of the page.
    /// </summary>
    public static Body Choose(PageDom dom, Span<TextBlock> blocks, int scope = -1)
    {
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        var scores = new double[nodes.Length];
        foreach (ref var block in blocks)
        {
            var value = Value(block);
            if (value == 0)
            {
                continue;
            }

            // From the block's first text node up: every element sees the value under the child that holds the block.
            for (var e = block.First; e >= 0; e = nodes[e].Parent)
            {
                scores[e] += value;
            }
        }

        var best = BestRun(nodes, scores, 0, nodes.Length);
        if (scope > 0 && BestRun(nodes, scores, scope, nodes[scope].End) is var scoped && scoped.Score >= Math.Min(ScopeShare * best.Score, ScopeFloor))
        {
            best = scoped;
        }

        if (best.Score <= 0)
        {
            return new Body(0, -1, -1);
        }

        var first = -1;
        var last = -1;
        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i].First >= best.From && blocks[i].First < best.To)
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }
        }

        return new Body(best.Element, first, last);
    }

    private readonly record struct Run(int Element, int From, int To, double Score);

    /// <summary>
    /// The run of consecutive children of one element (among the elements in [<paramref name="from"/>, <paramref name="to"/>))
    /// with the greatest sum: Kadane's algorithm on each element's children, with furniture between two parts weighed less.
    /// </summary>
    private static Run BestRun(Span<DomNode> nodes, double[] scores, int from, int to)
    {
        var best = new Run(0, 0, 0, double.MinValue);
        for (var n = from; n < to; n++)
        {
            if (nodes[n].Tag == Tag.Text || nodes[n].End <= n + 1)
            {
                continue;
            }

            var sum = 0.0;
            var start = n + 1;
            for (var c = n + 1; c < nodes[n].End; c = nodes[c].End)
            {
                var value = scores[c];
                if (value <= 0)
                {
                    // Furniture between two parts of the article (an advertisement, a box of links) costs less than
                    // furniture at its edges: the run bridges it when the text on both sides outweighs it.
                    sum += GapWeight * value;
                    continue;
                }

                if (sum <= 0)
                {
                    sum = 0;
                    start = c;
                }

                sum += value;
                if (sum > best.Score || (sum == best.Score && c - start < best.To - best.From))
                {
                    best = new Run(n, start, nodes[c].End, sum);
                }
            }
        }

        return best;
    }

    private static double Value(in TextBlock block)
    {
        var value = block.Class switch
        {
            BlockClass.Good => block.Length - block.LinkLength,
            BlockClass.Fair => 0.5 * (block.Length - block.LinkLength),
            // Links cost in full, furniture prose (captions, bylines, comments) only in part: it sits inside bodies too.
            BlockClass.Bad => -BadWeight * (block.LinkLength + 0.3 * (block.Length - block.LinkLength)),
            _ => 0.0,
        };

        // Text a reader must unfold (collapsed sections, tabs) belongs to the article around it but does not make one.
        return value > 0 && (block.Flags & NodeFlags.InHiddenStyle) != 0 ? HiddenWeight * value : value;
    }
}
