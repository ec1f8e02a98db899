using System.Runtime.CompilerServices;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Azure;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>
/// Articles in Table Storage, rows in and rows out (the row layout is <see cref="ArticleEntities"/>). Every row of an
/// article shares its partition, so a check, a new version and the head commit together in one transaction.
/// </summary>
public sealed class TableArticleStore(TableServiceClient tables, ResolvedStorageNames names) : IArticleStore
{
    private readonly TableClient _table = tables.GetTableClient(names.ArticlesTable);

    /// <summary>The row key of version <paramref name="number"/>.</summary>
    public static string VersionKey(int number) => ArticleEntities.VersionKey(number);

    /// <inheritdoc />
    public async Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        // One request for both rows: "head" and "labels" are neighbours, and no other row key sorts between them.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {ArticleEntities.HeadKey} and RowKey le {ArticleEntities.LabelsKey}");
        TableEntity? head = null, labels = null;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            (head, labels) = entity.RowKey == ArticleEntities.HeadKey ? (entity, labels) : entity.RowKey == ArticleEntities.LabelsKey ? (head, entity) : (head, labels);
        }

        return head is null ? null : ArticleEntities.ToHead(head, labels);
    }

    /// <inheritdoc />
    public async Task<ArticleHead?> AddHeadAsync(ArticleHead head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        try
        {
            // The labels row exists once a submitter gave a tag or a source.
            if (head.Tags.Count == 0 && head.Sources.Count == 0)
            {
                var added = await _table.AddEntityAsync(ArticleEntities.Head(head), cancellationToken).ConfigureAwait(false);
                return head with { ETag = added.Headers.ETag?.ToString(), LabelsETag = null };
            }

            var response = await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Add, ArticleEntities.Head(head)),
                    new TableTransactionAction(TableTransactionActionType.Add, ArticleEntities.Labels(head)),
                ],
                cancellationToken).ConfigureAwait(false);
            return head with { ETag = response.Value[0].Headers.ETag?.ToString(), LabelsETag = response.Value[1].Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task<bool> ReplaceLabelsAsync(ArticleHead head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        try
        {
            if (head.LabelsETag is null)
            {
                await _table.AddEntityAsync(ArticleEntities.Labels(head), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(ArticleEntities.Labels(head), new ETag(head.LabelsETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<string?> CommitAsync(ArticleCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var (head, id) = (commit.Head, commit.Head.Id);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ArticleEntities.Head(head), new ETag(head.ETag ?? throw new ArgumentException("The head must carry the ETag it was read with.", nameof(commit)))),
            new(TableTransactionActionType.Add, ArticleEntities.Check(id, head.CheckCount, commit.Check)),
        };
        if (commit.NewVersion is { } version)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ArticleEntities.Version(id, version)));
        }

        if (commit.Change is { } change)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ArticleEntities.Change(id, change)));
        }

        if (commit.SeenAgain is { } seen)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, ArticleEntities.Sighting(id, seen), ETag.All));
        }

        try
        {
            var response = await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return response.Value[0].Headers.ETag?.ToString();
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException("The article changed while this capture was being recorded.", ex);
        }
    }

    /// <inheritdoc />
    public async Task<VersionSummary?> GetVersionSummaryAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id.Value, VersionKey(number), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ArticleEntities.ToVersion(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VersionSummary>> ListVersionSummariesAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        await RangeAsync(id, ArticleEntities.VersionPrefix, ArticleEntities.ToVersion, int.MaxValue, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeSummary>> ListChangeSummariesAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        await RangeAsync(id, ArticleEntities.ChangePrefix, ArticleEntities.ToChange, int.MaxValue, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default) =>
        await RangeAsync(id, ArticleEntities.CheckPrefix, ArticleEntities.ToCheck, max, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ArticleHead> ListHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {ArticleEntities.HeadKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ArticleEntities.ToHead(entity, null);
        }
    }

    // The rows whose keys start with a one-letter prefix, in key order.
    private async Task<List<T>> RangeAsync<T>(ArticleId id, string prefix, Func<TableEntity, T> map, int max, CancellationToken cancellationToken)
    {
        var end = ((char)(prefix[0] + 1)).ToString();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {prefix} and RowKey lt {end}");
        var rows = new List<T>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows.Add(map(entity));
            if (rows.Count >= max)
            {
                break;
            }
        }

        return rows;
    }
}
