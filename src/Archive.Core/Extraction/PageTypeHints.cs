namespace Archive.Core.Extraction;

/// <summary>What a page says about its own kind.</summary>
internal sealed record PageTypeHints(IReadOnlyList<string> JsonLdTypes, string? OgType, bool HasArticleJsonLd, string? ArticleBody, bool NotFree = false);
