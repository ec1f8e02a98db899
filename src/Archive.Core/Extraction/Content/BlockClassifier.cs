using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The third stage: judges each block on its own, as jusText does: prose with few links is good, link lists and
/// furniture (by tag, ARIA role, class words or wording) are bad, short text is neutral; then a heading such as
/// "Related stories" turns the section it opens bad.
/// </summary>
internal static class BlockClassifier
{
    /// <summary>Blocks at least this long with few links are prose.</summary>
    public const int GoodLength = 80;

    /// <summary>Sentence-like blocks at least this long with very few links are fair prose.</summary>
    public const int FairLength = 30;

    /// <summary>Classifies every block, then marks the sections after boilerplate headings; <paramref name="inCard"/> tells the nodes inside cards.</summary>
    public static void Classify(PageDom dom, Span<TextBlock> blocks, bool[] inCard)
    {
        foreach (ref var block in blocks)
        {
            block.Class = Classify(block);

            // The excerpt of a teaser card is cut short with an ellipsis: it belongs to another page.
            if (block.Class is BlockClass.Good or BlockClass.Fair && inCard[block.First] && EndsWithEllipsis(block.Text))
            {
                block.Class = BlockClass.Bad;
            }
        }

        MarkSectionsAfterBoilerplateHeadings(dom, blocks);
    }

    /// <summary>How one block looks on its own.</summary>
    public static BlockClass Classify(in TextBlock block)
    {
        if ((block.Flags & ClassFlags.FurnitureBits) != 0)
        {
            return BlockClass.Bad;
        }

        var density = block.LinkDensity;

        // A paragraph element with plenty of plain text is prose even when it carries many links (inline cards, citations),
        // and so is one that reads as a sentence with words of its own between the links (a roundup of sources).
        var prose = block.OwnerTag == Tag.P && (block.Length - block.LinkLength >= 150 || IsLinkedSentence(block));
        if (!prose && (density > 0.5 || (block.Length < FairLength && density > 0.2)))
        {
            return BlockClass.Bad;
        }

        if (BoilerplateText.IsBoilerplate(block.Text) || LooksLikeData(block.Text))
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

    /// <summary>True when a text is cut short with an ellipsis, as teasers are.</summary>
    public static bool EndsWithEllipsis(string text) => text.EndsWith("...", StringComparison.Ordinal) || text.EndsWith('…') || text.EndsWith("[…]", StringComparison.Ordinal) || text.EndsWith("[...]", StringComparison.Ordinal);

    /// <summary>True when a link-dense block still reads as a sentence: long enough, a fifth of it plain words, ending like one.</summary>
    public static bool IsLinkedSentence(in TextBlock block) =>
        block.Length >= GoodLength && (block.Length - block.LinkLength) * 5 >= block.Length && BoilerplateText.EndsLikeSentence(block.Text);

    /// <summary>
    /// True when a block is serialized data shown as text (JSON a page left in an element for its scripts), not prose:
    /// it opens with a brace or bracket and is dense with quoted keys.
    /// </summary>
    private static bool LooksLikeData(string text)
    {
        if (text.Length < 40 || text[0] is not ('{' or '['))
        {
            return false;
        }

        var keys = 0;
        for (var i = text.IndexOf("\":", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\":", i + 2, StringComparison.Ordinal))
        {
            keys++;
        }

        return keys * 100 >= text.Length;
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
            block.InFurnitureSection = true;
            for (var j = i + 1; j < blocks.Length && blocks[j].First < end && !(inBody && blocks[j].Heading > 0); j++)
            {
                blocks[j].Class = BlockClass.Bad;
                blocks[j].InFurnitureSection = true;
            }
        }
    }
}
