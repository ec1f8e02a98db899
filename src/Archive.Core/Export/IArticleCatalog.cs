using Archive.Core.Urls;

namespace Archive.Core.Export;

/// <summary>Lists every archived article, for exports of the whole archive.</summary>
public interface IArticleCatalog
{
    /// <summary>The id of every article that has a head, in storage order.</summary>
    IAsyncEnumerable<ArticleId> ListArticleIdsAsync(CancellationToken cancellationToken = default);
}
