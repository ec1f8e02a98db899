using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Archive.Core.Extraction.Parsing;
using HtmlAgilityPack;

namespace Archive.Core.Extraction;

/// <summary>
/// Reads the metadata a page declares, each field from the best source the page offers: JSON-LD first, then OpenGraph
/// and article meta tags, then other meta conventions, then plain HTML (h1, title, time, bylines). The source of every
/// field is recorded in <see cref="ArticleMetadata.Sources"/>. Malformed JSON-LD is skipped, never fatal.
/// </summary>
public static class MetadataReader
{
    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " : ", " · ", " • ", " « ", " » ", " / ", "｜"];

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

        return Read(dom.Facts, pageUrl).Metadata;
    }

    /// <summary>The metadata, plus what the page says about its own kind (JSON-LD types, og:type).</summary>
    internal static (ArticleMetadata Metadata, PageTypeHints Hints) Read(PageFacts facts, Uri? pageUrl)
    {
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var ld = JsonLdFacts.Read(facts.JsonLd);
        var metas = facts.Metas;

        string? Pick(string field, params (string Source, string? Value)[] candidates)
        {
            foreach (var (source, value) in candidates)
            {
                var clean = Clean(value);
                if (!string.IsNullOrEmpty(clean))
                {
                    sources[field] = source;
                    return clean;
                }
            }

            return null;
        }

        var siteName = Pick("siteName", ("og", Meta(metas, "og:site_name")), ("json-ld", ld.Publisher), ("meta", Meta(metas, "application-name")),
            ("meta", Meta(metas, "twitter:site")?.TrimStart('@')));
        var h1 = facts.FirstH1 is null ? null : TextOf(facts.FirstH1);
        var title = Pick("title",
            ("json-ld", ld.Headline),
            ("og", StripSiteName(Clean(Meta(metas, "og:title")), siteName)),
            ("twitter", StripSiteName(Clean(Meta(metas, "twitter:title")), siteName)),
            ("h1", h1),
            ("title", StripSiteName(Clean(facts.Title), siteName)));

        var authors = ReadAuthors(facts, ld, metas, sources);

        var published = PickDate(sources, "publishedTime",
            ("json-ld", ld.DatePublished),
            ("og", Meta(metas, "article:published_time")),
            ("meta", Meta(metas, "og:published_time") ?? Meta(metas, "published_time") ?? Meta(metas, "pubdate") ?? Meta(metas, "publishdate") ??
                     Meta(metas, "publish-date") ?? Meta(metas, "date") ?? Meta(metas, "dc.date") ?? Meta(metas, "dc.date.issued") ??
                     Meta(metas, "dcterms.created") ?? Meta(metas, "parsely-pub-date") ?? Meta(metas, "sailthru.date") ??
                     Meta(metas, "article.published") ?? Meta(metas, "datepublished")),
            ("microdata", Itemprop(facts, "datepublished")),
            ("time", facts.Times.Count > 0 ? facts.Times[0].GetAttributeValue("datetime", null) : null));
        var modified = PickDate(sources, "modifiedTime",
            ("json-ld", ld.DateModified),
            ("og", Meta(metas, "article:modified_time") ?? Meta(metas, "og:updated_time")),
            ("meta", Meta(metas, "last-modified") ?? Meta(metas, "dcterms.modified") ?? Meta(metas, "datemodified") ?? Meta(metas, "article.updated")),
            ("microdata", Itemprop(facts, "datemodified")));

        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void AddTags(string source, IEnumerable<string> values)
        {
            var before = tags.Count;
            foreach (var value in values)
            {
                var tag = Clean(value);
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
        AddTags("meta", SplitList(Meta(metas, "news_keywords")));
        AddTags("meta", SplitList(Meta(metas, "keywords")));

        var canonical = facts.Links.FirstOrDefault(l => l.Key.Split(' ').Contains("canonical")).Value;
        var canonicalUrl = Pick("canonicalUrl", ("link", Absolute(canonical, pageUrl)), ("og", Absolute(Meta(metas, "og:url"), pageUrl)), ("json-ld", Absolute(ld.Url, pageUrl)));
        // Relative image addresses resolve against the page's address, or failing that its canonical one.
        var baseUrl = pageUrl ?? (Uri.TryCreate(canonicalUrl, UriKind.Absolute, out var canonicalBase) ? canonicalBase : null);
        var language = Pick("language",
            ("html", facts.Language),
            ("json-ld", ld.Language),
            ("og", Meta(metas, "og:locale")?.Replace('_', '-')),
            ("meta", Meta(metas, "content-language") ?? Meta(metas, "language") ?? Meta(metas, "dc.language")));

        var metadata = new ArticleMetadata
        {
            Title = title,
            Authors = authors,
            PublishedTime = published,
            ModifiedTime = modified,
            Tags = tags,
            Section = Pick("section", ("json-ld", ld.Section), ("og", Meta(metas, "article:section")),
                ("meta", Meta(metas, "section") ?? Meta(metas, "parsely-section") ?? Meta(metas, "category"))),
            CanonicalUrl = canonicalUrl,
            SiteName = siteName,
            Language = language,
            Description = Pick("description", ("json-ld", ld.Description), ("og", Meta(metas, "og:description")),
                ("meta", Meta(metas, "description")), ("twitter", Meta(metas, "twitter:description"))),
            LeadImage = Pick("leadImage", ("json-ld", Absolute(ld.Image, baseUrl)), ("og", Absolute(Meta(metas, "og:image"), baseUrl)),
                ("twitter", Absolute(Meta(metas, "twitter:image") ?? Meta(metas, "twitter:image:src"), baseUrl))),
            Sources = sources,
        };
        var hints = new PageTypeHints(ld.Types, Meta(metas, "og:type"), ld.HasArticle, ld.ArticleBody, ld.NotFree);
        return (metadata, hints);
    }

    private static List<string> ReadAuthors(PageFacts facts, JsonLdFacts ld, List<KeyValuePair<string, string>> metas, Dictionary<string, string> sources)
    {
        if (CleanNames(ld.Authors) is { Count: > 0 } fromLd)
        {
            sources["authors"] = "json-ld";
            return fromLd;
        }

        foreach (var key in new[] { "author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "byl", "twitter:creator" })
        {
            var values = metas.Where(m => m.Key == key).Select(m => m.Value).ToList();
            var names = CleanNames(values.SelectMany(SplitNames));
            if (names.Count > 0)
            {
                sources["authors"] = key.StartsWith("article:", StringComparison.Ordinal) ? "og" : "meta";
                return names;
            }
        }

        var microdata = CleanNames(facts.Itemprops.Where(p => p.Key == "author").Select(p => p.Value.GetAttributeValue("content", null) ?? TextOf(p.Value)).SelectMany(SplitNames));
        if (microdata.Count > 0)
        {
            sources["authors"] = "microdata";
            return microdata;
        }

        var bylines = CleanNames(facts.BylineNodes.Select(TextOf).Where(t => t.Length is > 0 and < 120).SelectMany(SplitNames));
        if (bylines.Count > 0)
        {
            sources["authors"] = "byline";
            return bylines;
        }

        return [];
    }

    private static IEnumerable<string> SplitNames(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield break;
        }

        var text = Clean(value)!;
        foreach (var prefix in new[] { "by ", "por ", "von ", "par ", "di ", "oleh ", "автор:", "автор " })
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..];
                break;
            }
        }

        foreach (var part in text.Split([",", ";", " and ", " & ", " und ", " e ", " y ", " et ", " и "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return part;
        }
    }

    private static List<string> CleanNames(IEnumerable<string?> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = Clean(value);
            if (string.IsNullOrEmpty(name) || name.Length > 80 || name.StartsWith("http", StringComparison.OrdinalIgnoreCase) ||
                name.StartsWith('@') || name.Contains("://", StringComparison.Ordinal))
            {
                continue;
            }

            if (!names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string? Itemprop(PageFacts facts, string name)
    {
        foreach (var (key, node) in facts.Itemprops)
        {
            if (key == name)
            {
                return node.GetAttributeValue("datetime", null) ?? node.GetAttributeValue("content", null) ?? TextOf(node);
            }
        }

        return null;
    }

    private static string TextOf(HtmlNode node)
    {
        // Only small nodes are read this way (titles, bylines); cap the work for hostile ones.
        var builder = new StringBuilder();
        var stack = new Stack<HtmlNode>();
        stack.Push(node);
        var visited = 0;
        while (stack.Count > 0 && builder.Length < 2000 && visited++ < 2000)
        {
            var current = stack.Pop();
            if (current is HtmlTextNode text)
            {
                builder.Append(text.Text).Append(' ');
                continue;
            }

            if (current.Name is "script" or "style")
            {
                continue;
            }

            for (var i = current.ChildNodes.Count - 1; i >= 0; i--)
            {
                stack.Push(current.ChildNodes[i]);
            }
        }

        return Clean(builder.ToString()) ?? "";
    }

    internal static DateTimeOffset? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > 64)
        {
            return null;
        }

        // "+0500" offsets, which .NET does not read, become "+05:00".
        if (text.Length > 5 && (text[^5] is '+' or '-') && text[^4..].All(char.IsAsciiDigit) && text.Contains('T', StringComparison.Ordinal))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return parsed;
        }

        string[] formats = ["yyyyMMdd", "yyyyMMddHHmmss", "yyyy-MM-dd HH:mm:ss zzz", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd", "dd.MM.yyyy", "dd.MM.yyyy HH:mm"];
        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out parsed))
        {
            return parsed;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch is > 100_000_000 and < 100_000_000_000_000)
        {
            return epoch > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        return null;
    }

    private static DateTimeOffset? PickDate(Dictionary<string, string> sources, string field, params (string Source, string? Value)[] candidates)
    {
        foreach (var (source, value) in candidates)
        {
            if (ParseDate(value) is { } parsed)
            {
                sources[field] = source;
                return parsed;
            }
        }

        return null;
    }

    private static string? Meta(List<KeyValuePair<string, string>> metas, string key)
    {
        foreach (var (metaKey, value) in metas)
        {
            if (metaKey == key && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }

    internal static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var decoded = value.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(value) : value;
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static List<string> SplitList(string? value) =>
        value is null ? [] : [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Removes a trailing (or leading) site name from a title: "Headline | Site" becomes "Headline".</summary>
    internal static string? StripSiteName(string? title, string? siteName)
    {
        if (string.IsNullOrEmpty(title))
        {
            return title;
        }

        foreach (var separator in TitleSeparators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var tail = title[(at + separator.Length)..];
            var head = title[..at];
            if (siteName is not null && SameSite(tail, siteName))
            {
                return head.Trim();
            }

            if (siteName is not null && SameSite(head, siteName) && !tail.Contains(separator, StringComparison.Ordinal))
            {
                return tail.Trim();
            }

            // Without a declared site name, a short tail after the last separator is taken for one.
            if (siteName is null && tail.Length <= 30 && head.Length >= 2 * tail.Length)
            {
                return head.Trim();
            }
        }

        return title;
    }

    private static bool SameSite(string part, string siteName)
    {
        var a = Content.ContentExtractor.Key(part);
        var b = Content.ContentExtractor.Key(siteName);
        return a.Length > 0 && b.Length > 0 && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal));
    }

    private static string? Absolute(string? href, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        href = WebUtility.HtmlDecode(href.Trim());
        if (href.StartsWith("//", StringComparison.Ordinal))
        {
            href = (baseUrl?.Scheme ?? "https") + ":" + href;
        }

        // On Unix "/images/a.jpg" parses as an absolute file URI: only http(s) counts as absolute here.
        if (!href.StartsWith('/') && Uri.TryCreate(href, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps ? absolute.AbsoluteUri : null;
        }

        return baseUrl is not null && Uri.TryCreate(baseUrl, href, out var resolved) ? resolved.AbsoluteUri : null;
    }
}

/// <summary>What a page says about its own kind.</summary>
internal sealed record PageTypeHints(IReadOnlyList<string> JsonLdTypes, string? OgType, bool HasArticleJsonLd, string? ArticleBody, bool NotFree = false);

/// <summary>The fields of the page's JSON-LD article node (or of the first node that has them).</summary>
internal sealed class JsonLdFacts
{
    public string? Headline { get; private set; }

    public List<string> Authors { get; } = [];

    public string? DatePublished { get; private set; }

    public string? DateModified { get; private set; }

    public List<string> Keywords { get; } = [];

    public string? Section { get; private set; }

    public string? Publisher { get; private set; }

    public string? Language { get; private set; }

    public string? Description { get; private set; }

    public string? Image { get; private set; }

    public string? Url { get; private set; }

    public string? ArticleBody { get; private set; }

    public bool HasArticle { get; private set; }

    /// <summary>The article node says <c>isAccessibleForFree: false</c> (a paywalled article).</summary>
    public bool NotFree { get; private set; }

    public List<string> Types { get; } = [];

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    public static JsonLdFacts Read(List<string> blocks)
    {
        var facts = new JsonLdFacts();
        foreach (var block in blocks)
        {
            var document = TryParse(block);
            if (document is null)
            {
                continue;
            }

            using (document)
            {
                try
                {
                    var nodes = new List<JsonElement>();
                    Flatten(document.RootElement, nodes, 0);
                    foreach (var node in nodes)
                    {
                        facts.Take(node);
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
                {
                    // A node of an unexpected shape: what was read so far stands.
                }
            }
        }

        return facts;
    }

    private static JsonDocument? TryParse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, Options);
        }
        catch (JsonException)
        {
        }

        // Raw line breaks and tabs inside strings are the most common fault; a second chance without them.
        var repaired = text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
        try
        {
            return JsonDocument.Parse(repaired, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Flatten(JsonElement element, List<JsonElement> nodes, int depth)
    {
        if (depth > 8 || nodes.Count > 200)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, nodes, depth + 1);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            nodes.Add(element);
            foreach (var name in (string[])["@graph", "mainEntity", "mainEntityOfPage", "itemListElement"])
            {
                if (element.TryGetProperty(name, out var inner) && inner.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    Flatten(inner, nodes, depth + 1);
                }
            }
        }
    }

    private void Take(JsonElement node)
    {
        var types = TypesOf(node);
        foreach (var type in types)
        {
            if (Types.Count < 20 && !Types.Contains(type))
            {
                Types.Add(type);
            }
        }

        var isArticle = types.Any(t => t.EndsWith("Article", StringComparison.OrdinalIgnoreCase) ||
                                       t is "BlogPosting" or "Report" or "LiveBlogPosting" or "SocialMediaPosting" or "Review" or "Recipe" or "ScholarlyArticle");
        if (types.Any(t => t is "Organization" or "NewsMediaOrganization" or "WebSite") && Publisher is null)
        {
            Publisher = Str(node, "name");
        }

        if (!isArticle || HasArticle)
        {
            return;
        }

        HasArticle = true;
        Headline = Str(node, "headline") ?? Str(node, "name");
        Names(node, "author", Authors);
        if (Authors.Count == 0)
        {
            Names(node, "creator", Authors);
        }

        DatePublished = Str(node, "datePublished") ?? Str(node, "dateCreated");
        DateModified = Str(node, "dateModified");
        ReadKeywords(node);
        Section = Str(node, "articleSection");
        var publishers = new List<string>();
        Names(node, "publisher", publishers);
        Publisher = publishers.FirstOrDefault() ?? Publisher;
        Language = Str(node, "inLanguage");
        Description = Str(node, "description");
        Image = ImageUrl(node);
        Url = Str(node, "url") ?? (node.TryGetProperty("mainEntityOfPage", out var page) && page.ValueKind == JsonValueKind.Object ? Str(page, "@id") : Str(node, "mainEntityOfPage"));
        ArticleBody = Str(node, "articleBody");
        NotFree = node.TryGetProperty("isAccessibleForFree", out var free) &&
                  (free.ValueKind == JsonValueKind.False || (free.ValueKind == JsonValueKind.String && string.Equals(free.GetString(), "false", StringComparison.OrdinalIgnoreCase)));
    }

    private static List<string> TypesOf(JsonElement node)
    {
        var result = new List<string>();
        if (node.TryGetProperty("@type", out var type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                result.Add(type.GetString()!);
            }
            else if (type.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in type.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        result.Add(item.GetString()!);
                    }
                }
            }
        }

        return result;
    }

    private static string? Str(JsonElement node, string name)
    {
        if (node.ValueKind != JsonValueKind.Object || !node.TryGetProperty(name, out var value))
        {
            return null;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString();
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        return item.GetString();
                    }
                }

                return null;
            case JsonValueKind.Object:
                return Str(value, "name") ?? Str(value, "@value");
            default:
                return null;
        }
    }

    private static void Names(JsonElement node, string name, List<string> names)
    {
        if (!node.TryGetProperty(name, out var value))
        {
            return;
        }

        void Add(JsonElement item)
        {
            var text = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => Str(item, "name"),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(text) && names.Count < 50)
            {
                names.Add(text);
            }
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                Add(item);
            }
        }
        else
        {
            Add(value);
        }
    }

    private void ReadKeywords(JsonElement node)
    {
        if (!node.TryGetProperty("keywords", out var value))
        {
            return;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            Keywords.AddRange(value.GetString()!.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        else if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String)
                {
                    Keywords.Add(item.GetString()!);
                }
            }
        }
    }

    private static string? ImageUrl(JsonElement node)
    {
        if (!node.TryGetProperty("image", out var image))
        {
            return null;
        }

        var first = image;
        if (image.ValueKind == JsonValueKind.Array)
        {
            first = default;
            foreach (var item in image.EnumerateArray())
            {
                first = item;
                break;
            }
        }

        return first.ValueKind switch
        {
            JsonValueKind.String => first.GetString(),
            JsonValueKind.Object => Str(first, "url") ?? Str(first, "@id"),
            _ => null,
        };
    }
}
