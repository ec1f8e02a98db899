using System.Globalization;
using Archive.Core.Activity;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>
/// Recent activity in Table Storage: one partition per month and row keys of inverted time, both sorting newest first,
/// so the table's natural order (partition, then row) is newest first and a listing reads only what it shows. Entries
/// that recorded a new version are written a second time under their own partitions (<c>v-</c>), so the changes feed
/// is not crowded out by the far more frequent unchanged checks.
/// </summary>
public sealed class TableActivityLog(TableServiceClient tables, ResolvedStorageNames names) : IActivityLog
{
    private const int MaxTextLength = 2000;
    private readonly TableClient _table = tables.GetTableClient(names.ActivityTable);

    private const string AllPrefix = "m-";
    private const string NewVersionsPrefix = "v-";

    /// <summary>The partition of a time: its month, inverted so newer months sort first.</summary>
    public static string Partition(DateTimeOffset at, bool newVersions = false) =>
        (newVersions ? NewVersionsPrefix : AllPrefix) + (999999 - ((at.UtcDateTime.Year * 100) + at.UtcDateTime.Month)).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The row key of an entry: newest first, then by article.</summary>
    public static string RowKey(DateTimeOffset at, ArticleId id) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + id.Value;

    /// <inheritdoc />
    public async Task RecordAsync(ActivityEntry entry, CancellationToken cancellationToken = default)
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
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        if (entry.NewVersion)
        {
            entity.PartitionKey = Partition(entry.At, newVersions: true);
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityEntry>> ListRecentAsync(int max, bool newVersionsOnly = false, CancellationToken cancellationToken = default)
    {
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
}
