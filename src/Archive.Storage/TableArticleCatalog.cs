using Archive.Core.Export;
using Archive.Core.Urls;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>Lists the articles of the articles table by their head rows.</summary>
/// <remarks>
/// Heads are spread over one partition per article, so this is a scan of the table filtered to head rows, asking
/// only for the partition key. It serves whole-archive exports, which read every article anyway.
/// </remarks>
public sealed class TableArticleCatalog(TableServiceClient tables, ResolvedStorageNames names) : IArticleCatalog
{
    private readonly TableClient _table = tables.GetTableClient(names.ArticlesTable);

    /// <inheritdoc />
    public async IAsyncEnumerable<ArticleId> ListArticleIdsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableArticleStore.HeadKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ArticleId.TryParse(entity.PartitionKey, out var id))
            {
                yield return id;
            }
        }
    }
}
