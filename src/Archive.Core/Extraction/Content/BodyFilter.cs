using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The fifth stage: decides which blocks of the body to keep. Bad blocks are dropped and neutral ones are kept or
/// dropped by their neighbours: headings and short lines between paragraphs stay, trailing bylines and credits go; the
/// headline, which is metadata, goes.
/// </summary>
internal static class BodyFilter
{
    /// <summary>Which blocks of <paramref name="body"/> to keep.</summary>
    public static bool[] Decide(ReadOnlySpan<TextBlock> body, List<string> titles)
    {
        var keep = new bool[body.Length];
        var decided = new BlockClass[body.Length];
        var seenProse = false;
        for (var i = 0; i < body.Length; i++)
        {
            decided[i] = body[i].Class == BlockClass.Fair ? BlockClass.Good : body[i].Class;

            // The headline is metadata, not body: an h1 before the prose, or any block repeating the title. Later h1s
            // are subheadings on pages that use h1 for every heading.
            if ((body[i].Heading == 1 && !seenProse) || (body[i].Length < 400 && IsTitle(TextWeights.Key(body[i].Text), titles)))
            {
                decided[i] = BlockClass.Bad;
            }
            else if (IsLinkedItemHeading(body[i]))
            {
                // The heading of an item of a list article is often a link to what it names (a place, a product, a course).
                decided[i] = BlockClass.Neutral;
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
                        // Items of a plain list next to prose are the article's too (what you will learn, ingredients).
                        var listItem = (body[i].AllFlags & NodeFlags.InListItem) != 0;
                        keep[i] = (previous == BlockClass.Good && next == BlockClass.Good) ||
                                  ((previous == BlockClass.Good || next == BlockClass.Good) && (BoilerplateText.EndsLikeSentence(body[i].Text) || listItem) && body[i].LinkDensity < 0.2);
                    }

                    break;
            }
        }

        return keep;
    }

    /// <summary>A heading made of a link that is no furniture: not in a furniture element or section, not furniture wording.</summary>
    private static bool IsLinkedItemHeading(in TextBlock block) =>
        block.Heading > 1 && block.Class == BlockClass.Bad && block.LinkDensity > 0.5 && !block.InFurnitureSection &&
        (block.Flags & ClassFlags.FurnitureBits) == 0 && !BoilerplateText.IsBoilerplate(block.Text) && !BoilerplateText.IsSectionHeading(block.Text);

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

    private static bool IsShortEmphasis(in TextBlock block) => (block.AllFlags & Parsing.NodeFlags.InEmphasis) != 0 && block.Length < 150;

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
}
