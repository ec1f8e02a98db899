using System.Globalization;
using System.Runtime.CompilerServices;
using Archive.Core.Recheck;
using Archive.Core.Urls;
using Azure;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>
/// Due re-checks in Table Storage: partition <c>due-yyyyMMddHHmm</c> (the due minute, UTC: the slot), row key the
/// article id. Reading what is due is one range query over the slots up to now, so it touches only due rows; entries
/// of one slot are added and removed in transactions of up to 100.
/// </summary>
public sealed class TableDueIndex(TableServiceClient tables, ResolvedStorageNames names) : IDueIndex
{
    private const string Prefix = "due-";
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.GetTableClient(names.DueTable);

    /// <summary>The partition of a due time.</summary>
    public static string Bucket(DateTimeOffset dueAt) => Prefix + dueAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public bool SameSlot(DateTimeOffset a, DateTimeOffset b) => Bucket(a) == Bucket(b);

    /// <inheritdoc />
    public async Task AddAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var chunk in Chunks(entries))
        {
            if (chunk.Length == 1)
            {
                await _table.UpsertEntityAsync(Entity(chunk[0]), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity(e))), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var chunk in Chunks(entries))
        {
            var left = chunk.ToList();
            while (left.Count > 0)
            {
                try
                {
                    if (left.Count == 1)
                    {
                        await _table.DeleteEntityAsync(Bucket(left[0].DueAt), left[0].Id.Value, ETag.All, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await _table.SubmitTransactionAsync(left.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Bucket(e.DueAt), e.Id.Value), ETag.All)), cancellationToken).ConfigureAwait(false);
                    }

                    break;
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is { } failed && failed < left.Count)
                {
                    // That entry is gone already (moved by a concurrent check): remove the others.
                    left.RemoveAt(failed);
                }
                catch (RequestFailedException ex) when (ex.Status == 404 && left.Count == 1)
                {
                    break;
                }
            }
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

            yield return new DueEntry(id, entity.GetString("Url"), dueAt) { QuietSince = entity.GetDateTimeOffset("QuietSince") };
            if (++count >= max)
            {
                yield break;
            }
        }
    }

    private static IEnumerable<DueEntry[]> Chunks(IEnumerable<DueEntry> entries) =>
        entries.GroupBy(e => Bucket(e.DueAt)).SelectMany(slot => slot.DistinctBy(e => e.Id).Chunk(MaxBatch));

    private static TableEntity Entity(DueEntry entry) =>
        new(Bucket(entry.DueAt), entry.Id.Value) { ["DueAt"] = entry.DueAt, ["Url"] = entry.Url, ["QuietSince"] = entry.QuietSince };
}
