namespace Archive.Core.Extraction.Content;

/// <summary>
/// The shape of a page around its body, for telling articles from listings: the cards (see <see cref="CardFinder"/>),
/// where they stand against the body, and prices.
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
    /// <summary>
    /// True when the element marking the article (<see cref="ArticleScope"/>) holds the body and none of the cards: the
    /// cards are the page's related or recommended stories around one article, not a list the page is made of.
    /// </summary>
    public bool ArticleHoldsBodyWithoutCards { get; init; }

    /// <summary>Measures the shape of the page around the body (node range [<paramref name="bodyFrom"/>, <paramref name="bodyTo"/>)).</summary>
    public static PageShape Measure(List<Card> cards, bool[] inCard, ReadOnlySpan<TextBlock> blocks, int bodyFrom, int bodyTo, int headline)
    {
        var cardText = 0;
        var cardsInBody = 0;
        var cardsBefore = 0;
        var cardTextBefore = 0;
        foreach (var card in cards)
        {
            cardText += card.Text;
            if (card.Element >= bodyFrom && card.Element < bodyTo)
            {
                cardsInBody++;
            }
            else if (headline >= 0 && card.Element > headline && card.Element < bodyFrom)
            {
                cardsBefore++;
                cardTextBefore += card.Text;
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

        return new PageShape(cards.Count, cardText, cardsInBody, bodyGoodInCards, cardsBefore, cardTextBefore, prices);
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
