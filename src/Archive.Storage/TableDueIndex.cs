using System.Globalization;
using System.Runtime.CompilerServices;
using Archive.Core.Recheck;
using Archive.Core.Urls;
using Azure;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>
/// Due re-checks in Table Storage: partition <c>due-yyyyMMddHHmm</c> (the due minute, UTC), row key the article id.
/// Reading what is due is one range query over the partitions up to now, so it touches only due rows.
/// </summary>
public sealed class TableDueIndex(TableServiceClient tables, ResolvedStorageNames names) : IDueIndex
{
    private const string Prefix = "due-";
    private readonly TableClient _table = tables.GetTableClient(names.DueTable);

    /// <summary>The partition of a due time.</summary>
    public static string Bucket(DateTimeOffset dueAt) => Prefix + dueAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool SameSlot(DateTimeOffset a, DateTimeOffset b) => Bucket(a) == Bucket(b);

    /// <inheritdoc />
    public async Task ScheduleAsync(ArticleId id, string url, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Bucket(dueAt), id.Value) { ["DueAt"] = dueAt, ["Url"] = url };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task UnscheduleAsync(ArticleId id, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        try
        {
            await _table.DeleteEntityAsync(Bucket(dueAt), id.Value, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone.
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<DueEntry> ListDueAsync(DateTimeOffset now, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {Prefix} and PartitionKey le {Bucket(now)}");
        var count = 0;
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var dueAt = entity.GetDateTimeOffset("DueAt") ?? now;
            if (dueAt > now || !ArticleId.TryParse(entity.RowKey, out var id))
            {
                continue;
            }

            yield return new DueEntry(id, entity.GetString("Url"), dueAt);
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    /// <summary>Adds many entries at once, one transaction per partition (for loading benchmarks and migrations).</summary>
    public async Task ScheduleManyAsync(IEnumerable<DueEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var partition in entries.GroupBy(e => Bucket(e.DueAt)))
        {
            foreach (var chunk in partition.Chunk(100))
            {
                var actions = chunk.Select(e => new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace,
                    new TableEntity(partition.Key, e.Id.Value) { ["DueAt"] = e.DueAt, ["Url"] = e.Url })).ToList();
                await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
