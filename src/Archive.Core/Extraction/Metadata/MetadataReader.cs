using Archive.Core.Extraction.Parsing;
using HtmlAgilityPack;

namespace Archive.Core.Extraction.Metadata;

/// <summary>
/// Reads the metadata of a page, each field from the best source the page offers: JSON-LD of the page's own article
/// first, then OpenGraph and article meta tags, then other meta conventions, then microdata, then what the page shows
/// around its headline (the h1, the byline, a time element, a date written in text). The source of every field is
/// recorded in <see cref="ArticleMetadata.Sources"/>. Bylines and dates are never read from comment sections, cards
/// of other stories, share widgets, navigation, asides or footers (see <see cref="ArticleRegion"/>).
/// </summary>
public static class MetadataReader
{
    private static readonly string[] PublishedMetaKeys =
    [
        "og:published_time", "published_time", "pubdate", "publishdate", "publish-date", "date", "dc.date", "dc.date.issued",
        "dcterms.created", "dcterms.issued", "parsely-pub-date", "sailthru.date", "article.published", "datepublished",
        "citation_publication_date", "citation_date", "citation_online_date",
    ];

    private static readonly string[] ModifiedMetaKeys = ["last-modified", "dcterms.modified", "datemodified", "article.updated"];

    private static readonly string[] AuthorMetaKeys = ["author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "citation_author", "twitter:creator"];

    /// <summary>Reads the metadata of a parsed page (for callers that hold a document; the extractor reads it during its own walk).</summary>
    public static ArticleMetadata Read(HtmlDocument document, Uri? pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        var dom = PageDom.Build(document, CancellationToken.None);
        foreach (var script in document.DocumentNode.Descendants("script"))
        {
            if (script.GetAttributeValue("type", "").Contains("ld+json", StringComparison.OrdinalIgnoreCase))
            {
                dom.Facts.JsonLd.Add(script.InnerHtml);
            }
        }

        return Read(dom, pageUrl).Metadata;
    }

    /// <summary>The metadata, plus what the page says about its own kind (JSON-LD types, og:type).</summary>
    internal static (ArticleMetadata Metadata, PageTypeHints Hints) Read(PageDom dom, Uri? pageUrl)
    {
        var facts = dom.Facts;
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var metas = facts.Metas;
        string? Meta(string key) => MetadataText.Meta(metas, key);

        string? Pick(string field, params (string Source, string? Value)[] candidates)
        {
            foreach (var (source, value) in candidates)
            {
                var clean = MetadataText.Clean(value);
                if (!string.IsNullOrEmpty(clean))
                {
                    sources[field] = source;
                    return clean;
                }
            }

            return null;
        }

        var canonical = facts.Links.FirstOrDefault(l => l.Key.Split(' ').Contains("canonical")).Value;
        var ld = JsonLdFacts.Read(facts.JsonLd, [pageUrl?.AbsoluteUri, MetadataText.Absolute(canonical, pageUrl), MetadataText.Absolute(Meta("og:url"), pageUrl)]);
        var siteName = Pick("siteName", ("og", Meta("og:site_name")), ("json-ld", ld.Publisher), ("meta", Meta("application-name")),
            ("meta", Meta("twitter:site")?.TrimStart('@')));
        var ogTitle = MetadataText.StripSiteName(MetadataText.Clean(Meta("og:title")), siteName);
        var region = ArticleRegion.Find(dom, [ld.Headline, ogTitle, MetadataText.StripSiteName(MetadataText.Clean(facts.Title), siteName)]);

        // The h1 that matches the page's titles, not the site's name in an h1 above it.
        var h1 = region.Headline >= 0 && dom.Nodes[region.Headline].Tag == Tag.H1 ? MetadataText.TextOf(dom.Nodes[region.Headline].Source) : null;
        var title = Pick("title",
            ("json-ld", ld.Headline),
            ("og", ogTitle),
            ("twitter", MetadataText.StripSiteName(MetadataText.Clean(Meta("twitter:title")), siteName)),
            ("h1", h1),
            ("title", MetadataText.StripSiteName(MetadataText.Clean(facts.Title), siteName)));
        var language = Pick("language",
            ("html", facts.Language),
            ("json-ld", ld.Language),
            ("og", Meta("og:locale")?.Replace('_', '-')),
            ("meta", Meta("content-language") ?? Meta("language") ?? Meta("dc.language")));

        var authors = ReadAuthors(region, ld, metas, siteName, sources);
        var shown = VisibleDateFinder.Find(region, MonthFirst(language));
        var jsonLdModified = new SourcedDate("json-ld", DateValue.Parse(ld.DateModified));
        var published = DatePrecedence.Published(
            [
                new("json-ld", DateValue.Parse(ld.DatePublished)),
                new("og", DateValue.Parse(Meta("article:published_time"))),
                new("meta", FirstDate(metas, PublishedMetaKeys)),
                new("microdata", ArticleItemprop(region, "datepublished")),
                new("json-ld", DateValue.Parse(ld.PageDatePublished)),
            ],
            jsonLdModified,
            shown,
            pageUrl ?? (Uri.TryCreate(MetadataText.Absolute(canonical, null), UriKind.Absolute, out var declaredAddress) ? declaredAddress : null));
        var modified = DatePrecedence.Modified(
            [
                jsonLdModified,
                new("og", DateValue.Parse(Meta("article:modified_time") ?? Meta("og:updated_time"))),
                new("meta", FirstDate(metas, ModifiedMetaKeys)),
                new("microdata", ArticleItemprop(region, "datemodified")),
                new("json-ld", DateValue.Parse(ld.PageDateModified)),
            ],
            shown.Modified);
        foreach (var (field, date) in (ReadOnlySpan<(string, SourcedDate)>)[("publishedTime", published), ("modifiedTime", modified)])
        {
            if (date.Value is not null)
            {
                sources[field] = date.Source;
            }
        }

        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void AddTags(string source, IEnumerable<string> values)
        {
            var before = tags.Count;
            foreach (var value in values)
            {
                var tag = MetadataText.Clean(value);
                if (!string.IsNullOrEmpty(tag) && tag.Length <= 100 && tags.Count < 100 && seen.Add(tag))
                {
                    tags.Add(tag);
                }
            }

            if (tags.Count > before)
            {
                sources.TryAdd("tags", source);
            }
        }

        AddTags("og", metas.Where(m => m.Key == "article:tag").Select(m => m.Value));
        AddTags("json-ld", ld.Keywords);
        AddTags("meta", MetadataText.SplitList(Meta("news_keywords")));
        AddTags("meta", MetadataText.SplitList(Meta("keywords")));

        var canonicalUrl = Pick("canonicalUrl", ("link", MetadataText.Absolute(canonical, pageUrl)), ("og", MetadataText.Absolute(Meta("og:url"), pageUrl)),
            ("json-ld", MetadataText.Absolute(ld.Url, pageUrl)));
        // Relative image addresses resolve against the page's address, or failing that its canonical one.
        var baseUrl = pageUrl ?? (Uri.TryCreate(canonicalUrl, UriKind.Absolute, out var canonicalBase) ? canonicalBase : null);

        var metadata = new ArticleMetadata
        {
            Title = title,
            Authors = authors,
            PublishedTime = published.Value,
            ModifiedTime = modified.Value,
            Tags = tags,
            Section = Pick("section", ("json-ld", ld.Section), ("og", Meta("article:section")),
                ("meta", Meta("section") ?? Meta("parsely-section") ?? Meta("category"))),
            CanonicalUrl = canonicalUrl,
            SiteName = siteName,
            Language = language,
            Description = Pick("description", ("json-ld", ld.Description), ("og", Meta("og:description")),
                ("meta", Meta("description")), ("twitter", Meta("twitter:description"))),
            LeadImage = Pick("leadImage", ("json-ld", MetadataText.Absolute(ld.Image, baseUrl)), ("og", MetadataText.Absolute(Meta("og:image"), baseUrl)),
                ("twitter", MetadataText.Absolute(Meta("twitter:image") ?? Meta("twitter:image:src"), baseUrl))),
            Sources = sources,
        };
        var hints = new PageTypeHints(ld.Types, Meta("og:type"), ld.HasArticle, ld.ArticleBody, ld.NotFree);
        return (metadata, hints);
    }

    /// <summary>
    /// The article's authors: JSON-LD, then meta tags, then the article's own microdata, then its visible byline. A
    /// declared author that is only the site's own name gives way to a person named in the byline.
    /// </summary>
    private static List<string> ReadAuthors(ArticleRegion region, JsonLdFacts ld, List<KeyValuePair<string, string>> metas, string? siteName, Dictionary<string, string> sources)
    {
        var (declared, source) = DeclaredAuthors(region, ld, metas);
        var shown = BylineFinder.Find(region);
        bool OnlySite(List<string> names) => siteName is not null && names.All(name => SameName(name, siteName));
        var (authors, from) =
            declared.Count > 0 && !OnlySite(declared) ? (declared, source)
            : shown.Count > 0 && !OnlySite(shown) ? (shown, "byline")
            : declared.Count > 0 ? (declared, source)
            : (shown, "byline");
        if (authors.Count > 0)
        {
            sources["authors"] = from;
        }

        return authors;
    }

    private static (List<string> Names, string Source) DeclaredAuthors(ArticleRegion region, JsonLdFacts ld, List<KeyValuePair<string, string>> metas)
    {
        if (AuthorNames.Clean(ld.Authors) is { Count: > 0 } fromLd)
        {
            return (fromLd, "json-ld");
        }

        foreach (var key in AuthorMetaKeys)
        {
            // Scholarly citation tags hold one author each, family name first: "Roy, Aniruddha".
            var values = metas.Where(m => m.Key == key).Select(m => key == "citation_author" ? AuthorNames.FromSortName(m.Value) : m.Value);
            var names = AuthorNames.Clean(values);
            if (names.Count > 0)
            {
                return (names, key.StartsWith("article:", StringComparison.Ordinal) ? "og" : "meta");
            }
        }

        return (AuthorNames.Clean(ArticleItemprops(region, "author")), "microdata");
    }

    private static bool SameName(string name, string siteName)
    {
        var a = Content.ContentExtractor.Key(name);
        var b = Content.ContentExtractor.Key(siteName);
        // "Corti" for "Corti AI" is the site; "Jane Doe, Example News" is a person at the site.
        return a.Length > 0 && (a == b || (a.Length > 3 && b.Contains(a, StringComparison.Ordinal)));
    }

    /// <summary>The values of an itemprop outside comments, other stories' cards and the like, anywhere on the page.</summary>
    private static IEnumerable<string?> ArticleItemprops(ArticleRegion region, string name)
    {
        foreach (var (key, node) in region.Dom.Facts.Itemprops)
        {
            if (key == name && region.IndexOf(node) is var index && index >= 0 && !region.IsExcluded(index))
            {
                yield return MetadataText.PropertyValue(node);
            }
        }
    }

    private static DateTimeOffset? ArticleItemprop(ArticleRegion region, string name) =>
        ArticleItemprops(region, name).Select(DateValue.Parse).FirstOrDefault(d => d is not null);

    private static DateTimeOffset? FirstDate(List<KeyValuePair<string, string>> metas, string[] keys)
    {
        foreach (var key in keys)
        {
            if (DateValue.Parse(MetadataText.Meta(metas, key)) is { } date)
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>American English writes the month first ("11/14/2025"); a bare "en" is taken for it, other tags are not.</summary>
    private static bool MonthFirst(string? language) =>
        language is not null && (language.Equals("en", StringComparison.OrdinalIgnoreCase) || language.StartsWith("en-us", StringComparison.OrdinalIgnoreCase));
}
