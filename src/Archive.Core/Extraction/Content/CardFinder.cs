using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>One card: an element repeating the shape of at least three siblings, each a link with a little text.</summary>
/// <param name="Element">The card's element.</param>
/// <param name="Text">Characters of text in it.</param>
internal readonly record struct Card(int Element, int Text);

/// <summary>
/// Finds the cards of a page: sibling elements of one shape (tag and class), each holding a link and a little text, as
/// teasers of other stories and products in a grid are. Navigation and other furniture are left out; paragraphs and
/// inline elements are never cards.
/// </summary>
internal static class CardFinder
{
    /// <summary>Sibling elements of one shape make a list of cards when there are at least this many.</summary>
    private const int MinCards = 4;

    /// <summary>A card's links hold at least one part in this many of its text.</summary>
    private const int LinkShare = 6;

    /// <summary>A card holds at most this many characters (a teaser, not an article).</summary>
    private const int MaxCardText = 600;

    /// <summary>The cards in document order; <paramref name="inCard"/> is set for every node inside one.</summary>
    public static List<Card> Find(PageDom dom, out bool[] inCard)
    {
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        var text = new int[nodes.Length];
        var linkText = new int[nodes.Length];
        var links = new int[nodes.Length];
        var linkedHeading = new bool[nodes.Length];
        for (var i = nodes.Length - 1; i > 0; i--)
        {
            ref var node = ref nodes[i];
            if (node.Tag == Tag.Text)
            {
                text[i] = TextWeights.CountLetters(node.Text!);
                linkText[i] = (node.Flags & NodeFlags.InLink) != 0 ? text[i] : 0;
            }
            else if (node.Tag == Tag.A)
            {
                links[i]++;
            }

            linkedHeading[i] |= Tags.HeadingLevel(node.Tag) > 0 && linkText[i] * 2 > text[i];
            text[node.Parent] += text[i];
            linkText[node.Parent] += linkText[i];
            links[node.Parent] += links[i];
            linkedHeading[node.Parent] |= linkedHeading[i];
        }

        // A teaser's link is its headline, or a good part of its text; a paragraph with a link in it is no card.
        bool CouldBeCard(Span<DomNode> nodes, int c) =>
            Tags.IsBlock(nodes[c].Tag) && nodes[c].Tag != Tag.P && links[c] > 0 && text[c] is > 0 and <= MaxCardText &&
            (linkText[c] * LinkShare >= text[c] || linkedHeading[c]);

        inCard = new bool[nodes.Length];
        var cards = new List<Card>();
        var shapes = new Dictionary<(Tag, string), int>();
        var shapeOf = new string?[nodes.Length];
        (Tag, string) ShapeOf(Span<DomNode> nodes, int c) => (nodes[c].Tag, shapeOf[c] ??= FirstClass(nodes[c]));
        for (var p = 0; p < nodes.Length; p++)
        {
            if (nodes[p].Tag == Tag.Text || nodes[p].End - p < 2 * MinCards || (nodes[p].Flags & NodeFlags.InFurniture) != 0)
            {
                continue;
            }

            shapes.Clear();
            for (var c = p + 1; c < nodes[p].End; c = nodes[c].End)
            {
                if (CouldBeCard(nodes, c))
                {
                    var key = ShapeOf(nodes, c);
                    shapes[key] = shapes.GetValueOrDefault(key) + 1;
                }
            }

            if (shapes.Count == 0)
            {
                continue;
            }

            for (var c = p + 1; c < nodes[p].End; c = nodes[c].End)
            {
                if (CouldBeCard(nodes, c) && shapes[ShapeOf(nodes, c)] >= MinCards)
                {
                    Array.Fill(inCard, true, c, nodes[c].End - c);
                    cards.Add(new Card(c, text[c]));
                }
            }
        }

        cards.Sort((a, b) => a.Element.CompareTo(b.Element));
        return cards;
    }

    /// <summary>An element's shape is its tag and its first class name without digits ("teaser-3" and "teaser-4" are alike).</summary>
    private static string FirstClass(in DomNode node)
    {
        var value = node.Source.GetAttributeValue("class", "").AsSpan().Trim();
        var end = value.IndexOfAny(' ', '\t', '\n');
        var first = end < 0 ? value : value[..end];
        return first.ContainsAnyInRange('0', '9') ? string.Concat(first.ToString().Where(c => !char.IsAsciiDigit(c))) : first.ToString();
    }
}
