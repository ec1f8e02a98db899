namespace Archive.Core.Extraction;

/// <summary>
/// The wording of page furniture in about ten languages (English, Portuguese, Spanish, German, French, Italian,
/// Russian, Indonesian, Korean, Japanese, Chinese), in one place for everything that reads pages: the extractor (which
/// blocks are furniture, what kind of page it is) and the change classifier (which changes are noise, which texts are
/// walls). Phrases are lower case; matching ignores case.
/// </summary>
public static class PagePhrases
{
    /// <summary>Words of error pages ("page not found", "404").</summary>
    public static IReadOnlyList<string> Errors { get; } =
    [
        "page not found", "404 not found", "error 404", "404 error", "404", "not found", "not be found", "this page doesn't exist",
        "this page does not exist", "page you requested", "page you were looking for", "page you are looking for", "no longer available",
        "internal server error", "service unavailable", "temporarily unavailable", "too many requests", "bad gateway", "403 forbidden",
        "something went wrong",
        "página não encontrada", "página no encontrada", "seite nicht gefunden", "page introuvable", "pagina non trovata",
        "страница не найдена", "ошибка 404", "halaman tidak ditemukan", "페이지를 찾을 수 없습니다", "ページが見つかりません", "页面不存在", "找不到页面",
    ];

    /// <summary>Words of walls in front of an article: paywalls, bot checks, consent and login walls.</summary>
    public static IReadOnlyList<string> Walls { get; } =
    [
        "subscribe to continue", "subscribe now to continue", "subscribe to read", "subscribe now to read", "to continue reading",
        "continue reading with", "this article is for subscribers", "subscribers only", "subscriber only", "already a subscriber",
        "create a free account", "sign in to continue", "sign in to read", "log in to continue", "login to continue", "log in to read",
        "login to read", "are you a robot", "are you human", "are you a human", "verify you are a human", "verify you are human",
        "checking your browser", "please enable javascript", "enable javascript", "enable cookies", "captcha", "access denied",
        "unusual traffic", "request unsuccessful", "attention required", "please complete the security check", "just a moment",
        "before you continue", "we value your privacy", "consent to the use", "you have reached your limit", "free articles",
        "exclusivo para assinantes", "assine para continuar", "solo para suscriptores", "nur für abonnenten", "réservé aux abonnés",
        "riservato agli abbonati", "только для подписчиков", "доступ запрещен", "khusus pelanggan", "유료 회원", "会員限定", "订阅后阅读",
    ];

    /// <summary>
    /// Openings of lines that send the reader to another page or ask something of them ("Also read", "Read more",
    /// "Subscribe"): teasers and prompts that rotate between visits and are never the article's own sentences.
    /// </summary>
    public static IReadOnlyList<string> TeaserOpenings { get; } =
    [
        "also read", "read also", "read more", "read next", "more:", "read:", "related:", "related stories", "related articles",
        "related coverage", "see also", "recommended for you", "recommended reading", "recommended", "more from",
        "more on this", "more stories", "you may also like", "you might also like", "you may be interested", "you might be interested",
        "you may also be interested", "you might also be interested", "don't miss", "don’t miss", "dont miss", "watch:",
        "listen:", "trending:", "top stories", "latest news", "advertisement", "sponsored", "subscribe", "sign up", "newsletter",
        "follow us", "join our", "share this", "click here", "continue reading", "story continues below", "article continues below",
        "leia também", "leia mais", "veja também", "veja mais", "saiba mais", "lee también", "leer más", "ver también",
        "lesen sie auch", "mehr zum thema", "mehr dazu", "weiterlesen", "lire aussi", "à lire aussi", "lire la suite", "leggi anche",
        "leggi di più", "читайте также", "читать также", "читать далее", "смотрите также", "baca juga", "baca selengkapnya",
        "관련기사", "관련 기사", "関連記事", "続きを読む", "相关阅读", "阅读更多",
    ];

    /// <summary>Openings of other short furniture lines: share and follow prompts, advertisement labels, credits, copyright, dates.</summary>
    public static IReadOnlyList<string> FurnitureOpenings { get; } =
    [
        // English
        "advertising", "promoted", "share on", "share via", "share:", "click to share", "tweet this", "follow @",
        "like us on", "sign in", "log in", "get the latest", "get our", "all rights reserved", "copyright", "©", "(c) ", "photo:",
        "photo by", "photos:", "photo credit", "photo courtesy", "image:", "image by", "image credit", "image source", "image courtesy", "credit:", "source:", "getty images", "ap photo", "(ap photo",
        "reuters/", "file photo", "tap here", "leave a comment", "comments", "0 comments", "view comments", "show comments",
        "post a comment", "add a comment", "skip to", "jump to", "back to top", "print this", "email this", "filed under", "tags:",
        "topics:", "categories:", "posted in", "previous article", "next article", "previous post", "next post", "loading",
        "please enable javascript", "this content is", "trending", "most popular", "most read", "editor's picks", "editors' picks",
        "we recommend", "continue reading below", "report an error", "send us feedback", "updated:", "published:", "posted:",
        "last updated", "first published",
        // Portuguese / Spanish
        "publicidade", "anúncio", "compartilhe", "compartilhar", "siga-nos", "assine", "inscreva-se", "comentários",
        "deixe um comentário", "deixe seu comentário", "todos os direitos reservados", "foto:", "fotos:", "publicidad", "compartir",
        "síguenos", "suscríbete", "comentarios", "todos los derechos reservados", "relacionados", "notícias relacionadas", "tags",
        "publicado em", "atualizado em", "publicado el",
        // German
        "werbung", "anzeige", "teilen", "jetzt teilen", "abonnieren", "kommentare", "alle rechte vorbehalten", "bild:", "quelle:",
        "das könnte sie auch interessieren",
        // French / Italian
        "publicité", "partager", "abonnez-vous", "commentaires", "tous droits réservés", "pubblicità", "condividi", "iscriviti",
        "commenti", "tutti i diritti riservati",
        // Russian
        "реклама", "подробнее", "поделиться", "подписывайтесь", "подпишитесь", "комментарии", "все права защищены", "фото:",
        "источник:", "по теме",
        // Indonesian / Malay
        "iklan", "bagikan", "berlangganan", "komentar", "artikel terkait", "berita terkait",
        // Korean / Japanese / Chinese
        "광고", "공유하기", "댓글", "구독", "広告", "シェア", "コメント", "購読", "广告", "相关文章", "分享", "评论", "版权所有",
    ];

    /// <summary>Headings that open a section of other stories or of comments ("Related", "Você pode gostar", "Comments").</summary>
    public static IReadOnlyList<string> SectionHeadings { get; } =
    [
        "related", "you may also like", "you might also like", "you may like", "more stories", "more from", "more news", "recommended",
        "read more", "read next", "read also", "also read", "most popular", "most read", "trending", "popular posts", "recent posts",
        "latest news", "latest stories", "comments", "leave a reply", "leave a comment", "join the conversation", "what others are reading",
        "more on this", "see also", "other stories", "editor's picks", "don't miss", "sponsored", "around the web", "from the web",
        "você pode gostar", "voce pode gostar", "veja também", "leia também", "leia mais", "relacionad", "notícias relacionadas",
        "posts relacionados", "mais lidas", "mais populares", "comentários", "deixe uma resposta", "deixe um comentário",
        "te puede interesar", "artículos relacionados", "noticias relacionadas", "lo más leído", "más populares", "lesen sie auch",
        "mehr zum thema", "weitere artikel", "ähnliche artikel", "das könnte sie auch interessieren", "meistgelesen", "beliebteste",
        "kommentare", "à lire aussi", "lire aussi", "articles similaires", "sur le même sujet", "les plus populaires",
        "potrebbe interessarti", "articoli correlati", "leggi anche", "più popolari", "commenti", "читайте также", "похожие",
        "самые популярные", "популярные", "популярное", "по теме", "комментарии", "смотрите также", "другие новости", "populer",
        "popular", "baca juga", "artikel terkait", "berita terkait", "berita lainnya", "terpopuler", "komentar", "관련", "많이 본",
        "댓글", "関連", "人気", "コメント", "相关", "推荐", "热门", "评论",
    ];

    /// <summary>Calls to action found anywhere in a short line: newsletter, follow and donation prompts, sign-up messages.</summary>
    public static IReadOnlyList<string> CallsToAction { get; } =
    [
        "in your inbox", "to your inbox", "check your inbox", "follow us on", "sign up for our", "subscribe to our", "join our newsletter",
        "join our mailing list", "funded by readers", "support our journalism", "support independent journalism", "get updates from",
        "thanks for subscribing", "thank you for subscribing", "you're subscribed", "you’re subscribed", "unsubscribe",
        "assine nossa newsletter", "inscreva-se na nossa", "siga-nos no", "suscríbete a nuestro", "síguenos en", "abonnieren sie unseren",
        "folgen sie uns", "abonnez-vous à notre", "suivez-nous sur", "iscriviti alla nostra", "seguici su", "подпишитесь на наш",
        "подписывайтесь на нас", "ikuti kami di", "berlangganan newsletter", "뉴스레터 구독", "ニュースレター登録", "订阅我们的",
    ];

    /// <summary>Notices about the visit rather than the page: cookies and consent, ad blockers, outdated browsers.</summary>
    public static IReadOnlyList<string> VisitNotices { get; } =
    [
        "use cookies", "uses cookies", "using cookies", "cookie policy", "cookie settings", "accept cookies", "accept all cookies",
        "ad blocker", "adblocker", "ad-blocker", "disable your ad", "update your browser", "modern browser", "outdated browser",
        "enable javascript", "utiliza cookies", "usa cookies", "utilizamos cookies", "usamos cookies", "verwendet cookies",
        "verwenden cookies", "utilise des cookies", "utilisons des cookies", "utilizza cookie", "utilizziamo cookie",
        "использует cookie", "используем cookie", "menggunakan cookie", "쿠키를 사용", "クッキーを使用", "cookieを使用", "使用cookie",
    ];

    /// <summary>Copyright lines, which may be long.</summary>
    public static IReadOnlyList<string> Copyright { get; } =
    [
        "all rights reserved", "todos os direitos reservados", "todos los derechos reservados", "alle rechte vorbehalten",
        "tous droits réservés", "tutti i diritti riservati", "все права защищены", "hak cipta dilindungi", "版权所有", "無断転載",
    ];

    /// <summary>Openings of bylines ("By Jane Doe", "Por Fulano", "Von Max Muster").</summary>
    public static IReadOnlyList<string> BylineOpenings { get; } = ["by ", "por ", "von ", "par ", "di ", "oleh ", "door ", "av ", "автор", "текст:", "written by "];

    /// <summary>The first of <paramref name="phrases"/> that <paramref name="text"/> contains, ignoring case; null when none.</summary>
    public static string? FindIn(string text, IReadOnlyList<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(phrases);
        foreach (var phrase in phrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return phrase;
            }
        }

        return null;
    }

    /// <summary>
    /// True when <paramref name="text"/> opens with one of <paramref name="phrases"/> as whole words: "Subscribe" and
    /// "Subscribe now" do, "Subscribers said" does not.
    /// </summary>
    public static bool Opens(string text, IReadOnlyList<string> phrases)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(phrases);
        foreach (var phrase in phrases)
        {
            if (text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) &&
                (text.Length == phrase.Length || !char.IsLetter(phrase[^1]) || !char.IsLetter(text[phrase.Length])))
            {
                return true;
            }
        }

        return false;
    }
}
