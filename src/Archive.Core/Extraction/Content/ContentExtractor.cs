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
internal sealed record ContentResult(string Text, int TextLength, int GoodLength, int LinkBlocksInBody, int GoodBlocksInBody, int PageLinkLength, int PageLength, int PageLinkBlocks = 0, string PageText = "");

/// <summary>
/// Finds the main text of a page.
/// </summary>
/// <remarks>
/// <para>The page is cut into blocks (runs of text between block-level boundaries). Each block is judged on its own, as
/// jusText does: prose with few links is good, link lists and furniture (by tag, ARIA role, class words or wording) are
/// bad, short text is neutral.</para>
/// <para>The body is the element that maximises good text minus a multiple of bad text below it: a subtree-sum version
/// of Readability's candidate scoring, which needs no sibling merging because a parent wins whenever the text it adds
/// outweighs the furniture it adds.</para>
/// <para>Inside the body, bad blocks are dropped and neutral ones are kept or dropped by their neighbours: headings and
/// short lines between paragraphs stay, trailing bylines and credits go.</para>
/// </remarks>
internal static class ContentExtractor
{
    /// <summary>Weight of bad text against good text when choosing the body.</summary>
    private const double BadWeight = 1.5;

    private const int GoodLength = 80;

    private const int FairLength = 30;

    /// <summary>Extracts the main text of <paramref name="dom"/>; <paramref name="titles"/> are dropped when they appear as a block.</summary>
    public static ContentResult Extract(PageDom dom, IReadOnlyList<string> titles, bool useClassRules)
    {
        ApplyClassRules(dom, useClassRules);
        var blocks = Segment(dom);
        var pageLength = 0;
        var pageLinkLength = 0;
        var normalizedTitles = new List<string>(titles.Count);
        foreach (var title in titles)
        {
            var key = Key(title);
            if (key.Length > 0)
            {
                normalizedTitles.Add(key);
            }
        }

        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(blocks);
        var pageLinkBlocks = 0;
        foreach (ref var block in span)
        {
            block.Class = Classify(block);
            pageLength += block.Length;
            pageLinkLength += block.LinkLength;
            if (block.LinkDensity > 0.5)
            {
                pageLinkBlocks++;
            }
        }

        MarkSectionsAfterBoilerplateHeadings(dom, span);
        var best = ChooseBody(dom, span);
        var bodyEnd = dom[best].End;
        var first = -1;
        var last = -1;
        for (var i = 0; i < span.Length; i++)
        {
            if (span[i].Owner >= best && span[i].Owner < bodyEnd)
            {
                if (first < 0)
                {
                    first = i;
                }

                last = i;
            }
        }

        if (first < 0)
        {
            return new ContentResult("", 0, 0, 0, 0, pageLinkLength, pageLength, pageLinkBlocks, PageText(span));
        }

        var body = span[first..(last + 1)];
        var keep = Decide(body, normalizedTitles);
        Trace?.Invoke(Describe(dom, span, best, first, keep));
        var builder = new StringBuilder();
        var textLength = 0;
        var goodLength = 0;
        var linkBlocks = 0;
        var goodBlocks = 0;
        for (var i = 0; i < body.Length; i++)
        {
            ref var block = ref body[i];
            if (block.Class == BlockClass.Good)
            {
                goodLength += block.Length;
                goodBlocks++;
            }
            else if (block.LinkDensity > 0.5)
            {
                linkBlocks++;
            }

            if (!keep[i])
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }

            builder.Append(block.Text);
            textLength += block.Length;
        }

        return new ContentResult(builder.ToString(), textLength, goodLength, linkBlocks, goodBlocks, pageLinkLength, pageLength, pageLinkBlocks,
            textLength < ShortBody ? PageText(span) : "");
    }

    private const NodeFlags FurnitureBits = NodeFlags.InBoilerplateClass | NodeFlags.InNegativeClass | NodeFlags.InFurniture;

    private const NodeFlags ClassBits = NodeFlags.InBoilerplateClass | NodeFlags.InNegativeClass | NodeFlags.InPositiveClass | NodeFlags.InFurniture | NodeFlags.InComments;

    /// <summary>
    /// Sets the class bits of every node from the class verdicts and furniture tags of its ancestors. A verdict is not
    /// honoured on an element that holds most of the page's prose: a wrapper named <c>modal-enabled</c> or
    /// <c>content-read-more</c> is not furniture if the article is inside it. Comment sections are the exception, as they
    /// can hold more prose than the article.
    /// </summary>
    private static void ApplyClassRules(PageDom dom, bool useClassRules)
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
                prose[i] = CountLetters(node.Text!);
            }

            if (node.Parent >= 0)
            {
                prose[node.Parent] += prose[i];
            }
        }

        var dominant = prose[0] / 2;
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
                }
                else if ((verdict & ClassVerdict.Negative) != 0 && honoured)
                {
                    bits = (bits | NodeFlags.InNegativeClass) & ~NodeFlags.InPositiveClass;
                }
            }

            node.Flags = (node.Flags & ~ClassBits) | bits;
        }
    }

    private static int CountLetters(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Bodies shorter than this come with the page's text, to tell walls and error pages.</summary>
    private const int ShortBody = 1500;

    private static string PageText(Span<TextBlock> blocks)
    {
        var builder = new StringBuilder();
        foreach (ref var block in blocks)
        {
            if (builder.Length > 20_000)
            {
                break;
            }

            builder.Append(block.Text).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>Receives a description of every decision, for the benchmark's explain mode; null in production.</summary>
    internal static Action<string>? Trace { get; set; }

    private static string Describe(PageDom dom, Span<TextBlock> blocks, int best, int first, bool[] keep)
    {
        var builder = new StringBuilder();
        builder.Append("BODY ").AppendLine(PathOf(dom, best));
        for (var i = 0; i < blocks.Length; i++)
        {
            ref var block = ref blocks[i];
            var inBody = i >= first && i < first + keep.Length;
            var kept = inBody && keep[i - first];
            builder.Append(kept ? "K " : inBody ? "- " : "  ").Append(block.Class.ToString()[..1]).Append(' ')
                .Append(block.Length).Append(" ld=").Append(block.LinkDensity.ToString("F2", System.Globalization.CultureInfo.InvariantCulture))
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
            parts.Add(source.Name + (cls.Length > 0 ? "." + (cls.Length > 30 ? cls[..30] : cls).Replace(' ', '.') : "") + "#" + e);
        }

        parts.Reverse();
        return string.Join(">", parts);
    }

    /// <summary>Cuts the page into blocks in document order.</summary>
    private static List<TextBlock> Segment(PageDom dom)
    {
        var blocks = new List<TextBlock>(256);
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        var open = new List<int>(64);
        var blockOwners = new List<int>(32) { 0 };
        var builder = new StringBuilder(256);
        var pendingSpace = false;
        var first = -1;
        var linkChars = 0;
        var furnitureChars = 0;
        var textChars = 0;
        var flags = NodeFlags.None;
        var allFlags = (NodeFlags)ushort.MaxValue;

        void Flush(int owner)
        {
            if (builder.Length > 0)
            {
                var text = builder.ToString();
                var length = WeightedLength(text);
                if (length > 0)
                {
                    var heading = HeadingOf(dom.Nodes, owner);

                    // A block is furniture when most of its text is: one share link inside a paragraph does not make it so.
                    if (furnitureChars * 2 <= textChars)
                    {
                        flags &= ~FurnitureBits;
                    }
                    blocks.Add(new TextBlock
                    {
                        Owner = owner, OwnerTag = dom.Nodes[owner].Tag, First = first, Text = text, Length = length, LinkLength = Math.Min(linkChars, length),
                        Flags = flags, AllFlags = allFlags, Heading = heading,
                    });
                }
            }

            builder.Clear();
            pendingSpace = false;
            first = -1;
            linkChars = 0;
            furnitureChars = 0;
            textChars = 0;
            flags = NodeFlags.None;
            allFlags = (NodeFlags)ushort.MaxValue;
        }

        for (var i = 1; i < nodes.Length; i++)
        {
            while (open.Count > 0 && nodes[open[^1]].End <= i)
            {
                var closed = open[^1];
                open.RemoveAt(open.Count - 1);
                if (Tags.IsBlock(nodes[closed].Tag))
                {
                    Flush(closed);
                    blockOwners.RemoveAt(blockOwners.Count - 1);
                }
            }

            ref var node = ref nodes[i];
            switch (node.Tag)
            {
                case Tag.Text:
                    var before = builder.Length;
                    AppendCollapsed(builder, node.Text!, ref pendingSpace);
                    if (builder.Length > before)
                    {
                        if (first < 0)
                        {
                            first = i;
                        }

                        flags |= node.Flags;
                        allFlags &= node.Flags;
                        var added = builder.Length - before;
                        textChars += added;
                        if ((node.Flags & FurnitureBits) != 0)
                        {
                            furnitureChars += added;
                        }

                        if ((node.Flags & NodeFlags.InLink) != 0)
                        {
                            linkChars += WeightedLength(builder, before);
                        }
                    }

                    break;
                case Tag.Br:
                    // One break inside a paragraph is a line; the block goes on.
                    if (builder.Length > 0)
                    {
                        pendingSpace = true;
                    }

                    if (IsDoubleBreak(nodes, i))
                    {
                        Flush(blockOwners[^1]);
                    }

                    break;
                case Tag.Hr:
                case Tag.Img:
                    if (node.Tag == Tag.Hr)
                    {
                        Flush(blockOwners[^1]);
                    }

                    break;
                default:
                    if (node.End > i + 1)
                    {
                        open.Add(i);
                        if (Tags.IsBlock(node.Tag))
                        {
                            Flush(blockOwners[^1]);
                            blockOwners.Add(i);
                        }
                    }

                    break;
            }
        }

        while (open.Count > 0)
        {
            var closed = open[^1];
            open.RemoveAt(open.Count - 1);
            if (Tags.IsBlock(nodes[closed].Tag))
            {
                Flush(closed);
                blockOwners.RemoveAt(blockOwners.Count - 1);
            }
        }

        Flush(0);
        return blocks;
    }

    /// <summary>The heading level of the owner, or of a heading around it with no other block between.</summary>
    private static int HeadingOf(List<DomNode> nodes, int owner)
    {
        for (var e = owner; e > 0; e = nodes[e].Parent)
        {
            var level = Tags.HeadingLevel(nodes[e].Tag);
            if (level > 0)
            {
                return level;
            }

            if (Tags.IsBlock(nodes[e].Tag) && e != owner)
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>True when the br at <paramref name="index"/> is followed by another br with only white space between.</summary>
    private static bool IsDoubleBreak(Span<DomNode> nodes, int index)
    {
        for (var j = index + 1; j < nodes.Length && j < index + 4; j++)
        {
            if (nodes[j].Tag == Tag.Br)
            {
                return true;
            }

            if (nodes[j].Tag != Tag.Text || !string.IsNullOrWhiteSpace(nodes[j].Text))
            {
                return false;
            }
        }

        return false;
    }

    private static BlockClass Classify(in TextBlock block)
    {
        if ((block.Flags & (NodeFlags.InFurniture | NodeFlags.InBoilerplateClass | NodeFlags.InNegativeClass)) != 0)
        {
            return BlockClass.Bad;
        }

        var density = block.LinkDensity;

        // A paragraph element with plenty of plain text is prose even when it carries many links (inline cards, citations).
        var prose = block.OwnerTag == Tag.P && block.Length - block.LinkLength >= 150;
        if (!prose && (density > 0.5 || (block.Length < FairLength && density > 0.2)))
        {
            return BlockClass.Bad;
        }

        if (BoilerplateText.IsBoilerplate(block.Text))
        {
            return BlockClass.Bad;
        }

        if (block.Heading > 0)
        {
            return BlockClass.Neutral;
        }

        if (prose || (block.Length >= GoodLength && density <= 0.3))
        {
            return BlockClass.Good;
        }

        if (block.Length >= FairLength && density <= 0.2 && BoilerplateText.EndsLikeSentence(block.Text))
        {
            return BlockClass.Fair;
        }

        return BlockClass.Neutral;
    }

    /// <summary>
    /// A heading such as "Related stories" or "Comments" opens a section of furniture: the blocks after it, up to the end
    /// of the heading's parent element, are bad.
    /// </summary>
    private static void MarkSectionsAfterBoilerplateHeadings(PageDom dom, Span<TextBlock> blocks)
    {
        for (var i = 0; i < blocks.Length; i++)
        {
            ref var block = ref blocks[i];
            if (block.Heading == 0 || block.LinkDensity > 0.5 || !BoilerplateText.IsSectionHeading(block.Text))
            {
                continue;
            }

            var heading = block.Owner;
            while (heading > 0 && Tags.HeadingLevel(dom.Nodes[heading].Tag) == 0)
            {
                heading = dom.Nodes[heading].Parent;
            }

            heading = heading > 0 ? heading : block.Owner;
            var parent = dom.Nodes[heading].Parent;
            if (parent < 0)
            {
                continue;
            }

            var end = dom.Nodes[parent].End;

            // Inside an article body (prose before the heading in the same parent) the section ends at the next heading.
            var inBody = false;
            for (var j = i - 1; j >= 0 && blocks[j].First > parent && !inBody; j--)
            {
                inBody = blocks[j].Class == BlockClass.Good;
            }

            block.Class = BlockClass.Bad;
            for (var j = i + 1; j < blocks.Length && blocks[j].First < end && !(inBody && blocks[j].Heading > 0); j++)
            {
                blocks[j].Class = BlockClass.Bad;
            }
        }
    }

    /// <summary>The element maximising good text minus weighted bad text in its subtree.</summary>
    private static int ChooseBody(PageDom dom, Span<TextBlock> blocks)
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

    /// <summary>Which blocks of the body to keep.</summary>
    private static bool[] Decide(Span<TextBlock> body, List<string> titles)
    {
        var keep = new bool[body.Length];
        var decided = new BlockClass[body.Length];
        var seenProse = false;
        for (var i = 0; i < body.Length; i++)
        {
            decided[i] = body[i].Class == BlockClass.Fair ? BlockClass.Good : body[i].Class;

            // The headline is metadata, not body: an h1 before the prose, or any block repeating the title. Later h1s
            // are subheadings on pages that use h1 for every heading.
            if ((body[i].Heading == 1 && !seenProse) || (body[i].Length < 400 && IsTitle(Key(body[i].Text), titles)))
            {
                decided[i] = BlockClass.Bad;
            }

            seenProse |= body[i].Class == BlockClass.Good;
        }

        for (var i = 0; i < body.Length; i++)
        {
            switch (decided[i])
            {
                case BlockClass.Good:
                    keep[i] = true;
                    break;
                case BlockClass.Neutral:
                    var previous = Neighbour(decided, i, -1);
                    var next = Neighbour(decided, i, 1);
                    if (body[i].Heading > 0 || IsShortEmphasis(body[i]))
                    {
                        keep[i] = next == BlockClass.Good;
                    }
                    else
                    {
                        keep[i] = (previous == BlockClass.Good && next == BlockClass.Good) ||
                                  ((previous == BlockClass.Good || next == BlockClass.Good) && BoilerplateText.EndsLikeSentence(body[i].Text) && body[i].LinkDensity < 0.2);
                    }

                    break;
            }
        }

        return keep;
    }

    /// <summary>True when a block repeats the title (or is the headline part of a "Site :: Headline" title).</summary>
    private static bool IsTitle(string key, List<string> titles)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (var title in titles)
        {
            if (title == key || (key.Length >= 10 && title.Contains(key, StringComparison.Ordinal) && key.Length * 2 >= title.Length))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsShortEmphasis(in TextBlock block) => (block.AllFlags & NodeFlags.InEmphasis) != 0 && block.Length < 150;

    private static BlockClass Neighbour(BlockClass[] decided, int index, int step)
    {
        for (var j = index + step; j >= 0 && j < decided.Length; j += step)
        {
            if (decided[j] != BlockClass.Neutral)
            {
                return decided[j];
            }
        }

        return BlockClass.Neutral;
    }

    /// <summary>A comparison key: letters and digits only, lower case.</summary>
    internal static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static void AppendCollapsed(StringBuilder builder, string text, ref bool pendingSpace)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u200b')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }
    }

    private static int WeightedLength(StringBuilder builder, int start)
    {
        var length = 0;
        for (var i = start; i < builder.Length; i++)
        {
            length += Weight(builder[i]);
        }

        return length;
    }

    private static int Weight(char c) => c switch
    {
        < '\u3000' => 1,
        >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' => 3,
        >= '\uac00' and <= '\ud7af' => 2,
        _ => 1,
    };

    /// <summary>Characters that count, with letters of scripts written without spaces weighing more.</summary>
    internal static int WeightedLength(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (c < 0x3000)
            {
                length += c == ' ' ? 1 : 1;
            }
            else if (c is >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff')
            {
                length += 3;
            }
            else if (c is >= '\uac00' and <= '\ud7af')
            {
                length += 2;
            }
            else
            {
                length++;
            }
        }

        return length;
    }
}
