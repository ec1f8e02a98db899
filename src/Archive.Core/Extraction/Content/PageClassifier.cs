namespace Archive.Core.Extraction.Content;

/// <summary>
/// Tells articles from pages that only look like one to a change tracker: error pages, walls (paywall, bot check,
/// consent or login), index pages and nearly empty pages. A collapse of the text must never be recorded as the
/// publisher rewriting the article, so each of these is named with a reason.
/// </summary>
internal static class PageClassifier
{
    /// <summary>Below this many weighted characters of body text a page is not taken for an article.</summary>
    public const int MinArticleLength = 250;

    /// <summary>The kind of the page and, for anything but an article, why.</summary>
    public static (PageKind Kind, string? Reason) Classify(ContentResult content, ArticleMetadata metadata, PageTypeHints hints, string? pageTitle, Uri? url = null)
    {
        var shortText = content.TextLength < MinArticleLength;
        var probe = ((pageTitle ?? "") + " " + (metadata.Title ?? "") + " " + content.PageText).ToLowerInvariant();

        if (content.TextLength < 1000 && PagePhrases.FindIn(probe, PagePhrases.Errors) is { } error && (shortText || (pageTitle ?? "").Contains("404", StringComparison.Ordinal)))
        {
            return (PageKind.Error, $"The page reads as an error page (\"{error}\") and has {content.TextLength} characters of text.");
        }

        if (content.TextLength < 1500 && (PagePhrases.FindIn(probe, PagePhrases.Walls) ?? (hints.NotFree && shortText ? "isAccessibleForFree: false" : null)) is { } wall)
        {
            return (PageKind.Wall, $"The page stands behind a wall (\"{wall}\"); only {content.TextLength} characters of text are readable.");
        }

        if (Listing(content, metadata, hints, url) is { } listing)
        {
            return (PageKind.Index, listing);
        }

        if (shortText)
        {
            return (PageKind.NearlyEmpty, $"Only {content.TextLength} characters of body text were found.");
        }

        return (PageKind.Article, null);
    }

    /// <summary>Schema.org types of pages that list other pages or products.</summary>
    private static readonly string[] CollectionTypes = ["CollectionPage", "SearchResultsPage", "ItemList", "OfferCatalog", "ProductCollection"];

    /// <summary>At least this many cards make a grid of teasers or products.</summary>
    private const int MinGrid = 8;

    /// <summary>Why the page reads as a listing of other pages or products rather than an article; null when it does not.</summary>
    private static string? Listing(ContentResult content, ArticleMetadata metadata, PageTypeHints hints, Uri? url)
    {
        var shape = content.Shape;
        if (hints.OgType is { } ogType && ogType.StartsWith("product", StringComparison.OrdinalIgnoreCase))
        {
            return $"The page describes products (og:type {ogType}).";
        }

        if (shape.Cards >= MinGrid && IsFrontPage(metadata.CanonicalUrl, url))
        {
            return $"The page is a site's front page listing {shape.Cards} other pages.";
        }

        if (!hints.HasArticleJsonLd && hints.JsonLdTypes.FirstOrDefault(t => CollectionTypes.Contains(t, StringComparer.Ordinal)) is { } collection)
        {
            return $"The page declares itself a {collection} and no article.";
        }

        var linkShare = content.PageLength == 0 ? 0 : (double)content.PageLinkLength / content.PageLength;
        if (!hints.HasArticleJsonLd && content.LinkBlocksInBody >= 12 && content.LinkBlocksInBody > 2 * content.GoodBlocksInBody && content.GoodLength < 3000)
        {
            return $"The page lists other pages: {content.LinkBlocksInBody} link blocks against {content.GoodBlocksInBody} paragraphs, {linkShare:P0} of its text in links.";
        }

        // Without anything saying "article" (schema.org, og:type, a publication date, an author), a grid of products or
        // teasers that outweighs the text, or stands between the headline and the text, makes a listing.
        if (IsDeclaredArticle(metadata, hints))
        {
            return null;
        }

        // A body made of cards is a list of teasers (a front page whose longest text is a run of summaries).
        if (shape.CardsInBody >= MinGrid && shape.BodyGoodInCards * 2 >= content.GoodLength)
        {
            return $"The page lists other pages: its text is {shape.CardsInBody} teasers.";
        }

        if (shape.Prices >= 5 && shape.Cards >= MinGrid && shape.CardText * 4 >= content.TextLength)
        {
            return $"The page lists products: {shape.Cards} cards, {shape.Prices} prices.";
        }

        if (shape.Cards >= MinGrid && content.TextLength < 1500 && shape.CardText >= content.TextLength && !shape.ArticleHoldsBodyWithoutCards)
        {
            return $"The page lists other pages: {shape.Cards} cards hold more text than its {content.TextLength} characters of body.";
        }

        if (shape.CardsBeforeBody >= MinGrid && shape.CardTextBeforeBody * 2 >= content.GoodLength)
        {
            return $"The page lists other pages: {shape.CardsBeforeBody} cards stand between its headline and its text.";
        }

        return content.TextLength < MinArticleLength && linkShare > 0.5 && content.PageLinkBlocks >= 15
            ? $"The page lists other pages: {content.LinkBlocksInBody} link blocks against {content.GoodBlocksInBody} paragraphs, {linkShare:P0} of its text in links."
            : null;
    }

    // Parameters that only say where a visitor came from; a front page carrying them is still the front page.
    private static readonly string[] TrackingParameters = ["utm_", "srsltid", "gclid", "fbclid", "mc_cid", "mc_eid", "ref"];

    /// <summary>True when the page's canonical address (or, without one, its address) is the root of a site.</summary>
    private static bool IsFrontPage(string? canonical, Uri? url)
    {
        var address = Uri.TryCreate(canonical, UriKind.Absolute, out var declared) && declared.Scheme is "http" or "https" ? declared : url;
        if (address is null || address.AbsolutePath is not ("/" or "/index.html" or "/index.php"))
        {
            return false;
        }

        foreach (var pair in address.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TrackingParameters.Any(p => pair.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// True when the page's metadata says it is an article: schema.org, og:type, or a publication date or an author in
    /// its machine-readable metadata. A date or a name merely seen in the page can belong to any teaser of a listing.
    /// </summary>
    private static bool IsDeclaredArticle(ArticleMetadata metadata, PageTypeHints hints) =>
        hints.HasArticleJsonLd || string.Equals(hints.OgType, "article", StringComparison.OrdinalIgnoreCase) ||
        (metadata.PublishedTime is not null && IsDeclared(metadata, "publishedTime")) || (metadata.Authors.Count > 0 && IsDeclared(metadata, "authors"));

    private static bool IsDeclared(ArticleMetadata metadata, string field) =>
        metadata.Sources.TryGetValue(field, out var source) && source is "json-ld" or "og" or "meta" or "microdata";
}
