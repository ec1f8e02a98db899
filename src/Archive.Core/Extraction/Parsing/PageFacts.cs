using HtmlAgilityPack;

namespace Archive.Core.Extraction.Parsing;

/// <summary>The raw facts the metadata reader works from, gathered during the one walk over the page.</summary>
internal sealed class PageFacts
{
    private const int MaxItems = 256;

    /// <summary>Meta tags as (lower-case key, content), in document order; the key is property, name, itemprop or http-equiv.</summary>
    public List<KeyValuePair<string, string>> Metas { get; } = [];

    /// <summary>Link elements as (lower-case rel, href).</summary>
    public List<KeyValuePair<string, string>> Links { get; } = [];

    /// <summary>Elements with an itemprop attribute, as (lower-case itemprop, node).</summary>
    public List<KeyValuePair<string, HtmlNode>> Itemprops { get; } = [];

    /// <summary>The text of the title element.</summary>
    public string? Title { get; set; }

    /// <summary>The lang attribute of the html element.</summary>
    public string? Language { get; set; }

    /// <summary>The JSON-LD blocks of the page.</summary>
    public List<string> JsonLd { get; } = [];

    public void AddMeta(HtmlNode node)
    {
        if (Metas.Count >= MaxItems)
        {
            return;
        }

        var key = node.GetAttributeValue("property", null) ?? node.GetAttributeValue("name", null) ??
                  node.GetAttributeValue("itemprop", null) ?? node.GetAttributeValue("http-equiv", null);
        var content = node.GetAttributeValue("content", null);
        if (key is not null && content is not null)
        {
            Metas.Add(new(key.Trim().ToLowerInvariant(), content));
        }
    }

    public void AddLink(HtmlNode node)
    {
        if (Links.Count >= MaxItems)
        {
            return;
        }

        var rel = node.GetAttributeValue("rel", null);
        var href = node.GetAttributeValue("href", null);
        if (rel is not null && href is not null)
        {
            Links.Add(new(rel.Trim().ToLowerInvariant(), href));
        }
    }

    public void AddItemprop(string itemprop, HtmlNode node)
    {
        if (Itemprops.Count < MaxItems)
        {
            Itemprops.Add(new(itemprop.Trim().ToLowerInvariant(), node));
        }
    }
}
