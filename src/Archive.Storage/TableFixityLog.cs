using System.Globalization;
using Archive.Core.Content;
using Archive.Core.Fixity;
using Archive.Core.Urls;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>
/// Fixity results in Table Storage. Each article's partition (its id) holds the latest result of each item a version
/// names (row key <c>v</c> + number + <c>-</c> + kind), written in transactions of up to 100 rows; the <c>run</c>
/// partition holds one summary row per run, newest first.
/// </summary>
public sealed class TableFixityLog(TableServiceClient tables, ResolvedStorageNames names) : IFixityLog
{
    private const string RunPartition = "run";
    private const int MaxBatch = 100;
    private readonly TableClient _table = tables.GetTableClient(names.FixityTable);

    /// <inheritdoc />
    public async Task RecordAsync(ArticleId id, IReadOnlyList<FixityResult> results, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var chunk in results.Chunk(MaxBatch))
        {
            var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(id.Value, RowKey(r.Version, r.Kind))
            {
                ["Version"] = r.Version,
                ["Kind"] = r.Kind.ToString(),
                ["Sha256"] = r.Sha256,
                ["Status"] = r.Status.ToString(),
                ["ActualSha256"] = r.ActualSha256,
                ["CheckedAt"] = r.CheckedAt,
                ["RunId"] = runId,
            }));
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task RecordRunAsync(FixityReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var newestFirst = (DateTimeOffset.MaxValue.UtcTicks - report.StartedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        await _table.UpsertEntityAsync(new TableEntity(RunPartition, $"{newestFirst}-{report.RunId}")
        {
            ["RunId"] = report.RunId,
            ["Scope"] = report.Scope,
            ["StartedAt"] = report.StartedAt,
            ["FinishedAt"] = report.FinishedAt,
            ["Articles"] = report.Articles,
            ["Versions"] = report.Versions,
            ["Items"] = report.Items,
            ["BlobsRead"] = report.BlobsRead,
            ["Failures"] = report.Failures.Count,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<FixityResult>> ListAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var results = new List<FixityResult>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {id.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            results.Add(new FixityResult(
                id.Value,
                row.GetInt32("Version") ?? 0,
                Enum.Parse<ContentKind>(row.GetString("Kind")),
                row.GetString("Sha256"),
                Enum.Parse<FixityStatus>(row.GetString("Status")),
                row.GetString("ActualSha256"),
                row.GetDateTimeOffset("CheckedAt") ?? default));
        }

        return results;
    }

    private static string RowKey(int version, ContentKind kind) =>
        $"v{version.ToString("D10", CultureInfo.InvariantCulture)}-{kind.ToString().ToLowerInvariant()}";
}
