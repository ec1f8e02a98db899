using System.Globalization;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Azure.Data.Tables;

namespace Archive.Storage;

/// <summary>
/// How article rows look in Table Storage, both ways. Partition: the article id. Row keys: <c>head</c> (the capture's
/// state of the article), <c>labels</c> (the submitters' tags and sources), <c>v</c> + version number, <c>c</c> + an
/// inverted check counter (newest first), <c>x</c> + the newer version's number (change-log entries).
/// </summary>
internal static class ArticleEntities
{
    public const string HeadKey = "head";
    public const string LabelsKey = "labels";
    public const string VersionPrefix = "v";
    public const string CheckPrefix = "c";
    public const string ChangePrefix = "x";

    // Heads keep short summaries only (the full texts are in checks and records), which also keeps a head small enough
    // to travel in a capture message. A validator longer than that would be wrong once cut, so it is not kept.
    private const int MaxHeadText = 1000;
    private const int MaxHeadReason = 2000;

    public static string VersionKey(int number) => VersionPrefix + number.ToString("D10", CultureInfo.InvariantCulture);

    public static string CheckKey(int counter) => CheckPrefix + (int.MaxValue - counter).ToString("D10", CultureInfo.InvariantCulture);

    public static string ChangeKey(int toVersion) => ChangePrefix + toVersion.ToString("D10", CultureInfo.InvariantCulture);

    public static TableEntity Head(ArticleHead head) =>
        new(head.Id.Value, HeadKey)
        {
            ["Url"] = head.Url,
            ["SubmittedAt"] = head.SubmittedAt,
            ["LatestVersion"] = head.LatestVersion,
            ["LatestRecordSha256"] = head.LatestRecordSha256,
            ["LatestTextSha256"] = head.LatestTextSha256,
            ["LatestOriginalSha256"] = head.LatestOriginalSha256,
            ["LatestCleanTextSha256"] = head.LatestCleanTextSha256,
            ["LatestMetadataSha256"] = head.LatestMetadataSha256,
            ["LatestSeenCount"] = head.LatestSeenCount,
            ["OtherTextSha256"] = head.OtherTextSha256,
            ["OtherTextOriginalSha256"] = head.OtherTextOriginalSha256,
            ["Title"] = Cut(head.Title, MaxHeadText),
            ["SiteName"] = Cut(head.SiteName, MaxHeadText),
            ["FirstCapturedAt"] = head.FirstCapturedAt,
            ["LastCheckedAt"] = head.LastCheckedAt,
            ["LastChangedAt"] = head.LastChangedAt,
            ["LastOutcome"] = head.LastOutcome?.ToCode(),
            ["LastOutcomeReason"] = Cut(head.LastOutcomeReason, MaxHeadReason),
            ["LastOutcomeWillRetry"] = head.LastOutcomeWillRetry,
            ["CheckCount"] = head.CheckCount,
            ["ValidatorETag"] = head.ValidatorETag is { Length: <= MaxHeadText } etag ? etag : null,
            ["ValidatorLastModified"] = head.ValidatorLastModified is { Length: <= MaxHeadText } modified ? modified : null,
            ["NextCheckAt"] = head.NextCheckAt,
        };

    public static TableEntity Labels(ArticleHead head) =>
        new(head.Id.Value, LabelsKey)
        {
            ["Tags"] = JsonSerializer.Serialize(head.Tags, ArchiveJson.Options),
            ["Sources"] = JsonSerializer.Serialize(head.Sources, ArchiveJson.Options),
        };

    /// <summary>A head from its row and, when there is one, its labels row.</summary>
    public static ArticleHead ToHead(TableEntity entity, TableEntity? labels) => new()
    {
        Id = ArticleId.TryParse(entity.PartitionKey, out var id) ? id : throw new RecordIntegrityException($"Bad article key '{entity.PartitionKey}'."),
        Url = entity.GetString("Url"),
        SubmittedAt = entity.GetDateTimeOffset("SubmittedAt") ?? default,
        LatestVersion = entity.GetInt32("LatestVersion") ?? 0,
        LatestRecordSha256 = entity.GetString("LatestRecordSha256"),
        LatestTextSha256 = entity.GetString("LatestTextSha256"),
        LatestOriginalSha256 = entity.GetString("LatestOriginalSha256"),
        LatestCleanTextSha256 = entity.GetString("LatestCleanTextSha256"),
        LatestMetadataSha256 = entity.GetString("LatestMetadataSha256"),
        LatestSeenCount = entity.GetInt32("LatestSeenCount") ?? 0,
        OtherTextSha256 = entity.GetString("OtherTextSha256"),
        OtherTextOriginalSha256 = entity.GetString("OtherTextOriginalSha256"),
        Title = entity.GetString("Title"),
        SiteName = entity.GetString("SiteName"),
        FirstCapturedAt = entity.GetDateTimeOffset("FirstCapturedAt"),
        LastCheckedAt = entity.GetDateTimeOffset("LastCheckedAt"),
        LastChangedAt = entity.GetDateTimeOffset("LastChangedAt"),
        LastOutcome = CaptureOutcomes.FromCode(entity.GetString("LastOutcome")),
        LastOutcomeReason = entity.GetString("LastOutcomeReason"),
        LastOutcomeWillRetry = entity.GetBoolean("LastOutcomeWillRetry") ?? false,
        CheckCount = entity.GetInt32("CheckCount") ?? 0,
        Tags = Strings((labels ?? entity).GetString("Tags")),
        Sources = Strings((labels ?? entity).GetString("Sources")),
        ValidatorETag = entity.GetString("ValidatorETag"),
        ValidatorLastModified = entity.GetString("ValidatorLastModified"),
        NextCheckAt = entity.GetDateTimeOffset("NextCheckAt"),
        ETag = entity.ETag.ToString(),
        LabelsETag = labels?.ETag.ToString(),
    };

    public static TableEntity Version(ArticleId id, VersionSummary version) =>
        new(id.Value, VersionKey(version.Number))
        {
            ["Number"] = version.Number,
            ["RecordSha256"] = version.RecordSha256,
            ["PreviousRecordSha256"] = version.PreviousRecordSha256,
            ["OriginalSha256"] = version.OriginalSha256,
            ["TextSha256"] = version.TextSha256,
            ["CleanTextSha256"] = version.CleanTextSha256,
            ["MetadataSha256"] = version.MetadataSha256,
            ["Title"] = Cut(version.Title, 4000),
            ["FirstSeenAt"] = version.FirstSeenAt,
            ["LastSeenAt"] = version.LastSeenAt,
            ["SeenCount"] = version.SeenCount,
        };

    public static TableEntity Sighting(ArticleId id, VersionSighting seen) =>
        new(id.Value, VersionKey(seen.Number))
        {
            ["LastSeenAt"] = seen.LastSeenAt,
            ["SeenCount"] = seen.SeenCount,
        };

    public static VersionSummary ToVersion(TableEntity entity) => new()
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

    public static TableEntity Change(ArticleId id, ChangeSummary change) =>
        new(id.Value, ChangeKey(change.ToVersion))
        {
            ["FromVersion"] = change.FromVersion,
            ["ToVersion"] = change.ToVersion,
            ["At"] = change.At,
            ["Verdict"] = change.Verdict,
            ["Kinds"] = string.Join(',', change.Kinds),
            ["WordsAdded"] = change.WordsAdded,
            ["WordsRemoved"] = change.WordsRemoved,
            ["ChangeSha256"] = change.ChangeSha256,
        };

    public static ChangeSummary ToChange(TableEntity entity) => new()
    {
        FromVersion = entity.GetInt32("FromVersion") ?? 0,
        ToVersion = entity.GetInt32("ToVersion") ?? 0,
        At = entity.GetDateTimeOffset("At") ?? default,
        Verdict = entity.GetString("Verdict") ?? "edit",
        Kinds = entity.GetString("Kinds") is { Length: > 0 } kinds ? kinds.Split(',') : [],
        WordsAdded = entity.GetInt32("WordsAdded") ?? 0,
        WordsRemoved = entity.GetInt32("WordsRemoved") ?? 0,
        ChangeSha256 = entity.GetString("ChangeSha256"),
    };

    public static TableEntity Check(ArticleId id, int counter, CheckRecord check) =>
        new(id.Value, CheckKey(counter))
        {
            ["At"] = check.At,
            ["Outcome"] = check.Outcome.ToCode(),
            ["Check"] = JsonSerializer.Serialize(check, ArchiveJson.Options),
        };

    public static CheckRecord ToCheck(TableEntity entity) =>
        JsonSerializer.Deserialize<CheckRecord>(entity.GetString("Check"), ArchiveJson.Options)
        ?? throw new RecordIntegrityException($"Check {entity.RowKey} of article {entity.PartitionKey} is empty.");

    private static List<string> Strings(string? json) => json is null ? [] : JsonSerializer.Deserialize<List<string>>(json, ArchiveJson.Options) ?? [];

    // A table string property holds at most 32K UTF-16 characters.
    private static string? Cut(string? value, int max) => value is not null && value.Length > max ? value[..max] : value;
}
