using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The shape of a page around its body, for telling articles from listings: the cards (sibling elements of one shape,
/// each a link with a little text: teasers, products), where they stand against the body, and prices.
/// </summary>
/// <param name="Cards">Card elements on the page, outside navigation and other furniture.</param>
/// <param name="CardText">Characters of text inside those cards.</param>
/// <param name="CardsInBody">Cards inside the chosen body.</param>
/// <param name="BodyGoodInCards">Weighted length of the body's prose that sits inside cards.</param>
/// <param name="CardsBeforeBody">Cards between the headline and the body (the grid of a listing whose text comes last).</param>
/// <param name="CardTextBeforeBody">Characters of text in those cards.</param>
/// <param name="Prices">Short blocks that read as a price ("$129.99", "49,90 €").</param>
internal readonly record struct PageShape(int Cards, int CardText, int CardsInBody, int BodyGoodInCards, int CardsBeforeBody, int CardTextBeforeBody, int Prices)
{
    /// <summary>Sibling elements of one shape make a list of cards when there are at least this many.</summary>
    private const int MinCards = 4;

    /// <summary>A card holds at most this many characters (a teaser, not an article).</summary>
    private const int MaxCardText = 600;

    /// <summary>Measures the shape of <paramref name="dom"/> around the body (node range [<paramref name="bodyFrom"/>, <paramref name="bodyTo"/>)).</summary>
    public static PageShape Measure(PageDom dom, ReadOnlySpan<TextBlock> blocks, int bodyFrom, int bodyTo, int headline)
    {
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        var text = new int[nodes.Length];
        var linkText = new int[nodes.Length];
        var links = new int[nodes.Length];
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

            text[node.Parent] += text[i];
            linkText[node.Parent] += linkText[i];
            links[node.Parent] += links[i];
        }

        bool IsCard(Span<DomNode> nodes, int c) =>
            nodes[c].Tag is not (Tag.Text or Tag.P) && links[c] > 0 && text[c] is > 0 and <= MaxCardText && linkText[c] * 5 >= text[c];

        var inCard = new bool[nodes.Length];
        var shapes = new Dictionary<(Tag, string), int>();
        var cards = 0;
        var cardText = 0;
        var cardsInBody = 0;
        var cardsBefore = 0;
        var cardTextBefore = 0;
        for (var p = 0; p < nodes.Length; p++)
        {
            if (nodes[p].Tag == Tag.Text || nodes[p].End - p < 2 * MinCards || (nodes[p].Flags & NodeFlags.InFurniture) != 0)
            {
                continue;
            }

            shapes.Clear();
            for (var c = p + 1; c < nodes[p].End; c = nodes[c].End)
            {
                if (IsCard(nodes, c))
                {
                    var key = (nodes[c].Tag, nodes[c].Source.GetAttributeValue("class", ""));
                    shapes[key] = shapes.GetValueOrDefault(key) + 1;
                }
            }

            if (shapes.Count == 0)
            {
                continue;
            }

            for (var c = p + 1; c < nodes[p].End; c = nodes[c].End)
            {
                if (!IsCard(nodes, c) || shapes[(nodes[c].Tag, nodes[c].Source.GetAttributeValue("class", ""))] < MinCards)
                {
                    continue;
                }

                Array.Fill(inCard, true, c, nodes[c].End - c);
                cards++;
                cardText += text[c];
                if (c >= bodyFrom && c < bodyTo)
                {
                    cardsInBody++;
                }
                else if (c > headline && c < bodyFrom && headline >= 0)
                {
                    cardsBefore++;
                    cardTextBefore += text[c];
                }
            }
        }

        var bodyGoodInCards = 0;
        var prices = 0;
        foreach (ref readonly var block in blocks)
        {
            if (block.Class == BlockClass.Good && block.First >= bodyFrom && block.First < bodyTo && inCard[block.First])
            {
                bodyGoodInCards += block.Length;
            }

            if (block.Length <= 40 && LooksLikePrice(block.Text))
            {
                prices++;
            }
        }

        return new PageShape(cards, cardText, cardsInBody, bodyGoodInCards, cardsBefore, cardTextBefore, prices);
    }

    /// <summary>The first text node of the headline: an h1 before the body that is no link and repeats the title; -1 when there is none.</summary>
    public static int Headline(ReadOnlySpan<TextBlock> blocks, int bodyFrom, List<string> titleKeys)
    {
        foreach (ref readonly var block in blocks)
        {
            if (block.First >= bodyFrom)
            {
                break;
            }

            if (block.Heading != 1 || block.LinkDensity >= 0.5)
            {
                continue;
            }

            var key = TextWeights.Key(block.Text);
            foreach (var title in titleKeys)
            {
                if (key.Length > 0 && (title.Contains(key, StringComparison.Ordinal) || key.Contains(title, StringComparison.Ordinal)))
                {
                    return block.First;
                }
            }
        }

        return -1;
    }

    private static readonly string[] CurrencyCodes = ["usd", "eur", "gbp", "chf", "cad", "aud", "jpy", "kr", "zł", "kč", "руб", "₽"];

    /// <summary>True when a short text holds an amount of money: a currency sign or code next to a number.</summary>
    internal static bool LooksLikePrice(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '$' or '€' or '£' or '¥' or '₹' or '₩' or '₽' or '฿' or '₺' or '₫' && (Digit(text, i + 1) || Digit(text, i + 2) || Digit(text, i - 1) || Digit(text, i - 2)))
            {
                return true;
            }
        }

        var lower = text.ToLowerInvariant();
        foreach (var code in CurrencyCodes)
        {
            var at = lower.IndexOf(code, StringComparison.Ordinal);
            if (at >= 0 && (Digit(lower, at - 1) || Digit(lower, at - 2)) && (at + code.Length == lower.Length || !char.IsLetter(lower[at + code.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Digit(string text, int index) => index >= 0 && index < text.Length && char.IsAsciiDigit(text[index]);
}
