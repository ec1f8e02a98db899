using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;

namespace Archive.Core.Fixity;

/// <summary>
/// The fixity audit: re-reads the stored originals, clean texts and records that versions name, re-computes their
/// SHA-256 and records each result, reporting any item that is missing or changed with its article and version.
/// Articles are streamed one at a time; each distinct blob is read once per run, however many versions name it (the
/// run remembers the hashes it has read, about 100 bytes each).
/// </summary>
public sealed partial class FixityAuditor(IArticleStore articles, IContentStore content, IFixityLog log, TimeProvider time, ILogger<FixityAuditor> logger)
{
    /// <summary>The app setting holding the audit timer's NCRONTAB schedule.</summary>
    public const string ScheduleSetting = "AUDIT_SCHEDULE";

    /// <summary>The schedule when the setting is absent in the local runner: daily at 03:30 UTC.</summary>
    public const string DefaultSchedule = "0 30 3 * * *";

    /// <summary>Audits every article.</summary>
    public Task<FixityReport> AuditAllAsync(CancellationToken cancellationToken = default) =>
        RunAsync("all", articles.ListHeadsAsync(cancellationToken).Select(head => head.Id), cancellationToken);

    /// <summary>Audits one article; null when it is unknown.</summary>
    public async Task<FixityReport?> AuditAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        if (await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        return await RunAsync(id.Value, new[] { id }.ToAsyncEnumerable(), cancellationToken).ConfigureAwait(false);
    }

    private async Task<FixityReport> RunAsync(string scope, IAsyncEnumerable<ArticleId> ids, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var runId = $"{started:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid().ToString("N")[..8]}";
        var read = new Dictionary<(ContentKind, string), (FixityStatus Status, string? Actual)>();
        var failures = new List<FixityResult>();
        int articleCount = 0, versions = 0, items = 0;
        await foreach (var id in ids.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var results = new List<FixityResult>();
            foreach (var version in await articles.ListVersionSummariesAsync(id, cancellationToken).ConfigureAwait(false))
            {
                versions++;
                foreach (var (kind, hash) in new[] { (ContentKind.Original, version.OriginalSha256), (ContentKind.Text, version.CleanTextSha256), (ContentKind.Record, version.RecordSha256) })
                {
                    var name = hash ?? string.Empty;
                    if (!read.TryGetValue((kind, name), out var found))
                    {
                        found = await CheckAsync(kind, name, cancellationToken).ConfigureAwait(false);
                        read[(kind, name)] = found;
                    }

                    var result = new FixityResult(id.Value, version.Number, kind, name, found.Status, found.Actual, time.GetUtcNow());
                    results.Add(result);
                    items++;
                    if (result.Status != FixityStatus.Ok)
                    {
                        failures.Add(result);
                        LogFailed(logger, id.Value, version.Number, kind.ToString(), name, result.Status.ToString());
                    }
                }
            }

            await log.RecordAsync(id, results, runId, cancellationToken).ConfigureAwait(false);
            articleCount++;
        }

        var report = new FixityReport
        {
            RunId = runId,
            Scope = scope,
            StartedAt = started,
            FinishedAt = time.GetUtcNow(),
            Articles = articleCount,
            Versions = versions,
            Items = items,
            BlobsRead = read.Count,
            Failures = failures,
        };
        await log.RecordRunAsync(report, cancellationToken).ConfigureAwait(false);
        LogRun(logger, runId, scope, articleCount, versions, read.Count, failures.Count);
        return report;
    }

    private async Task<(FixityStatus, string?)> CheckAsync(ContentKind kind, string name, CancellationToken cancellationToken)
    {
        if (!ContentHash.TryParse(name, out var hash))
        {
            // A row without a well-formed hash names nothing that could be read.
            return (FixityStatus.Missing, null);
        }

        var actual = await content.HashStoredAsync(kind, hash, cancellationToken).ConfigureAwait(false);
        return actual is not { } now ? (FixityStatus.Missing, null) : now == hash ? (FixityStatus.Ok, null) : (FixityStatus.Mismatch, now.Hex);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Fixity: the {Kind} {Sha256} of version {Version} of article {ArticleId} is {Status}")]
    private static partial void LogFailed(ILogger logger, string articleId, int version, string kind, string sha256, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fixity audit {RunId} of {Scope}: {Articles} articles, {Versions} versions, {BlobsRead} blobs read, {Failures} failures")]
    private static partial void LogRun(ILogger logger, string runId, string scope, int articles, int versions, int blobsRead, int failures);
}
