namespace Archive.Core.Extraction;

/// <summary>What kind of page the extractor found.</summary>
public enum PageKind
{
    /// <summary>An article with a body of text.</summary>
    Article,

    /// <summary>A page that lists other pages (a home, section or tag page).</summary>
    Index,

    /// <summary>An error page (not found, server error) served with any status.</summary>
    Error,

    /// <summary>A paywall, bot check, consent wall or login wall standing in front of the article.</summary>
    Wall,

    /// <summary>A page with too little text to be an article.</summary>
    NearlyEmpty,
}

/// <summary>The clean text and metadata of one page.</summary>
public sealed record ExtractionResult
{
    /// <summary>What kind of page this is; anything but <see cref="PageKind.Article"/> comes with a <see cref="Reason"/>.</summary>
    public required PageKind Kind { get; init; }

    /// <summary>Why the page is not taken for an article; null for articles.</summary>
    public string? Reason { get; init; }

    /// <summary>The article text: paragraphs, headings, list items and quotes in reading order, separated by blank lines.</summary>
    public required string Text { get; init; }

    /// <summary>
    /// The page's other readable text: prose outside the article text that is not navigation, comments, teasers, share
    /// or newsletter boxes, banners, footers, bylines or other furniture, as paragraphs separated by blank lines, at
    /// most 20,000 characters; empty when there is none. An edit here is an edit the article text cannot show.
    /// </summary>
    public string OtherText { get; init; } = "";

    /// <summary>The metadata the page declares.</summary>
    public required ArticleMetadata Metadata { get; init; }

    /// <summary>The character encoding the bytes were decoded with (a WebName such as <c>utf-8</c>).</summary>
    public required string Encoding { get; init; }

    /// <summary>Where the encoding came from: <c>bom</c>, <c>http</c>, <c>meta</c>, <c>detected</c> or <c>default</c>.</summary>
    public required string EncodingSource { get; init; }

    /// <summary>True when the page is an article.</summary>
    public bool IsArticle => Kind == PageKind.Article;
}
