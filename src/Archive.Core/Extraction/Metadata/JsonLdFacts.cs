using System.Text.Json;

namespace Archive.Core.Extraction.Metadata;

/// <summary>
/// The fields of the page's own article in its JSON-LD: the article node that is the page's main entity, never an
/// entry of an item list (related stories, a list of articles), a comment or a nested item of another article.
/// </summary>
/// <remarks>
/// Nodes are read from the top level, <c>@graph</c>, <c>mainEntity</c> and <c>mainEntityOfPage</c>. Among several
/// article nodes the one whose address is the page's own wins, then the first of the article family (Article,
/// NewsArticle, BlogPosting...), then the first Review or Recipe. Authors given only by <c>@id</c> are looked up in
/// the page's other nodes. Malformed JSON-LD is skipped, never fatal.
/// </remarks>
internal sealed class JsonLdFacts
{
    private const int MaxNodes = 200;

    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    private static readonly string[] NestedEntities = ["@graph", "mainEntity", "mainEntityOfPage"];

    public string? Headline { get; private set; }

    public List<string> Authors { get; } = [];

    public string? DatePublished { get; private set; }

    public string? DateModified { get; private set; }

    /// <summary>Dates of the web page node itself (WebPage and its kinds), for pages whose article node has none or which have none.</summary>
    public string? PageDatePublished { get; private set; }

    public string? PageDateModified { get; private set; }

    public List<string> Keywords { get; } = [];

    public string? Section { get; private set; }

    public string? Publisher { get; private set; }

    public string? Language { get; private set; }

    public string? Description { get; private set; }

    public string? Image { get; private set; }

    public string? Url { get; private set; }

    public string? ArticleBody { get; private set; }

    /// <summary>Some node of the page, list entries included, is of the article family (what the page says about its kind).</summary>
    public bool HasArticle { get; private set; }

    /// <summary>The article node says <c>isAccessibleForFree: false</c> (a paywalled article).</summary>
    public bool NotFree { get; private set; }

    public List<string> Types { get; } = [];

    /// <summary>Reads the JSON-LD <paramref name="blocks"/>; <paramref name="pageAddresses"/> (the page's URL, canonical and og:url) pick the main entity.</summary>
    public static JsonLdFacts Read(List<string> blocks, IReadOnlyList<string?> pageAddresses)
    {
        var facts = new JsonLdFacts();
        var documents = new List<JsonDocument>();
        try
        {
            var nodes = new List<(JsonElement Node, bool Listed)>();
            foreach (var block in blocks)
            {
                if (TryParse(block) is { } document)
                {
                    documents.Add(document);
                    Flatten(document.RootElement, nodes, 0, listed: false);
                }
            }

            facts.Take(nodes, pageAddresses);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // A node of an unexpected shape: what was read so far stands.
        }
        finally
        {
            foreach (var document in documents)
            {
                document.Dispose();
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

    private static void Flatten(JsonElement element, List<(JsonElement Node, bool Listed)> nodes, int depth, bool listed)
    {
        if (depth > 8 || nodes.Count > MaxNodes)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Flatten(item, nodes, depth + 1, listed);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            nodes.Add((element, listed));
            foreach (var name in NestedEntities)
            {
                if (element.TryGetProperty(name, out var inner) && inner.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                {
                    Flatten(inner, nodes, depth + 1, listed);
                }
            }

            // Entries of a list are other pages (related stories, a list of articles): read for the page's kind only.
            if (element.TryGetProperty("itemListElement", out var entries) && entries.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                Flatten(entries, nodes, depth + 1, listed: true);
            }
        }
    }

    private void Take(List<(JsonElement Node, bool Listed)> nodes, IReadOnlyList<string?> pageAddresses)
    {
        var byId = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        JsonElement? own = null;
        JsonElement? family = null;
        JsonElement? other = null;
        JsonElement? webPage = null;
        var addresses = pageAddresses.Select(AddressKey).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (node, listed) in nodes)
        {
            var types = TypesOf(node);
            foreach (var type in types)
            {
                if (Types.Count < 20 && !Types.Contains(type))
                {
                    Types.Add(type);
                }
            }

            if (Str(node, "@id") is { } id && !listed)
            {
                byId.TryAdd(id, node);
            }

            if (types.Any(t => t is "Organization" or "NewsMediaOrganization" or "WebSite") && Publisher is null && !listed)
            {
                Publisher = Str(node, "name");
            }

            var kind = ArticleKind(types);
            HasArticle |= kind > 0;
            if (listed)
            {
                continue;
            }

            if (kind > 0 && own is null && addresses.Count > 0 && AddressesOf(node).Any(a => addresses.Contains(a)))
            {
                own = node;
            }

            if (kind == 2)
            {
                family ??= node;
            }
            else if (kind == 1)
            {
                other ??= node;
            }
            else if (types.Any(t => t.EndsWith("Page", StringComparison.Ordinal) && t != "CollectionPage" && t != "SearchResultsPage"))
            {
                webPage ??= node;
            }
        }

        if (webPage is { } page)
        {
            PageDatePublished = Str(page, "datePublished");
            PageDateModified = Str(page, "dateModified");
        }

        if ((own ?? family ?? other) is { } article)
        {
            TakeArticle(article, byId);
        }
    }

    /// <summary>2 for the article family, 1 for reviews and recipes, 0 for anything else.</summary>
    private static int ArticleKind(List<string> types)
    {
        var kind = 0;
        foreach (var type in types)
        {
            if (type.EndsWith("Article", StringComparison.OrdinalIgnoreCase) || type is "BlogPosting" or "Report" or "LiveBlogPosting" or "SocialMediaPosting" or "ScholarlyArticle" or "NewsArticle")
            {
                return 2;
            }

            if (type is "Review" or "Recipe")
            {
                kind = 1;
            }
        }

        return kind;
    }

    private void TakeArticle(JsonElement node, Dictionary<string, JsonElement> byId)
    {
        Headline = Str(node, "headline") ?? Str(node, "name");
        Names(node, "author", Authors, byId);
        if (Authors.Count == 0)
        {
            Names(node, "creator", Authors, byId);
        }

        DatePublished = Str(node, "datePublished") ?? Str(node, "dateCreated");
        DateModified = Str(node, "dateModified");
        ReadKeywords(node);
        Section = Str(node, "articleSection");
        var publishers = new List<string>();
        Names(node, "publisher", publishers, byId);
        Publisher = publishers.FirstOrDefault() ?? Publisher;
        Language = Str(node, "inLanguage");
        Description = Str(node, "description");
        Image = ImageUrl(node);
        Url = Str(node, "url") ?? (node.TryGetProperty("mainEntityOfPage", out var page) && page.ValueKind == JsonValueKind.Object ? Str(page, "@id") : Str(node, "mainEntityOfPage"));
        ArticleBody = Str(node, "articleBody");
        NotFree = node.TryGetProperty("isAccessibleForFree", out var free) &&
                  (free.ValueKind == JsonValueKind.False || (free.ValueKind == JsonValueKind.String && string.Equals(free.GetString(), "false", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The addresses a node gives for itself: <c>url</c>, <c>@id</c> and <c>mainEntityOfPage</c>.</summary>
    private static IEnumerable<string> AddressesOf(JsonElement node)
    {
        var page = node.TryGetProperty("mainEntityOfPage", out var entity) && entity.ValueKind == JsonValueKind.Object ? Str(entity, "@id") ?? Str(entity, "url") : Str(node, "mainEntityOfPage");
        foreach (var value in (string?[])[Str(node, "url"), Str(node, "@id"), page])
        {
            if (AddressKey(value) is { } key)
            {
                yield return key;
            }
        }
    }

    /// <summary>An address without scheme, <c>www.</c>, query, fragment or trailing slash, for comparing.</summary>
    private static string? AddressKey(string? address)
    {
        if (address is null || !Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var host = uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host;
        return host.ToLowerInvariant() + uri.AbsolutePath.TrimEnd('/');
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

    /// <summary>The names under <paramref name="name"/>: strings, objects with a name, or references by <c>@id</c> to another node.</summary>
    private static void Names(JsonElement node, string name, List<string> names, Dictionary<string, JsonElement> byId)
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
                JsonValueKind.Object => Str(item, "name") ??
                                        (Str(item, "@id") is { } id && byId.TryGetValue(id, out var target) ? Str(target, "name") : null),
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
