namespace Archive.Core.Content;

/// <summary>The kinds of content-addressed items Archive stores.</summary>
public enum ContentKind
{
    /// <summary>Original bytes of a page, as fetched.</summary>
    Original,

    /// <summary>A clean text as extracted (UTF-8).</summary>
    Text,

    /// <summary>A sealed version or change record (JSON).</summary>
    Record,
}
