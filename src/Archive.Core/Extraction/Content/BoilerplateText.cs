using System.Globalization;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// Short lines that are page furniture in many languages: share prompts, "read more", advertisement labels, newsletter
/// calls, copyright lines, photo credits. Matched at the start of short blocks only, so an article sentence that
/// happens to begin with one of these words is not touched.
/// </summary>
internal static class BoilerplateText
{
    /// <summary>Blocks longer than this (in characters) are never judged by their wording.</summary>
    public const int MaxLength = 120;

    private static readonly string[] Prefixes =
    [
        // English
        "advertisement", "advertising", "sponsored", "promoted", "read more", "read also", "read next", "see also", "related:",
        "related stories", "related articles", "related coverage", "more from", "more on this", "more stories", "recommended",
        "share this", "share on", "share via", "share:", "click to share", "tweet this", "follow us", "follow @", "like us on",
        "subscribe", "sign up", "sign in", "log in", "newsletter", "get the latest", "get our", "join our", "all rights reserved",
        "copyright", "©", "(c) ", "photo:", "photo by", "photos:", "image:", "image by", "image credit", "credit:", "source:",
        "getty images", "ap photo", "(ap photo", "reuters/", "file photo", "click here", "tap here", "leave a comment",
        "comments", "0 comments", "view comments", "show comments", "post a comment", "add a comment", "skip to", "jump to",
        "back to top", "print this", "email this", "filed under", "tags:", "topics:", "categories:", "posted in", "previous article",
        "next article", "previous post", "next post", "you may also like", "you might also like", "also read", "don't miss",
        "watch:", "listen:", "continue reading", "loading", "please enable javascript", "this content is", "trending",
        "most popular", "most read", "latest news", "top stories", "editor's picks", "editors' picks", "we recommend",
        "story continues below", "article continues below", "continue reading below", "report an error", "send us feedback",
        "updated:", "published:", "posted:", "last updated", "first published",
        // Portuguese / Spanish
        "publicidade", "anúncio", "leia mais", "leia também", "veja também", "veja mais", "saiba mais", "compartilhe",
        "compartilhar", "siga-nos", "assine", "inscreva-se", "comentários", "deixe um comentário", "deixe seu comentário",
        "todos os direitos reservados", "foto:", "fotos:", "publicidad", "lee también", "leer más", "ver también", "compartir",
        "síguenos", "suscríbete", "comentarios", "todos los derechos reservados", "relacionados", "notícias relacionadas",
        "tags", "publicado em", "atualizado em", "publicado el",
        // German
        "werbung", "anzeige", "weiterlesen", "lesen sie auch", "mehr zum thema", "mehr dazu", "teilen", "jetzt teilen",
        "abonnieren", "kommentare", "alle rechte vorbehalten", "foto:", "bild:", "quelle:", "das könnte sie auch interessieren",
        // French / Italian
        "publicité", "lire aussi", "lire la suite", "à lire aussi", "partager", "abonnez-vous", "commentaires",
        "tous droits réservés", "pubblicità", "leggi anche", "leggi di più", "condividi", "iscriviti", "commenti",
        "tutti i diritti riservati",
        // Russian
        "реклама", "читайте также", "читать также", "читать далее", "подробнее", "поделиться", "подписывайтесь",
        "подпишитесь", "комментарии", "все права защищены", "фото:", "источник:", "смотрите также", "по теме",
        // Indonesian / Malay
        "iklan", "baca juga", "baca selengkapnya", "bagikan", "berlangganan", "komentar", "artikel terkait", "berita terkait",
        // Korean / Japanese / Chinese
        "광고", "관련기사", "관련 기사", "공유하기", "댓글", "구독", "広告", "関連記事", "シェア", "コメント", "続きを読む", "購読",
        "广告", "相关文章", "相关阅读", "分享", "评论", "阅读更多", "版权所有",
    ];

    // Headings that open a section of other stories or of comments, in many languages.
    private static readonly string[] SectionHeadings =
    [
        "related", "you may also like", "you might also like", "you may like", "more stories", "more from", "more news", "recommended",
        "read more", "read next", "read also", "also read", "most popular", "most read", "trending", "popular posts", "recent posts",
        "latest news", "latest stories", "comments", "leave a reply", "leave a comment", "join the conversation", "what others are reading",
        "more on this", "see also", "other stories", "editor's picks", "don't miss", "sponsored", "around the web", "from the web",
        "você pode gostar", "voce pode gostar", "veja também", "leia também", "leia mais", "relacionad", "notícias relacionadas",
        "posts relacionados", "mais lidas", "comentários", "deixe uma resposta", "deixe um comentário", "te puede interesar",
        "artículos relacionados", "noticias relacionadas", "lo más leído", "lesen sie auch", "mehr zum thema", "weitere artikel",
        "ähnliche artikel", "das könnte sie auch interessieren", "meistgelesen", "kommentare", "à lire aussi", "lire aussi",
        "articles similaires", "sur le même sujet", "potrebbe interessarti", "articoli correlati", "leggi anche", "commenti",
        "читайте также", "похожие", "самые популярные", "популярные", "mais populares", "más populares", "beliebteste",
        "les plus populaires", "più popolari", "populer", "popular", "по теме", "популярное", "комментарии", "смотрите также", "другие новости", "baca juga",
        "artikel terkait", "berita terkait", "berita lainnya", "terpopuler", "komentar", "관련", "많이 본", "댓글", "関連", "人気",
        "コメント", "相关", "推荐", "热门", "评论",
    ];

    /// <summary>True when a heading opens a section of other stories or comments ("Related", "Você pode gostar...").</summary>
    public static bool IsSectionHeading(string text)
    {
        if (text.Length > 50)
        {
            return false;
        }

        var trimmed = text.TrimStart(' ', '-', '—', '•', '»', '›', '>', '|', '#', '*');
        foreach (var phrase in SectionHeadings)
        {
            // The heading names the section and little else: "Related stories", not "Related post: Pickled Sprouts".
            if (trimmed.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) && trimmed.Length - phrase.Length <= 20 &&
                !trimmed.AsSpan(phrase.Length).Contains(':'))
            {
                return true;
            }
        }

        return false;
    }

    // Bylines: "By Jane Doe", "Por Fulano", "Von Max Muster"; only short lines that do not end like a sentence.
    private static readonly string[] BylinePrefixes = ["by ", "por ", "von ", "par ", "di ", "oleh ", "door ", "av ", "автор", "текст:", "written by "];

    /// <summary>True when a short block reads like page furniture.</summary>
    public static bool IsBoilerplate(string text)
    {
        if (text.Length > MaxLength)
        {
            return text.Length < 400 && IsCopyright(text);
        }

        if (text.Length < 80 && !EndsLikeSentence(text))
        {
            foreach (var prefix in BylinePrefixes)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && text.Length > prefix.Length && char.IsUpper(text[prefix.Length]))
                {
                    return true;
                }
            }
        }

        foreach (var prefix in Prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                // "Subscribe" is furniture; "Subscribers said" is a sentence: the phrase must end at a word boundary.
                if (text.Length == prefix.Length || !char.IsLetter(prefix[^1]) || !char.IsLetter(text[prefix.Length]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] CopyrightPhrases =
    [
        "all rights reserved", "todos os direitos reservados", "todos los derechos reservados", "alle rechte vorbehalten",
        "tous droits réservés", "tutti i diritti riservati", "все права защищены", "hak cipta dilindungi", "版权所有", "無断転載",
    ];

    private static bool IsCopyright(string text)
    {
        foreach (var phrase in CopyrightPhrases)
        {
            if (text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the text ends like a sentence (in any script).</summary>
    public static bool EndsLikeSentence(string text)
    {
        for (var i = text.Length - 1; i >= 0 && i >= text.Length - 4; i--)
        {
            var c = text[i];
            switch (c)
            {
                case '.' or '!' or '?' or '。' or '！' or '？' or '…' or ':' or ';' or '다' or '요':
                    return true;
                case '"' or '”' or '’' or '\'' or ')' or '»' or '」' or '』' or ' ':
                    continue;
                default:
                    return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherPunctuation && c is not ',' and not '、' and not '，';
            }
        }

        return false;
    }
}
