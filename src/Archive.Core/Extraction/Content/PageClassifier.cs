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

    private static readonly string[] ErrorPhrases =
    [
        "page not found", "404 not found", "error 404", "404 error", "not found", "this page doesn't exist", "this page does not exist",
        "page you requested", "page you were looking for", "page you are looking for", "no longer available", "internal server error",
        "service unavailable", "bad gateway", "something went wrong", "página não encontrada", "página no encontrada",
        "seite nicht gefunden", "page introuvable", "pagina non trovata", "страница не найдена", "ошибка 404", "halaman tidak ditemukan",
        "페이지를 찾을 수 없습니다", "ページが見つかりません", "页面不存在", "找不到页面",
    ];

    private static readonly string[] WallPhrases =
    [
        "subscribe to continue", "subscribe to read", "to continue reading", "continue reading with", "this article is for subscribers",
        "subscribers only", "already a subscriber", "create a free account", "sign in to continue", "log in to continue",
        "are you a robot", "are you human", "verify you are a human", "verify you are human", "checking your browser",
        "please enable javascript", "enable javascript and cookies", "enable cookies", "captcha", "access denied",
        "unusual traffic", "request unsuccessful", "attention required", "please complete the security check", "just a moment",
        "before you continue", "we value your privacy", "consent to the use", "you have reached your limit", "free articles",
        "exclusivo para assinantes", "assine para continuar", "solo para suscriptores", "nur für abonnenten", "réservé aux abonnés",
        "riservato agli abbonati", "только для подписчиков", "доступ запрещен",
    ];

    /// <summary>The kind of the page and, for anything but an article, why.</summary>
    public static (PageKind Kind, string? Reason) Classify(ContentResult content, ArticleMetadata metadata, PageTypeHints hints, string? pageTitle)
    {
        var shortText = content.TextLength < MinArticleLength;
        var probe = ((pageTitle ?? "") + " " + (metadata.Title ?? "") + " " + content.PageText).ToLowerInvariant();

        if (content.TextLength < 1000 && Find(probe, ErrorPhrases) is { } error && (shortText || (pageTitle ?? "").Contains("404", StringComparison.Ordinal)))
        {
            return (PageKind.Error, $"The page reads as an error page (\"{error}\") and has {content.TextLength} characters of text.");
        }

        if (content.TextLength < 1500 && (Find(probe, WallPhrases) ?? (hints.NotFree && shortText ? "isAccessibleForFree: false" : null)) is { } wall)
        {
            return (PageKind.Wall, $"The page stands behind a wall (\"{wall}\"); only {content.TextLength} characters of text are readable.");
        }

        var listing = hints.JsonLdTypes.Any(t => t is "CollectionPage" or "ItemList" or "SearchResultsPage") && !hints.HasArticleJsonLd;
        var linkShare = content.PageLength == 0 ? 0 : (double)content.PageLinkLength / content.PageLength;
        if ((listing && content.GoodLength < 3000) ||
            (!hints.HasArticleJsonLd && content.LinkBlocksInBody >= 12 && content.LinkBlocksInBody > 2 * content.GoodBlocksInBody && content.GoodLength < 3000) ||
            (shortText && linkShare > 0.5 && content.PageLinkBlocks >= 15))
        {
            return (PageKind.Index, $"The page lists other pages: {content.LinkBlocksInBody} link blocks against {content.GoodBlocksInBody} paragraphs, {linkShare:P0} of its text in links.");
        }

        if (shortText)
        {
            return (PageKind.NearlyEmpty, $"Only {content.TextLength} characters of body text were found.");
        }

        return (PageKind.Article, null);
    }

    private static string? Find(string text, string[] phrases)
    {
        foreach (var phrase in phrases)
        {
            if (text.Contains(phrase, StringComparison.Ordinal))
            {
                return phrase;
            }
        }

        return null;
    }
}
