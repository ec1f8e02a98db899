namespace Archive.Core.Extraction;

/// <summary>The metadata a page declares about its article, each field from the best source the page offers.</summary>
public sealed record ArticleMetadata
{
    /// <summary>No metadata at all.</summary>
    public static ArticleMetadata Empty { get; } = new();

    /// <summary>The headline, without a site-name suffix.</summary>
    public string? Title { get; init; }

    /// <summary>The authors' names, in the order the page gives them.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];

    /// <summary>When the article was first published, as declared.</summary>
    public DateTimeOffset? PublishedTime { get; init; }

    /// <summary>When the article was last modified, as declared.</summary>
    public DateTimeOffset? ModifiedTime { get; init; }

    /// <summary>Tags and keywords, de-duplicated, in the order the page gives them.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The section the article belongs to.</summary>
    public string? Section { get; init; }

    /// <summary>The canonical URL the page declares (absolute).</summary>
    public string? CanonicalUrl { get; init; }

    /// <summary>The site's name.</summary>
    public string? SiteName { get; init; }

    /// <summary>The language (a BCP 47 tag such as <c>en</c> or <c>pt-BR</c>).</summary>
    public string? Language { get; init; }

    /// <summary>The summary the page gives for itself.</summary>
    public string? Description { get; init; }

    /// <summary>The lead image (absolute URL).</summary>
    public string? LeadImage { get; init; }

    /// <summary>Where each field came from, by field name (for example <c>title</c> → <c>json-ld</c>).</summary>
    public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();
}
