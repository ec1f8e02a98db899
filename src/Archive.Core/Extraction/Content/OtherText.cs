using System.Text;
using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The page's other readable text: prose that is not part of the body and not furniture. A re-check whose article text
/// is unchanged can still find an edit here, in a paragraph the body selector left out. Only what does not rotate
/// between visits qualifies: navigation, comments, related and "read more" teasers, share and newsletter boxes, cookie
/// banners, footers, captions, bylines and other furniture are bad blocks already, teasers in cards and excerpts cut
/// with an ellipsis are left out, and so are short lines, cookie and browser notices, and text hidden until a reader
/// opens it.
/// </summary>
internal static class OtherText
{
    /// <summary>At most this many characters are kept.</summary>
    public const int MaxLength = 20_000;

    /// <summary>The prose blocks outside the kept body, in document order, as paragraphs.</summary>
    public static string Collect(ReadOnlySpan<TextBlock> blocks, int bodyFirst, bool[] keep, bool[] inCard)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < blocks.Length; i++)
        {
            ref readonly var block = ref blocks[i];
            var inBody = i >= bodyFirst && i - bodyFirst < keep.Length;
            if ((inBody && keep[i - bodyFirst]) || !IsReadable(block, inCard, inBody))
            {
                continue;
            }

            var separator = builder.Length > 0 ? 2 : 0;
            if (builder.Length + separator + block.Text.Length > MaxLength)
            {
                break;
            }

            if (separator > 0)
            {
                builder.Append("\n\n");
            }

            builder.Append(block.Text);
        }

        return builder.ToString();
    }

    /// <summary>Where text changes from one visit to the next, or is no part of the page's own reading.</summary>
    private const NodeFlags Rotating = NodeFlags.InBoilerplateClass | NodeFlags.InFurniture | NodeFlags.InComments | NodeFlags.InHiddenStyle | NodeFlags.InForm;

    /// <summary>
    /// Prose of the page's own: a good or fair block; a sentence that only a weak class word (a "widget", a "meta" box)
    /// made furniture; a sentence-like line of the body the filter left out. Never in a furniture element, a comment
    /// section, a card, a form, hidden text or a section of other stories, and never furniture wording.
    /// </summary>
    private static bool IsReadable(in TextBlock block, bool[] inCard, bool inBody)
    {
        if (inCard[block.First] || (block.Flags & Rotating) != 0 || block.InFurnitureSection || block.Heading > 0 ||
            block.Length < BlockClassifier.FairLength || block.LinkDensity > 0.3 || BlockClassifier.EndsWithEllipsis(block.Text) ||
            PagePhrases.FindIn(block.Text, PagePhrases.VisitNotices) is not null)
        {
            return false;
        }

        return block.Class switch
        {
            BlockClass.Good or BlockClass.Fair => true,
            BlockClass.Bad => (block.Flags & NodeFlags.InNegativeClass) != 0 && IsSentence(block),
            _ => inBody && IsSentence(block),
        };
    }

    private static bool IsSentence(in TextBlock block) => BoilerplateText.EndsLikeSentence(block.Text) && !BoilerplateText.IsBoilerplate(block.Text);
}
