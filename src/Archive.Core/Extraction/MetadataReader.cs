using System.Globalization;
using System.Net;
using System.Text.Json;
using HtmlAgilityPack;

namespace Archive.Core.Extraction;

/// <summary>Reads the metadata a page declares: JSON-LD first, then OpenGraph and article meta tags, then plain HTML.</summary>
public static class MetadataReader
{
    /// <summary>Reads the metadata of a parsed page.</summary>
    public static ArticleMetadata Read(HtmlDocument document, Uri? pageUrl)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sources = new Dictionary<string, string>();
        var ld = ReadJsonLd(document);
        var metas = ReadMetaTags(document);

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

        var siteName = Pick("siteName", ("og", Meta(metas, "og:site_name")), ("json-ld", ld?.Publisher), ("meta", Meta(metas, "application-name")));
        var h1 = document.DocumentNode.SelectSingleNode("//h1")?.InnerText;
        var titleTag = document.DocumentNode.SelectSingleNode("//title")?.InnerText;
        var title = Pick("title", ("json-ld", ld?.Headline), ("og", Meta(metas, "og:title")), ("twitter", Meta(metas, "twitter:title")), ("h1", h1), ("title", StripSiteName(Clean(titleTag), siteName)));

        var authors = ld?.Authors ?? [];
        if (authors.Count > 0)
        {
            sources["authors"] = "json-ld";
        }
        else if (Meta(metas, "author") is { } metaAuthor)
        {
            authors = SplitList(metaAuthor);
            sources["authors"] = "meta";
        }
        else if (Meta(metas, "article:author") is { } ogAuthor && !ogAuthor.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            authors = SplitList(ogAuthor);
            sources["authors"] = "og";
        }

        var published = PickDate(sources, "publishedTime", ("json-ld", ld?.DatePublished), ("og", Meta(metas, "article:published_time")), ("meta", Meta(metas, "date")), ("time", document.DocumentNode.SelectSingleNode("//time[@datetime]")?.GetAttributeValue("datetime", null)));
        var modified = PickDate(sources, "modifiedTime", ("json-ld", ld?.DateModified), ("og", Meta(metas, "article:modified_time")), ("og", Meta(metas, "og:updated_time")));

        var tags = new List<string>();
        void AddTags(string source, IEnumerable<string> values)
        {
            var before = tags.Count;
            foreach (var tag in values.Select(Clean).Where(t => !string.IsNullOrEmpty(t)))
            {
                if (!tags.Contains(tag!, StringComparer.OrdinalIgnoreCase))
                {
                    tags.Add(tag!);
                }
            }

            if (tags.Count > before)
            {
                sources.TryAdd("tags", source);
            }
        }

        AddTags("og", metas.Where(m => m.Key == "article:tag").Select(m => m.Value));
        AddTags("json-ld", ld?.Keywords ?? []);
        AddTags("meta", SplitList(Meta(metas, "news_keywords")));
        AddTags("meta", SplitList(Meta(metas, "keywords")));

        var canonical = document.DocumentNode.SelectSingleNode("//link[@rel='canonical']")?.GetAttributeValue("href", null);
        var canonicalUrl = Pick("canonicalUrl", ("link", Absolute(canonical, pageUrl)), ("og", Absolute(Meta(metas, "og:url"), pageUrl)));
        var language = Pick("language", ("html", document.DocumentNode.SelectSingleNode("//html")?.GetAttributeValue("lang", null)), ("json-ld", ld?.Language), ("og", Meta(metas, "og:locale")?.Replace('_', '-')), ("meta", Meta(metas, "content-language")));

        return new ArticleMetadata
        {
            Title = title,
            Authors = authors,
            PublishedTime = published,
            ModifiedTime = modified,
            Tags = tags,
            Section = Pick("section", ("json-ld", ld?.Section), ("og", Meta(metas, "article:section"))),
            CanonicalUrl = canonicalUrl,
            SiteName = siteName,
            Language = language,
            Description = Pick("description", ("json-ld", ld?.Description), ("og", Meta(metas, "og:description")), ("meta", Meta(metas, "description"))),
            LeadImage = Pick("leadImage", ("json-ld", Absolute(ld?.Image, pageUrl)), ("og", Absolute(Meta(metas, "og:image"), pageUrl))),
            Sources = sources,
        };
    }

    private static DateTimeOffset? PickDate(Dictionary<string, string> sources, string field, params (string Source, string? Value)[] candidates)
    {
        foreach (var (source, value) in candidates)
        {
            if (!string.IsNullOrWhiteSpace(value) &&
                DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var parsed))
            {
                sources[field] = source;
                return parsed;
            }
        }

        return null;
    }

    private static List<KeyValuePair<string, string>> ReadMetaTags(HtmlDocument document)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var node in document.DocumentNode.SelectNodes("//meta") ?? Enumerable.Empty<HtmlNode>())
        {
            var key = node.GetAttributeValue("property", null) ?? node.GetAttributeValue("name", null) ?? node.GetAttributeValue("itemprop", null) ?? node.GetAttributeValue("http-equiv", null);
            var content = node.GetAttributeValue("content", null);
            if (key is not null && content is not null)
            {
                list.Add(new(key.Trim().ToLowerInvariant(), content));
            }
        }

        return list;
    }

    private static string? Meta(List<KeyValuePair<string, string>> metas, string key) =>
        metas.FirstOrDefault(m => m.Key == key && !string.IsNullOrWhiteSpace(m.Value)).Value;

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var decoded = WebEntity(value);
        return string.Join(' ', decoded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string WebEntity(string value) => WebUtility.HtmlDecode(value);

    private static List<string> SplitList(string? value) =>
        value is null ? [] : [.. value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => Clean(v)!).Where(v => v.Length > 0)];

    private static string? StripSiteName(string? title, string? siteName)
    {
        if (title is null)
        {
            return null;
        }

        foreach (var separator in new[] { " | ", " - ", " – ", " — ", " :: ", " · " })
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at > 0 && (siteName is null || title[(at + separator.Length)..].Contains(siteName, StringComparison.OrdinalIgnoreCase) || title.Length - at < 40))
            {
                return title[..at];
            }
        }

        return title;
    }

    private static string? Absolute(string? href, Uri? baseUrl)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        href = WebUtility.HtmlDecode(href.Trim());
        if (Uri.TryCreate(href, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps))
        {
            return absolute.AbsoluteUri;
        }

        return baseUrl is not null && Uri.TryCreate(baseUrl, href, out var resolved) ? resolved.AbsoluteUri : null;
    }

    private sealed record JsonLdArticle(string? Headline, List<string> Authors, string? DatePublished, string? DateModified, List<string> Keywords, string? Section, string? Publisher, string? Language, string? Description, string? Image);

    private static JsonLdArticle? ReadJsonLd(HtmlDocument document)
    {
        foreach (var script in document.DocumentNode.SelectNodes("//script[@type='application/ld+json']") ?? Enumerable.Empty<HtmlNode>())
        {
            try
            {
                using var json = JsonDocument.Parse(script.InnerText, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
                foreach (var node in Flatten(json.RootElement))
                {
                    if (IsArticleType(node))
                    {
                        return new JsonLdArticle(
                            Str(node, "headline") ?? Str(node, "name"),
                            Names(node, "author"),
                            Str(node, "datePublished"),
                            Str(node, "dateModified"),
                            Keywords(node),
                            Str(node, "articleSection"),
                            Names(node, "publisher").FirstOrDefault(),
                            Str(node, "inLanguage"),
                            Str(node, "description"),
                            ImageUrl(node));
                    }
                }
            }
            catch (JsonException)
            {
                // Malformed JSON-LD is common; the other sources still apply.
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var inner in Flatten(item))
                {
                    yield return inner;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            yield return element;
            if (element.TryGetProperty("@graph", out var graph))
            {
                foreach (var inner in Flatten(graph))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool IsArticleType(JsonElement node)
    {
        if (!node.TryGetProperty("@type", out var type))
        {
            return false;
        }

        var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.ToString()) : [type.ToString()];
        return types.Any(t => t.EndsWith("Article", StringComparison.OrdinalIgnoreCase) || t is "BlogPosting" or "Report" or "LiveBlogPosting");
    }

    private static string? Str(JsonElement node, string name)
    {
        if (!node.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()).FirstOrDefault(),
            _ => null,
        };
    }

    private static List<string> Names(JsonElement node, string name)
    {
        var names = new List<string>();
        if (!node.TryGetProperty(name, out var value))
        {
            return names;
        }

        var items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().ToList() : [value];
        foreach (var item in items)
        {
            var text = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString(),
                JsonValueKind.Object => Str(item, "name"),
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(text))
            {
                names.Add(Clean(text)!);
            }
        }

        return names;
    }

    private static List<string> Keywords(JsonElement node)
    {
        if (!node.TryGetProperty("keywords", out var value))
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => SplitList(value.GetString()),
            JsonValueKind.Array => [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
            _ => [],
        };
    }

    private static string? ImageUrl(JsonElement node)
    {
        if (!node.TryGetProperty("image", out var image))
        {
            return null;
        }

        var first = image.ValueKind == JsonValueKind.Array ? image.EnumerateArray().FirstOrDefault() : image;
        return first.ValueKind switch
        {
            JsonValueKind.String => first.GetString(),
            JsonValueKind.Object => Str(first, "url"),
            _ => null,
        };
    }
}
