using System.Globalization;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Azure;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>
/// Articles in Table Storage. Every row of an article shares its partition (the article id), so a new version, its
/// check and the head commit together in one transaction. Row keys: <c>head</c>; <c>v</c> + number; <c>c</c> + an
/// inverted check counter so the newest check sorts first; <c>x</c> + the newer version's number for change-log entries.
/// </summary>
public sealed class TableArticleStore(TableServiceClient tables, IContentStore content, ResolvedStorageNames names) : IArticleStore
{
    internal const string HeadKey = "head";
    private const string VersionPrefix = "v";
    private const string CheckPrefix = "c";
    private const string ChangePrefix = "x";
    private const int MaxMergedLabels = 200;
    private readonly TableClient _table = tables.GetTableClient(names.ArticlesTable);

    /// <summary>The row key of version <paramref name="number"/>.</summary>
    public static string VersionKey(int number) => VersionPrefix + number.ToString("D10", CultureInfo.InvariantCulture);

    private static string CheckKey(int counter) => CheckPrefix + (int.MaxValue - counter).ToString("D10", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id.Value, HeadKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToHead(response.Value!) : null;
    }

    /// <inheritdoc />
    public async Task<(ArticleHead Head, bool Created)> EnsureHeadAsync(ArticleHead head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        while (true)
        {
            try
            {
                var added = await _table.AddEntityAsync(FromHead(head), cancellationToken).ConfigureAwait(false);
                return (head with { ETag = added.Headers.ETag?.ToString() }, true);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Already known: merge what this submitter adds.
            }

            var existing = await GetHeadAsync(head.Id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                continue;
            }

            var tags = Merge(existing.Tags, head.Tags);
            var sources = Merge(existing.Sources, head.Sources);
            if (tags.Count == existing.Tags.Count && sources.Count == existing.Sources.Count)
            {
                return (existing, false);
            }

            var merged = existing with { Tags = tags, Sources = sources };
            try
            {
                var updated = await _table.UpdateEntityAsync(FromHead(merged), new ETag(existing.ETag!), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return (merged with { ETag = updated.Headers.ETag?.ToString() }, false);
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                // Someone else changed the head meanwhile; read it again.
            }
        }
    }

    /// <inheritdoc />
    public async Task CommitVersionAsync(ArticleHead head, ArticleVersion version, CheckRecord check, ChangeEntry? change = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(version);
        var actions = new List<TableTransactionAction>
        {
            HeadAction(head),
            new(TableTransactionActionType.Add, FromVersion(head.Id, version)),
            new(TableTransactionActionType.Add, FromCheck(head.Id, head.CheckCount, check)),
        };
        if (change is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, FromChange(head.Id, change)));
        }

        await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CommitCheckAsync(ArticleHead head, CheckRecord check, VersionSighting? seenAgain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        var actions = new List<TableTransactionAction>
        {
            HeadAction(head),
            new(TableTransactionActionType.Add, FromCheck(head.Id, head.CheckCount, check)),
        };
        if (seenAgain is not null)
        {
            var seen = new TableEntity(head.Id.Value, VersionKey(seenAgain.Number))
            {
                ["LastSeenAt"] = seenAgain.LastSeenAt,
                ["SeenCount"] = seenAgain.SeenCount,
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, seen, ETag.All));
        }

        await SubmitAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<ArticleVersion?> GetVersionAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id.Value, VersionKey(number), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? await ToVersionAsync(response.Value!, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArticleVersion>> ListVersionsAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var versions = new List<ArticleVersion>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {VersionPrefix} and RowKey lt {"w"}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            versions.Add(await ToVersionAsync(entity, cancellationToken).ConfigureAwait(false));
        }

        return versions;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<VersionSummary>> ListVersionSummariesAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var summaries = new List<VersionSummary>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {VersionPrefix} and RowKey lt {"w"}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            summaries.Add(ToSummary(entity));
        }

        return summaries;
    }

    /// <inheritdoc />
    public async Task<VersionSummary?> GetVersionSummaryAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(id.Value, VersionKey(number), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToSummary(response.Value!) : null;
    }

    private static VersionSummary ToSummary(TableEntity entity) => new()
    {
        Number = entity.GetInt32("Number") ?? 0,
        RecordSha256 = entity.GetString("RecordSha256"),
        PreviousRecordSha256 = entity.GetString("PreviousRecordSha256"),
        TextSha256 = entity.GetString("TextSha256"),
        CleanTextSha256 = entity.GetString("CleanTextSha256"),
        OriginalSha256 = entity.GetString("OriginalSha256"),
        MetadataSha256 = entity.GetString("MetadataSha256"),
        Title = entity.GetString("Title"),
        FirstSeenAt = entity.GetDateTimeOffset("FirstSeenAt") ?? default,
        LastSeenAt = entity.GetDateTimeOffset("LastSeenAt") ?? default,
        SeenCount = entity.GetInt32("SeenCount") ?? 1,
    };

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeEntry>> ListChangesAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var changes = new List<ChangeEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {ChangePrefix} and RowKey lt {"y"}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var hash = ContentHash.Parse(entity.GetString("ChangeSha256"));
            var record = await ReadSealedAsync<ChangeRecord>(hash, $"change record of {entity.RowKey} of article {id}", cancellationToken).ConfigureAwait(false);
            changes.Add(new ChangeEntry(record, hash.Hex));
        }

        return changes;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ArticleHead> ListHeadsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {HeadKey}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return ToHead(entity);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default)
    {
        var checks = new List<CheckRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id.Value} and RowKey ge {CheckPrefix} and RowKey lt {"d"}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            checks.Add(JsonSerializer.Deserialize<CheckRecord>(entity.GetString("Check"), ArchiveJson.Options)!);
            if (checks.Count >= max)
            {
                break;
            }
        }

        return checks;
    }

    private static TableTransactionAction HeadAction(ArticleHead head) =>
        head.ETag is null
            ? throw new ArgumentException("The head must carry the ETag it was read with.", nameof(head))
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, FromHead(head), new ETag(head.ETag));

    private async Task SubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await _table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new ConcurrencyConflictException("The article changed while this capture was being recorded.", ex);
        }
    }

    // Sealed records are only trusted when their bytes still hash to the name they are stored under.
    private async Task<T> ReadSealedAsync<T>(ContentHash hash, string what, CancellationToken cancellationToken)
    {
        var bytes = await content.GetRecordAsync(hash, cancellationToken).ConfigureAwait(false)
                    ?? throw new RecordIntegrityException($"The {what} ({hash}) is missing.");
        if (ContentHash.Of(bytes) != hash)
        {
            throw new RecordIntegrityException($"The {what} ({hash}) does not match its hash.");
        }

        return JsonSerializer.Deserialize<T>(bytes, ArchiveJson.Options)
               ?? throw new RecordIntegrityException($"The {what} ({hash}) is empty.");
    }

    private async Task<ArticleVersion> ToVersionAsync(TableEntity entity, CancellationToken cancellationToken)
    {
        var recordHash = ContentHash.Parse(entity.GetString("RecordSha256"));
        var record = await ReadSealedAsync<VersionRecord>(recordHash, $"record of version {entity.RowKey} of article {entity.PartitionKey}", cancellationToken).ConfigureAwait(false);
        return new ArticleVersion
        {
            Record = record,
            RecordSha256 = recordHash.Hex,
            FirstSeenAt = entity.GetDateTimeOffset("FirstSeenAt")!.Value,
            LastSeenAt = entity.GetDateTimeOffset("LastSeenAt")!.Value,
            SeenCount = entity.GetInt32("SeenCount") ?? 1,
        };
    }

    private static TableEntity FromVersion(ArticleId id, ArticleVersion version)
    {
        var record = version.Record;
        return new TableEntity(id.Value, VersionKey(record.Number))
        {
            ["Number"] = record.Number,
            ["RecordSha256"] = version.RecordSha256,
            ["PreviousRecordSha256"] = record.PreviousRecordSha256,
            ["OriginalSha256"] = record.OriginalSha256,
            ["TextSha256"] = record.TextSha256,
            ["CleanTextSha256"] = record.CleanTextSha256,
            ["MetadataSha256"] = MetadataChanges.Fingerprint(record.Metadata),
            ["Title"] = Truncate(record.Metadata.Title),
            ["FirstSeenAt"] = version.FirstSeenAt,
            ["LastSeenAt"] = version.LastSeenAt,
            ["SeenCount"] = version.SeenCount,
        };
    }

    private static TableEntity FromChange(ArticleId id, ChangeEntry change)
    {
        var record = change.Record;
        return new TableEntity(id.Value, ChangePrefix + record.ToVersion.ToString("D10", CultureInfo.InvariantCulture))
        {
            ["FromVersion"] = record.FromVersion,
            ["ToVersion"] = record.ToVersion,
            ["At"] = record.At,
            ["Verdict"] = record.Verdict,
            ["Kinds"] = string.Join(',', record.Kinds),
            ["WordsAdded"] = record.WordsAdded,
            ["WordsRemoved"] = record.WordsRemoved,
            ["ChangeSha256"] = change.ChangeSha256,
        };
    }

    private static TableEntity FromCheck(ArticleId id, int counter, CheckRecord check) =>
        new(id.Value, CheckKey(counter))
        {
            ["At"] = check.At,
            ["Outcome"] = check.Outcome.ToCode(),
            ["Check"] = JsonSerializer.Serialize(check, ArchiveJson.Options),
        };

    private static TableEntity FromHead(ArticleHead head) =>
        new(head.Id.Value, HeadKey)
        {
            ["Url"] = head.Url,
            ["SubmittedAt"] = head.SubmittedAt,
            ["LatestVersion"] = head.LatestVersion,
            ["LatestRecordSha256"] = head.LatestRecordSha256,
            ["LatestTextSha256"] = head.LatestTextSha256,
            ["LatestOriginalSha256"] = head.LatestOriginalSha256,
            ["Title"] = Truncate(head.Title),
            ["SiteName"] = Truncate(head.SiteName),
            ["FirstCapturedAt"] = head.FirstCapturedAt,
            ["LastCheckedAt"] = head.LastCheckedAt,
            ["LastChangedAt"] = head.LastChangedAt,
            ["LastOutcome"] = head.LastOutcome?.ToCode(),
            ["LastOutcomeReason"] = Truncate(head.LastOutcomeReason),
            ["LastOutcomeWillRetry"] = head.LastOutcomeWillRetry,
            ["CheckCount"] = head.CheckCount,
            ["Tags"] = JsonSerializer.Serialize(head.Tags, ArchiveJson.Options),
            ["Sources"] = JsonSerializer.Serialize(head.Sources, ArchiveJson.Options),
            ["ValidatorETag"] = Truncate(head.ValidatorETag),
            ["ValidatorLastModified"] = Truncate(head.ValidatorLastModified),
            ["NextCheckAt"] = head.NextCheckAt,
        };

    private static ArticleHead ToHead(TableEntity entity) => new()
    {
        Id = ArticleId.TryParse(entity.PartitionKey, out var id) ? id : throw new RecordIntegrityException($"Bad article key '{entity.PartitionKey}'."),
        Url = entity.GetString("Url"),
        SubmittedAt = entity.GetDateTimeOffset("SubmittedAt") ?? default,
        LatestVersion = entity.GetInt32("LatestVersion") ?? 0,
        LatestRecordSha256 = entity.GetString("LatestRecordSha256"),
        LatestTextSha256 = entity.GetString("LatestTextSha256"),
        LatestOriginalSha256 = entity.GetString("LatestOriginalSha256"),
        Title = entity.GetString("Title"),
        SiteName = entity.GetString("SiteName"),
        FirstCapturedAt = entity.GetDateTimeOffset("FirstCapturedAt"),
        LastCheckedAt = entity.GetDateTimeOffset("LastCheckedAt"),
        LastChangedAt = entity.GetDateTimeOffset("LastChangedAt"),
        LastOutcome = CaptureOutcomes.FromCode(entity.GetString("LastOutcome")),
        LastOutcomeReason = entity.GetString("LastOutcomeReason"),
        LastOutcomeWillRetry = entity.GetBoolean("LastOutcomeWillRetry") ?? false,
        CheckCount = entity.GetInt32("CheckCount") ?? 0,
        Tags = JsonSerializer.Deserialize<List<string>>(entity.GetString("Tags") ?? "[]", ArchiveJson.Options) ?? [],
        Sources = JsonSerializer.Deserialize<List<string>>(entity.GetString("Sources") ?? "[]", ArchiveJson.Options) ?? [],
        ValidatorETag = entity.GetString("ValidatorETag"),
        ValidatorLastModified = entity.GetString("ValidatorLastModified"),
        NextCheckAt = entity.GetDateTimeOffset("NextCheckAt"),
        ETag = entity.ETag.ToString(),
    };

    private static List<string> Merge(IReadOnlyList<string> existing, IReadOnlyList<string> added)
    {
        var merged = existing.ToList();
        foreach (var item in added)
        {
            // Bounded so a much-submitted article's head stays far below the table's property size limit.
            if (merged.Count < MaxMergedLabels && !merged.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                merged.Add(item);
            }
        }

        return merged;
    }

    // A table string property holds at most 32K UTF-16 characters; heads keep short summaries only.
    private static string? Truncate(string? value) => value is { Length: > 4000 } ? value[..4000] : value;
}
