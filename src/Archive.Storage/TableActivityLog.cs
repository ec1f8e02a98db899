using System.Globalization;
using Archive.Core.Activity;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Storage;

/// <summary>
/// Recent activity in Table Storage: one partition per month and row keys of inverted time, both sorting newest first,
/// so the table's natural order (partition, then row) is newest first and a listing reads only what it shows. Entries
/// that recorded a new version are written a second time under their own partitions (<c>v-</c>), so the changes feed
/// is not crowded out by the far more frequent unchanged checks.
/// </summary>
/// <remarks>
/// Entries are written together: the first entry after a quiet moment starts a short wait
/// (<see cref="ArchiveStorageOptions.ActivityGatherFor"/>),
/// and everything recorded meanwhile goes in one transaction per partition (up to 100 entries each), so under load an
/// entry costs a small fraction of a storage request. A listing in this process first writes what is waiting, and the
/// log writes what is left when it is disposed (the host stopping). The index is a convenience over the articles'
/// own rows: an entry lost to a crash in the gathering moment only hides a check from the home page and the feed.
/// </remarks>
public sealed partial class TableActivityLog(TableServiceClient tables, ResolvedStorageNames names, IOptions<ArchiveStorageOptions> options, ILogger<TableActivityLog> logger)
    : IActivityLog, IAsyncDisposable
{
    private const int MaxTextLength = 2000;
    private const int MaxBatch = 100;
    private const string AllPrefix = "m-";
    private const string NewVersionsPrefix = "v-";

    private readonly TableClient _table = tables.GetTableClient(names.ActivityTable);
    private readonly Lock _gate = new();
    private List<TableEntity> _waiting = [];
    private bool _gathering;
    private Task _writing = Task.CompletedTask;

    /// <summary>The partition of a time: its month, inverted so newer months sort first.</summary>
    public static string Partition(DateTimeOffset at, bool newVersions = false) =>
        (newVersions ? NewVersionsPrefix : AllPrefix) + (999999 - ((at.UtcDateTime.Year * 100) + at.UtcDateTime.Month)).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The row key of an entry: newest first, then by article.</summary>
    public static string RowKey(DateTimeOffset at, ArticleId id) => Inverted(at) + "-" + id.Value;

    private static string Inverted(DateTimeOffset at) => (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public Task RecordAsync(ActivityEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = new TableEntity(Partition(entry.At), RowKey(entry.At, entry.Id))
        {
            ["ArticleId"] = entry.Id.Value,
            ["Url"] = entry.Url,
            ["At"] = entry.At,
            ["Outcome"] = entry.Outcome?.ToCode(),
            ["Version"] = entry.Version,
            ["NewVersion"] = entry.NewVersion,
            ["Title"] = Cut(entry.Title),
            ["Reason"] = Cut(entry.Reason),
            ["Kinds"] = string.Join(',', entry.Kinds),
            ["WordsAdded"] = entry.WordsAdded,
            ["WordsRemoved"] = entry.WordsRemoved,
        };
        lock (_gate)
        {
            _waiting.Add(entity);
            if (entry.NewVersion)
            {
                _waiting.Add(new TableEntity(entity) { PartitionKey = Partition(entry.At, newVersions: true) });
            }

            if (!_gathering)
            {
                _gathering = true;
                _ = WriteLaterAsync();
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Writes every entry recorded so far, and waits for writes already under way.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            var batch = _waiting;
            _waiting = [];
            _gathering = false;
            var previous = _writing;
            _writing = WriteAsync(previous, batch);
            return _writing;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await FlushAsync().ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityEntry>> ListRecentAsync(int max, bool newVersionsOnly = false, CancellationToken cancellationToken = default)
    {
        await FlushAsync().ConfigureAwait(false);

        // Partitions and rows both sort newest first, so the table's natural order is the listing: no scan, no sort.
        // '.' follows '-', so the range holds exactly the partitions of one prefix.
        var prefix = newVersionsOnly ? NewVersionsPrefix : AllPrefix;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {prefix[..^1] + "."}");
        var found = new List<ActivityEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Clamp(max, 1, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ToEntry(entity) is { } entry)
            {
                found.Add(entry);
            }

            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityEntry>> ListNewVersionsAsync(DateTimeOffset after, DateTimeOffset upTo, CancellationToken cancellationToken = default)
    {
        await FlushAsync().ConfigureAwait(false);
        if (upTo <= after)
        {
            return [];
        }

        // Times are inverted in both keys, so the interval is one range: the months from upTo's back to after's, and the
        // row keys from upTo's (inclusive) to after's (exclusive: its keys are longer than the bare inverted time).
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey ge {Partition(upTo, newVersions: true)} and PartitionKey le {Partition(after, newVersions: true)} and RowKey ge {Inverted(upTo)} and RowKey lt {Inverted(after)}");
        var found = new List<ActivityEntry>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (ToEntry(entity) is { } entry)
            {
                found.Add(entry);
            }
        }

        return found;
    }

    private static ActivityEntry? ToEntry(TableEntity entity)
    {
        if (!ArticleId.TryParse(entity.GetString("ArticleId"), out var id))
        {
            return null;
        }

        var kinds = entity.GetString("Kinds");
        return new ActivityEntry
        {
            Id = id,
            Url = entity.GetString("Url") ?? string.Empty,
            At = entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
            Outcome = CaptureOutcomes.FromCode(entity.GetString("Outcome")),
            Version = entity.GetInt32("Version"),
            NewVersion = entity.GetBoolean("NewVersion") ?? false,
            Title = entity.GetString("Title"),
            Reason = entity.GetString("Reason"),
            Kinds = string.IsNullOrEmpty(kinds) ? [] : kinds.Split(','),
            WordsAdded = entity.GetInt32("WordsAdded") ?? 0,
            WordsRemoved = entity.GetInt32("WordsRemoved") ?? 0,
        };
    }

    private static string? Cut(string? value) => value is { Length: > MaxTextLength } ? value[..MaxTextLength] + "…" : value;

    private async Task WriteLaterAsync()
    {
        await Task.Delay(options.Value.ActivityGatherFor).ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }

    private async Task WriteAsync(Task previous, List<TableEntity> batch)
    {
        await previous.ConfigureAwait(false);
        foreach (var chunk in batch.GroupBy(e => e.PartitionKey).SelectMany(p => p.DistinctBy(e => e.RowKey).Chunk(MaxBatch)))
        {
            try
            {
                await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Best effort by design (see the remarks): a failed write is logged, never thrown into a capture.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWriteFailed(logger, ex, chunk.Length);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write {Count} activity entries")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, int count);
}
