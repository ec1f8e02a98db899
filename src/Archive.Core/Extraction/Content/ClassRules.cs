namespace Archive.Core.Extraction.Content;

/// <summary>What the class and id names of an element say about it.</summary>
[Flags]
internal enum ClassVerdict : byte
{
    None = 0,

    /// <summary>Names that article bodies wear: article, content, body, entry, post, story, text.</summary>
    Positive = 1,

    /// <summary>Names of page furniture that can also wrap content (sidebar, header, footer, meta, widget).</summary>
    Negative = 2,

    /// <summary>Names that never wrap article text (comments, share bars, related stories, ads, newsletters, captions).</summary>
    Boilerplate = 4,

    /// <summary>Names of content hidden from readers (hidden, sr-only, visually-hidden).</summary>
    Hidden = 8,

    /// <summary>Names of reader comments, which can outweigh the article and must never be taken for it.</summary>
    Comments = 16,
}

/// <summary>
/// Reads class and id attributes the way Readability and trafilatura do: by the words in them, never by one site's
/// exact names. Each space-separated name is split into words at punctuation; the last meaningful word decides what the
/// name says (in <c>entry-meta</c> the entry is about meta, in <c>article-body</c> the article is about a body).
/// </summary>
internal static class ClassRules
{
    // Substrings that mark furniture whatever else the name says.
    private static readonly string[] BoilerplateParts =
    [
        "comment", "disqus", "related", "newsletter", "share", "sharing", "social", "cookie", "consent", "gdpr", "advert",
        "outbrain", "taboola", "promo", "subscri", "recommend", "trending", "breadcrumb", "sponsor", "signup", "ticker", "breaking",
        "popup", "modal", "lightbox", "byline", "caption", "credit", "popular", "mostread", "most-read", "readmore",
        "read-more", "readnext", "read-next", "readalso", "also-read", "more-stories", "morestories", "more-articles",
        "skiplink", "skip-link", "jump-link", "newsfeed", "reactions", "follow-us", "followus", "author-bio", "authorbio",
        "author-info", "about-author", "about-the-author", "donate", "carousel", "slideshow", "gallery", "print-only",
        "wp-caption", "toc-", "tooltip", "dateline", "timestamp", "publish-date", "pubdate", "post-date", "entry-date",
        "article-date", "updated-date", "nocontent", "login", "register", "upsell", "masthead", "pagination", "pager",
    ];

    // Whole words that mark furniture whatever else the name says.
    private static readonly HashSet<string> BoilerplateWords = new(StringComparer.Ordinal)
    {
        "ad", "ads", "adv", "adsense", "adslot", "adunit", "adbox", "adwrap", "adzone", "dfp", "banner", "tags", "tag", "keywords",
        "bio", "tools", "toolbar", "print", "email", "rss", "feedback", "rating", "ratings", "vote", "poll", "survey", "author",
        "authors", "date", "time", "published", "updated", "meta", "metadata", "info", "source", "sources", "disclaimer",
        "copyright", "legal", "teaser", "teasers", "more", "next", "prev", "previous", "pages", "topics", "categories", "category",
        "label", "labels", "badge", "icon", "icons", "button", "buttons", "btn", "cta", "alert", "notice", "nav", "navbar",
        "navigation", "menu", "submenu", "dropdown", "search", "sidebar", "rail", "aside", "widget", "widgets", "footer",
        "header", "extra", "extras", "supplemental", "secondary", "complementary",
    };

    // Whole words that article bodies wear.
    private static readonly HashSet<string> PositiveWords = new(StringComparer.Ordinal)
    {
        "article", "articles", "content", "contents", "body", "entry", "post", "story", "main", "text", "blog", "prose", "copy",
        "richtext", "articlebody", "storybody", "postbody", "entrycontent", "postcontent", "maincontent", "bodytext", "detail",
        "details", "hentry", "news", "page", "paragraph", "paragraphs",
    };

    // Words that name the wrapper rather than what it wraps.
    private static readonly HashSet<string> NeutralWords = new(StringComparer.Ordinal)
    {
        "wrap", "wrapper", "container", "inner", "outer", "block", "box", "area", "holder", "module", "component", "section",
        "col", "column", "row", "grid", "layout", "region", "zone", "panel", "group", "part", "el", "item", "items", "list", "js",
        "is", "has", "l", "c", "m", "s", "xs", "sm", "md", "lg", "xl", "full", "width", "clearfix", "cf", "fix", "v", "new", "old",
        "top", "bottom", "left", "right", "center", "single", "default", "primary", "standard", "base", "global", "field",
        "fields", "view", "views", "type", "id", "node", "unit",
    };

    private static readonly HashSet<string> HiddenNames = new(StringComparer.Ordinal)
    {
        "hidden", "hide", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "screenreader", "offscreen",
        "element-invisible", "is-hidden", "u-hidden", "d-none", "invisible", "hidden-xs", "hidden-sm", "hidden-md", "hidden-lg",
    };

    /// <summary>Judges an element by its class and id values (either may be null).</summary>
    public static ClassVerdict Judge(string? classValue, string? idValue) => Judge(classValue, idValue, out _);

    /// <summary>Judges an element by its class and id values; <paramref name="negativeWord"/> is the word that made it <see cref="ClassVerdict.Negative"/>.</summary>
    public static ClassVerdict Judge(string? classValue, string? idValue, out string? negativeWord)
    {
        var verdict = ClassVerdict.None;
        negativeWord = null;
        if (!string.IsNullOrEmpty(classValue))
        {
            verdict |= JudgeValue(classValue, isId: false, ref negativeWord);
        }

        if (!string.IsNullOrEmpty(idValue))
        {
            verdict |= JudgeValue(idValue, isId: true, ref negativeWord);
        }

        return verdict;
    }

    private static ClassVerdict JudgeValue(string value, bool isId, ref string? negativeWord)
    {
        var verdict = ClassVerdict.None;
        var lower = value.Length <= 400 ? value.ToLowerInvariant() : value[..400].ToLowerInvariant();
        var names = isId ? [lower.Trim()] : lower.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var hasPositive = false;
        var hasNegative = false;
        foreach (var name in names)
        {
            if (HiddenNames.Contains(name))
            {
                verdict |= ClassVerdict.Hidden;
                continue;
            }

            if (name.Contains("comment", StringComparison.Ordinal) || name.Contains("disqus", StringComparison.Ordinal))
            {
                verdict |= ClassVerdict.Comments;
            }

            foreach (var part in BoilerplateParts)
            {
                if (name.Contains(part, StringComparison.Ordinal))
                {
                    verdict |= ClassVerdict.Boilerplate;
                    break;
                }
            }

            var head = HeadWord(name);
            if (head is null)
            {
                continue;
            }

            if (PositiveWords.Contains(head))
            {
                hasPositive = true;
            }
            else if (BoilerplateWords.Contains(head))
            {
                hasNegative = true;
                negativeWord ??= head;
            }
        }

        if (hasPositive)
        {
            verdict |= ClassVerdict.Positive;
        }
        else if (hasNegative)
        {
            verdict |= ClassVerdict.Negative;
        }

        return verdict;
    }

    /// <summary>The last word of a class name that is not a wrapper word, a number or a size.</summary>
    private static string? HeadWord(string name)
    {
        var end = StateStart(name);
        while (end > 0)
        {
            var start = end;
            while (start > 0 && char.IsLetterOrDigit(name[start - 1]))
            {
                start--;
            }

            if (start < end)
            {
                var word = name[start..end];
                if (!NeutralWords.Contains(word) && !char.IsDigit(word[0]))
                {
                    return word;
                }
            }

            end = start - 1;
        }

        return null;
    }

    // Words after which a name says what state its element is in, not what it is: content-has-sidebar, post-with-comments.
    private static readonly string[] StateWords = ["has", "with", "without", "no", "is"];

    /// <summary>Where the state part of a name begins (<c>-has-</c>, <c>-with-</c>, <c>is-</c>...), or its length.</summary>
    private static int StateStart(string name)
    {
        var start = 0;
        while (start < name.Length)
        {
            var end = start;
            while (end < name.Length && char.IsLetterOrDigit(name[end]))
            {
                end++;
            }

            if (end > start && end < name.Length && Array.IndexOf(StateWords, name[start..end]) >= 0)
            {
                return Math.Max(start - 1, 0);
            }

            start = end + 1;
        }

        return name.Length;
    }
}
