using Archive.Core.Extraction.Content;
using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Metadata;

/// <summary>
/// Where on the page the article's own byline and dates may be read: a window of text around the headline, and the
/// parts of the page that never speak for the article (comment sections, related-story cards, share and follow
/// widgets, navigation, asides, footers, captions, other articles' cards).
/// </summary>
/// <remarks>
/// The rules are generic: tags and ARIA roles, words in class, id and aria-label values, schema.org item types, and
/// headings that open a section of comments or other stories. A part of the page that holds the headline is never
/// excluded, whatever its class says ("post has-comments"). The window runs from a little before the headline to the
/// start of the body: a byline or a date further down belongs to something else (a comment, a card, the prose).
/// </remarks>
internal sealed class ArticleRegion
{
    /// <summary>Characters of text before the headline that still count as its surroundings (a date above it).</summary>
    private const int CharsBefore = 300;

    /// <summary>Characters of the article's text after the headline that still count as its surroundings (dek, byline, dateline).</summary>
    private const int CharsAfter = 1500;

    /// <summary>The window also ends after this many paragraphs of prose: the body has begun.</summary>
    private const int ProseParagraphs = 2;

    /// <summary>Characters of the article's text after the headline in the wider window (a byline after a table of contents).</summary>
    private const int FarCharsAfter = 4000;

    /// <summary>Paragraphs of prose in the wider window.</summary>
    private const int FarProseParagraphs = 5;

    /// <summary>A text of at least this many characters is a paragraph of prose.</summary>
    private const int ProseLength = 200;

    /// <summary>A window holds at most this many nodes (a page of empty elements after its headline).</summary>
    private const int MaxWindowNodes = 3000;

    /// <summary>A fallback headline has at least this many letters: a shorter h1 is a logo.</summary>
    private const int MinFallbackHeadline = 20;

    /// <summary>A heading is the headline when the shorter of it and a title is at least this share of the longer, one holding the other.</summary>
    private const double MinTitleMatch = 0.4;

    // Words of class, id and aria-label values naming parts that never carry the article's byline or dates.
    private static readonly HashSet<string> ForeignWords = new(StringComparer.Ordinal)
    {
        "comment", "comments", "commentlist", "commentary", "disqus", "reply", "replies", "respond", "responses", "discussion",
        "discussions", "forum", "related", "relatedposts", "recommended", "recommendations", "recommendation", "recommend", "share",
        "shares", "sharing", "sharebar", "social", "socials", "follow", "trending", "popular", "mostread", "mostpopular",
        "promo", "promotion", "sidebar", "teaser", "teasers", "sponsored", "sponsor", "outbrain", "taboola", "carousel", "slider",
        "ticker", "breaking", "breadcrumb", "breadcrumbs", "menu", "nav", "navbar", "navigation", "footer", "subscribe", "signup",
        "cookie", "cookies", "consent", "modal", "popup", "ad", "ads", "advert", "advertisement", "readmore", "readnext",
        "upnext", "morestories", "moreposts", "morearticles", "kommentare", "commentaires", "comentarios", "commenti", "reviews",
        "testimonials", "caption", "figcaption", "credit", "credits", "tooltip", "popover",
    };

    // A name that mentions the byline or author is the byline's own box even when it also holds share buttons.
    private static readonly string[] BylineParts = ["byline", "author", "writer", "autor", "auteur", "contributor"];

    private readonly PageDom _dom;

    private readonly int[] _offsets;

    // 0: not yet known, 1: open, 2: excluded.
    private readonly byte[] _excluded;

    private readonly List<(int Start, int End)> _foreignRanges = [];

    private readonly Dictionary<string, bool> _foreignNames = new(StringComparer.Ordinal);

    private readonly List<int> _path = new(32);

    private int _afterAnchor;

    private Dictionary<HtmlAgilityPack.HtmlNode, int>? _itempropIndexes;

    private ArticleRegion(PageDom dom, int[] offsets)
    {
        _dom = dom;
        _offsets = offsets;
        _excluded = new byte[dom.Count];
    }

    /// <summary>The headline element's index, or -1 when none was found.</summary>
    public int Headline { get; private set; } = -1;

    /// <summary>The first node of the window.</summary>
    public int Start { get; private set; }

    /// <summary>One past the last node of the window.</summary>
    public int End { get; private set; }

    /// <summary>One past the last node of the wider window, where only explicit bylines (author links, properties, classes) are read.</summary>
    public int FarEnd { get; private set; }

    /// <summary>The page the region is on.</summary>
    public PageDom Dom => _dom;

    /// <summary>Finds the headline (the h1 that matches one of <paramref name="titles"/>, else the first usable h1) and the window around it.</summary>
    public static ArticleRegion Find(PageDom dom, IReadOnlyList<string?> titles)
    {
        var offsets = new int[dom.Count + 1];
        var running = 0;
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        for (var i = 0; i < nodes.Length; i++)
        {
            offsets[i] = running;
            if (nodes[i].Text is { } text)
            {
                running += text.AsSpan().Trim().Length;
            }
        }

        offsets[dom.Count] = running;
        var region = new ArticleRegion(dom, offsets);
        region.Headline = region.FindHeadline(titles);
        region.MarkOtherArticles();
        region.SetStart();

        // Sections are marked as far as the wider window reaches, before anything else is judged.
        region.FarEnd = region.ProvisionalEnd();
        region.MarkForeignSections();
        Array.Clear(region._excluded);
        region.SetEnds();
        return region;
    }

    /// <summary>The text inside node <paramref name="index"/>, its text nodes joined as they are.</summary>
    public string Text(int index)
    {
        var nodes = _dom.Nodes;
        var end = nodes[index].End;
        if (index + 1 < end && end - index == 2 && nodes[index + 1].Text is { } only)
        {
            return only;
        }

        var builder = new System.Text.StringBuilder();
        for (var i = index; i < end; i++)
        {
            builder.Append(nodes[i].Text);
        }

        return builder.ToString();
    }

    /// <summary>Characters of text inside node <paramref name="index"/>.</summary>
    public int TextLength(int index) => _offsets[_dom.Nodes[index].End] - _offsets[index];

    /// <summary>The index of an element with an itemprop (see <see cref="PageFacts.Itemprops"/>), or -1.</summary>
    public int IndexOf(HtmlAgilityPack.HtmlNode node)
    {
        if (_itempropIndexes is null)
        {
            var wanted = _dom.Facts.Itemprops.Select(p => p.Value).ToHashSet();
            _itempropIndexes = new Dictionary<HtmlAgilityPack.HtmlNode, int>(wanted.Count);
            var nodes = _dom.Nodes;
            for (var i = 0; i < nodes.Count && _itempropIndexes.Count < wanted.Count; i++)
            {
                if (nodes[i].Tag != Tag.Text && wanted.Contains(nodes[i].Source))
                {
                    _itempropIndexes[nodes[i].Source] = i;
                }
            }
        }

        return _itempropIndexes.GetValueOrDefault(node, -1);
    }

    /// <summary>True when <paramref name="index"/> contains the headline.</summary>
    public bool HoldsHeadline(int index) => Headline >= 0 && index <= Headline && Headline < _dom.Nodes[index].End;

    /// <summary>True when node <paramref name="index"/> lies in a part of the page that does not speak for the article.</summary>
    public bool IsExcluded(int index)
    {
        // Climb to the nearest ancestor already judged, then judge the way back down.
        var path = _path;
        path.Clear();
        var current = index;
        while (current >= 0 && _excluded[current] == 0)
        {
            path.Add(current);
            current = _dom.Nodes[current].Parent;
        }

        var excluded = current >= 0 && _excluded[current] == 2;
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var node = path[i];
            excluded = excluded || (!HoldsHeadline(node) && (IsForeign(node) || InForeignRange(node)));
            _excluded[node] = excluded ? (byte)2 : (byte)1;
        }

        return excluded;
    }

    /// <summary>
    /// The heading (h1 to h3) most like one of the titles ("Headline | Site" holds the site's h1 too, so the closest in
    /// length wins), else the first h1.
    /// </summary>
    private int FindHeadline(IReadOnlyList<string?> titles)
    {
        var keys = titles.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => ContentExtractor.Key(t!)).Where(k => k.Length >= 4).ToList();
        var nodes = _dom.Nodes;
        var firstH1 = -1;
        var anyH1 = -1;
        var best = -1;
        var bestScore = MinTitleMatch;

        // Only headings of about a title's length can match one: the others are not read at all.
        var shortest = keys.Count == 0 ? 0 : (int)(keys.Min(k => k.Length) * MinTitleMatch);
        var longest = keys.Count == 0 ? 0 : (int)(keys.Max(k => k.Length) / MinTitleMatch) + 40;
        for (var i = 0; i < nodes.Count; i++)
        {
            var tag = nodes[i].Tag;
            if (tag is not (Tag.H1 or Tag.H2 or Tag.H3) || TextLength(i) is < 4 or > 400 || (nodes[i].Flags & NodeFlags.InLink) != 0 ||
                (firstH1 >= 0 && (TextLength(i) < shortest || TextLength(i) > longest)) || InFurnitureTag(i))
            {
                continue;
            }

            var key = ContentExtractor.Key(Text(i));
            if (key.Length < 4)
            {
                continue;
            }

            // Without a match, the first h1 that is not a logo (the site's name, a few words) stands in.
            firstH1 = firstH1 < 0 && tag == Tag.H1 && key.Length >= MinFallbackHeadline ? i : firstH1;
            anyH1 = anyH1 < 0 && tag == Tag.H1 ? i : anyH1;
            foreach (var title in keys)
            {
                var shorter = Math.Min(title.Length, key.Length);
                var score = (double)shorter / Math.Max(title.Length, key.Length) - (tag - Tag.H1) * 0.01;
                if (score > bestScore && (title.Contains(key, StringComparison.Ordinal) || key.Contains(title, StringComparison.Ordinal)))
                {
                    (best, bestScore) = (i, score);
                }
            }
        }

        return best >= 0 ? best : firstH1 >= 0 ? firstH1 : anyH1;
    }

    private bool InArticleOrMain(int index)
    {
        for (var i = _dom.Nodes[index].Parent; i >= 0; i = _dom.Nodes[i].Parent)
        {
            if (_dom.Nodes[i].Tag is Tag.Article or Tag.Main)
            {
                return true;
            }
        }

        return false;
    }

    private bool InFurnitureTag(int index)
    {
        for (var i = _dom.Nodes[index].Parent; i >= 0; i = _dom.Nodes[i].Parent)
        {
            if (_dom.Nodes[i].Tag is Tag.Nav or Tag.Aside or Tag.Footer)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Other articles on the page (cards of related stories, a list of posts, comments written as articles) are
    /// foreign: every article container but the one holding the headline, or, without a headline, the one with most text.
    /// </summary>
    private void MarkOtherArticles()
    {
        var containers = new List<int>();
        var nodes = _dom.Nodes;
        var items = ArticleItems();
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Tag == Tag.Article || (items.Count > 0 && nodes[i].Tag != Tag.Text && items.Contains(nodes[i].Source)))
            {
                containers.Add(i);
            }
        }

        if (containers.Count == 0)
        {
            return;
        }

        // Without one around the headline, the article with most text is the body and the others are cards.
        var main = containers.FirstOrDefault(HoldsHeadline, -1);
        main = main >= 0 ? main : containers.MaxBy(TextLength);
        foreach (var container in containers)
        {
            // Containers inside the main one are cards within it; containers around it hold it.
            if (container != main && !HoldsHeadline(container))
            {
                _foreignRanges.Add((container, nodes[container].End));
            }
        }
    }

    /// <summary>Microdata items of the article family (itemtype Article, NewsArticle, BlogPosting...), found above their properties.</summary>
    private HashSet<HtmlAgilityPack.HtmlNode> ArticleItems()
    {
        var items = new HashSet<HtmlAgilityPack.HtmlNode>();
        var seen = new HashSet<HtmlAgilityPack.HtmlNode>();
        foreach (var (_, property) in _dom.Facts.Itemprops)
        {
            for (var node = property.ParentNode; node is not null && seen.Add(node); node = node.ParentNode)
            {
                if (node.HasAttributes && node.GetAttributeValue("itemtype", null) is { } type)
                {
                    if (type.Contains("Article", StringComparison.Ordinal) || type.Contains("BlogPosting", StringComparison.Ordinal))
                    {
                        items.Add(node);
                    }

                    break;
                }
            }
        }

        return items;
    }

    /// <summary>Where the window starts: a little before the headline, or before the first article or main element.</summary>
    private void SetStart()
    {
        var nodes = _dom.Nodes;
        var anchor = Headline;
        if (anchor < 0)
        {
            anchor = 0;
            for (var i = 0; i < nodes.Count; i++)
            {
                if (nodes[i].Tag is Tag.Article or Tag.Main && !IsExcluded(i))
                {
                    anchor = i;
                    break;
                }
            }
        }

        var start = anchor;
        while (start > 0 && _offsets[anchor] - _offsets[start - 1] <= CharsBefore)
        {
            start--;
        }

        Start = start;
        _afterAnchor = Headline >= 0 ? nodes[Headline].End : anchor;
    }

    /// <summary>Where the wider window may reach, before anything is judged: all text counts, twice as far.</summary>
    private int ProvisionalEnd()
    {
        var nodes = _dom.Nodes;
        var end = _afterAnchor;
        var counted = 0;
        while (end < nodes.Count && end - Start < MaxWindowNodes && counted <= 2 * FarCharsAfter)
        {
            counted += nodes[end].Text is { } text ? text.AsSpan().Trim().Length : 0;
            end++;
        }

        return end;
    }

    /// <summary>
    /// Where the window and the wider window end: after so many characters of the article's own text past the
    /// headline, or after so many paragraphs of its prose. Text of excluded parts does not count, so a box of other
    /// stories that grows or shrinks between two visits does not move the windows.
    /// </summary>
    private void SetEnds()
    {
        var nodes = _dom.Nodes;
        var end = _afterAnchor;
        var counted = 0;
        var prose = 0;
        End = -1;
        while (end < nodes.Count && end - Start < MaxWindowNodes && counted <= FarCharsAfter && prose < FarProseParagraphs)
        {
            if (End < 0 && (counted > CharsAfter || prose >= ProseParagraphs))
            {
                End = end;
            }

            if (nodes[end].Text is { } text && !IsExcluded(end))
            {
                var length = text.AsSpan().Trim().Length;
                counted += length;
                prose += length >= ProseLength ? 1 : 0;
            }

            end++;
        }

        FarEnd = end;
        End = End < 0 ? end : End;
    }

    private bool InForeignRange(int index)
    {
        foreach (var (start, end) in _foreignRanges)
        {
            if (index >= start && index < end)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the element itself names a part that does not speak for the article.</summary>
    private bool IsForeign(int index)
    {
        ref var node = ref _dom[index];
        if (node.Tag == Tag.Text)
        {
            return false;
        }

        if (node.Tag == Tag.Header)
        {
            // The site's header, not the article's: inside an article or the main part it holds the byline and date.
            return !InArticleOrMain(index);
        }

        if (node.Tag is Tag.Nav or Tag.Aside or Tag.Footer or Tag.Figure or Tag.Figcaption or Tag.Form || node.Furniture ||
            (node.Verdict & ClassVerdict.Comments) != 0)
        {
            return true;
        }

        var marks = ElementMarks.Of(node.Source);
        return (marks.Role is { } role && role.Contains("comment", StringComparison.OrdinalIgnoreCase)) ||
               (marks.ItemType is { } itemType && (itemType.Contains("Comment", StringComparison.Ordinal) || itemType.EndsWith("/Review", StringComparison.Ordinal))) ||
               (marks.ItemProp is { } itemProp && (itemProp.Contains("comment", StringComparison.OrdinalIgnoreCase) || itemProp.Contains("review", StringComparison.OrdinalIgnoreCase))) ||
               NamesForeignPart(marks.Class) || NamesForeignPart(marks.Id) || NamesForeignPart(marks.AriaLabel);
    }

    /// <summary>Class values repeat across a page: each is read once.</summary>
    private bool NamesForeignPart(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (!_foreignNames.TryGetValue(value, out var foreign))
        {
            foreign = ReadsForeign(value);
            _foreignNames[value] = foreign;
        }

        return foreign;
    }

    /// <summary>A heading such as "Comments" or "Related stories": it and everything after it in its parent are foreign.</summary>
    private void MarkForeignSections()
    {
        // Only sections that reach into the window matter.
        var nodes = _dom.Nodes;
        for (var i = 0; i < FarEnd; i++)
        {
            if (Tags.HeadingLevel(nodes[i].Tag) < 2 || TextLength(i) is 0 or > 80 || nodes[i].Parent < 0 || nodes[nodes[i].Parent].End <= Start)
            {
                continue;
            }

            var text = MetadataText.Clean(Text(i))!;
            if (BoilerplateText.IsSectionHeading(text) || CountsComments(text))
            {
                // A section heading above the headline ("Trending" over the page) reaches no further than the headline.
                var end = nodes[nodes[i].Parent].End;
                _foreignRanges.Add((i, i < Headline && end > Headline ? Headline : end));
            }
        }
    }

    /// <summary>"12 Comments", "3 responses to …".</summary>
    private static bool CountsComments(string text)
    {
        var trimmed = text.TrimStart();
        var digits = 0;
        while (digits < trimmed.Length && char.IsAsciiDigit(trimmed[digits]))
        {
            digits++;
        }

        if (digits == 0 || trimmed.Length > 80)
        {
            return false;
        }

        var rest = trimmed[digits..].TrimStart().ToLowerInvariant();
        return rest.StartsWith("comment", StringComparison.Ordinal) || rest.StartsWith("response", StringComparison.Ordinal) ||
               rest.StartsWith("repl", StringComparison.Ordinal) || rest.StartsWith("thought", StringComparison.Ordinal) ||
               rest.StartsWith("kommentar", StringComparison.Ordinal) || rest.StartsWith("commentaire", StringComparison.Ordinal) ||
               rest.StartsWith("comentario", StringComparison.Ordinal) || rest.StartsWith("comentário", StringComparison.Ordinal) ||
               rest.StartsWith("коммент", StringComparison.Ordinal);
    }

    private static bool ReadsForeign(string value)
    {
        if (value.Length > 400)
        {
            return false;
        }

        var lower = value.ToLowerInvariant();
        foreach (var part in BylineParts)
        {
            if (lower.Contains(part, StringComparison.Ordinal))
            {
                return false;
            }
        }

        var start = 0;
        for (var i = 0; i <= lower.Length; i++)
        {
            if (i == lower.Length || !char.IsLetter(lower[i]))
            {
                if (i > start && ForeignWords.Contains(lower[start..i]))
                {
                    return true;
                }

                start = i + 1;
            }
        }

        // Joined words: "relatedArticles" was lowered to "relatedarticles", "more-stories" split above.
        return lower.Contains("comment", StringComparison.Ordinal) || lower.Contains("related", StringComparison.Ordinal) ||
               lower.Contains("disqus", StringComparison.Ordinal) || lower.Contains("youmay", StringComparison.Ordinal) ||
               lower.Contains("you-may", StringComparison.Ordinal) || lower.Contains("more-stor", StringComparison.Ordinal) ||
               lower.Contains("more-from", StringComparison.Ordinal) || lower.Contains("read-more", StringComparison.Ordinal) ||
               lower.Contains("read-next", StringComparison.Ordinal) || lower.Contains("also-read", StringComparison.Ordinal);
    }
}
