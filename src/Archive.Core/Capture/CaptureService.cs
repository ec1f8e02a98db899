using System.Diagnostics;
using Archive.Core.Content;
using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Core.Capture;

/// <summary>
/// Captures one article: fetch, keep the original bytes, extract, hash, and record either a new version or a check
/// of the current one. Writes go blobs first, table last, so a crash at any point leaves either a complete version
/// or nothing visible (an unreferenced blob at most, which is content-addressed and harmless).
/// </summary>
public sealed partial class CaptureService(
    PageFetcher fetcher,
    IArticleExtractor extractor,
    IContentStore content,
    IArticleStore articles,
    IOptions<CaptureOptions> options,
    TimeProvider time,
    ILogger<CaptureService> logger)
{
    private readonly CaptureOptions _options = options.Value;

    /// <summary>Processes a capture message delivered for the <paramref name="attempt"/>th time.</summary>
    /// <exception cref="CaptureRetryException">A transient failure with attempts left: deliver the message again.</exception>
    /// <exception cref="InvalidCaptureMessageException">The message can never be processed.</exception>
    public async Task<CaptureResult> CaptureAsync(CaptureMessage message, int attempt = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, url) = Validate(message);
        var head = await LoadHeadAsync(id, url, message, cancellationToken).ConfigureAwait(false);
        var conditional = head.LatestVersion > 0 ? new ConditionalRequest(head.ValidatorETag, head.ValidatorLastModified) : null;
        var stopwatch = Stopwatch.StartNew();

        FetchResult fetch;
        try
        {
            fetch = await fetcher.FetchAsync(url.Value, conditional, cancellationToken).ConfigureAwait(false);
        }
        catch (FetchFailedException ex)
        {
            var outcome = ex.Kind switch
            {
                FetchFailureKind.BlockedAddress => CaptureOutcome.BlockedAddress,
                FetchFailureKind.DnsFailure => CaptureOutcome.DnsFailure,
                FetchFailureKind.Timeout => CaptureOutcome.Timeout,
                FetchFailureKind.TooLarge => CaptureOutcome.TooLarge,
                FetchFailureKind.TooManyRedirects or FetchFailureKind.InvalidRedirect => CaptureOutcome.TooManyRedirects,
                _ => CaptureOutcome.ConnectionFailed,
            };
            LogFetchFailed(logger, id.Value, outcome.ToCode(), ex.Message);
            return await FailAsync(id, message, attempt, outcome, ex.Message, ex.IsTransient, statusCode: null, stopwatch.Elapsed, cancellationToken).ConfigureAwait(false);
        }

        var elapsed = stopwatch.Elapsed;
        if (fetch.NotModified && head.LatestVersion > 0)
        {
            return await RecordSeenAgainAsync(id, message, attempt, CaptureOutcome.NotModified, "The server answered 304 Not Modified.", fetch, null, null, elapsed, cancellationToken).ConfigureAwait(false);
        }

        if (fetch.StatusCode >= 500)
        {
            return await FailAsync(id, message, attempt, CaptureOutcome.Http5xx, $"The server answered {fetch.StatusCode} {fetch.ReasonPhrase}.", transient: true, fetch.StatusCode, elapsed, cancellationToken).ConfigureAwait(false);
        }

        if (fetch.StatusCode is < 200 or > 299)
        {
            return await FailAsync(id, message, attempt, CaptureOutcome.Http4xx, $"The server answered {fetch.StatusCode} {fetch.ReasonPhrase}.", transient: false, fetch.StatusCode, elapsed, cancellationToken).ConfigureAwait(false);
        }

        var originalHash = ContentHash.Of(fetch.Body);
        await content.PutOriginalAsync(originalHash, fetch.Body, fetch.ContentType, cancellationToken).ConfigureAwait(false);

        if (!IsHtml(fetch))
        {
            return await RecordCheckOnlyAsync(id, message, attempt, CaptureOutcome.NotHtml, $"The response is '{fetch.MediaType ?? "untyped"}', not HTML; its bytes are kept without text.", fetch, originalHash, null, elapsed, cancellationToken).ConfigureAwait(false);
        }

        var extraction = extractor.Extract(new HtmlSource(fetch.Body, fetch.ContentType, fetch.FinalUrl), cancellationToken);
        var normalized = TextNormalizer.Normalize(extraction.Text);
        var textHash = ContentHash.OfText(normalized);
        if (!extraction.IsArticle)
        {
            // A page that stops looking like an article is far more often a wall or an error than a deletion.
            var outcome = head.LatestVersion > 0 ? CaptureOutcome.Suspect : CaptureOutcome.NotAnArticle;
            return await RecordCheckOnlyAsync(id, message, attempt, outcome, $"{extraction.Kind}: {extraction.Reason}", fetch, originalHash, textHash, elapsed, cancellationToken).ConfigureAwait(false);
        }

        return await RecordExtractionAsync(id, url, message, attempt, fetch, originalHash, extraction, textHash, elapsed, cancellationToken).ConfigureAwait(false);
    }

    private static (ArticleId Id, CanonicalUrl Url) Validate(CaptureMessage message)
    {
        if (!UrlCanonicalizer.TryCanonicalize(message.Url, out var url, out var error))
        {
            throw new InvalidCaptureMessageException($"The message's URL is invalid: {error}");
        }

        if (!ArticleId.TryParse(message.ArticleId, out var id) || id != ArticleId.For(url))
        {
            throw new InvalidCaptureMessageException("The message's article id does not belong to its URL.");
        }

        return (id, url);
    }

    private async Task<ArticleHead> LoadHeadAsync(ArticleId id, CanonicalUrl url, CaptureMessage message, CancellationToken cancellationToken)
    {
        var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is not null)
        {
            return head;
        }

        // The head is written before the message is queued; a message without one was queued by other means.
        var (created, _) = await articles.EnsureHeadAsync(
            new ArticleHead { Id = id, Url = url.ToString(), SubmittedAt = message.RequestedAt, Tags = message.Tags, Sources = message.Source is null ? [] : [message.Source] },
            cancellationToken).ConfigureAwait(false);
        return created;
    }

    private static bool IsHtml(FetchResult fetch) =>
        fetch.MediaType is null or "text/html" or "application/xhtml+xml" or "application/xml" or "text/xml";

    private async Task<CaptureResult> RecordExtractionAsync(
        ArticleId id, CanonicalUrl url, CaptureMessage message, int attempt, FetchResult fetch, ContentHash originalHash,
        ExtractionResult extraction, ContentHash textHash, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var cleanHash = ContentHash.OfText(extraction.Text);
        var textStored = false;
        for (var round = 0; ; round++)
        {
            var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"Article {id} vanished during its capture.");
            var latest = head.LatestVersion > 0 ? await articles.GetVersionAsync(id, head.LatestVersion, cancellationToken).ConfigureAwait(false) : null;
            var now = time.GetUtcNow();
            try
            {
                if (latest is not null && VersionComparer.IsSameVersion(latest.Record, textHash.Hex, extraction.Metadata))
                {
                    var check = NewCheck(message, attempt, CaptureOutcome.Unchanged, "The article has not changed.", fetch, originalHash, textHash, latest.Number, elapsed, now);
                    await articles.CommitCheckAsync(AfterCheck(head, check, fetch), check, SeenAgain(latest, now), cancellationToken).ConfigureAwait(false);
                    LogUnchanged(logger, id.Value, latest.Number);
                    return new CaptureResult(id.Value, CaptureOutcome.Unchanged, check.Reason, latest.Number);
                }

                if (!textStored)
                {
                    await content.PutTextAsync(cleanHash, extraction.Text, cancellationToken).ConfigureAwait(false);
                    textStored = true;
                }

                var record = new VersionRecord
                {
                    ArticleId = id.Value,
                    Number = head.LatestVersion + 1,
                    Url = url.ToString(),
                    Capture = CaptureEvidence.From(fetch, $"{extraction.Encoding} ({extraction.EncodingSource})"),
                    OriginalSha256 = originalHash.Hex,
                    CleanTextSha256 = cleanHash.Hex,
                    TextSha256 = textHash.Hex,
                    TextLength = extraction.Text.Length,
                    Extractor = new ExtractorInfo(extractor.Name, extractor.Version),
                    Metadata = extraction.Metadata,
                    Submission = new SubmissionInfo(message.Tags, message.Source, message.Trigger),
                    PreviousRecordSha256 = head.LatestRecordSha256,
                };
                var (bytes, recordHash) = ArticleVersion.Seal(record);
                await content.PutRecordAsync(recordHash, bytes, cancellationToken).ConfigureAwait(false);
                var version = new ArticleVersion { Record = record, RecordSha256 = recordHash.Hex, FirstSeenAt = now, LastSeenAt = now };
                var created = NewCheck(message, attempt, CaptureOutcome.Captured, $"Version {record.Number} recorded.", fetch, originalHash, textHash, record.Number, elapsed, now);
                var newHead = AfterCheck(head, created, fetch) with
                {
                    LatestVersion = record.Number,
                    LatestRecordSha256 = recordHash.Hex,
                    LatestTextSha256 = textHash.Hex,
                    LatestOriginalSha256 = originalHash.Hex,
                    Title = extraction.Metadata.Title,
                    SiteName = extraction.Metadata.SiteName,
                    FirstCapturedAt = head.FirstCapturedAt ?? now,
                    LastChangedAt = now,
                };
                await articles.CommitVersionAsync(newHead, version, created, cancellationToken).ConfigureAwait(false);
                LogCaptured(logger, id.Value, record.Number, originalHash.Hex);
                return new CaptureResult(id.Value, CaptureOutcome.Captured, created.Reason, record.Number);
            }
            catch (ConcurrencyConflictException) when (round < _options.MaxConflictRetries)
            {
                LogConflict(logger, id.Value, round + 1);
            }
        }
    }

    private async Task<CaptureResult> RecordSeenAgainAsync(
        ArticleId id, CaptureMessage message, int attempt, CaptureOutcome outcome, string reason, FetchResult fetch,
        ContentHash? originalHash, ContentHash? textHash, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"Article {id} vanished during its capture.");
            var latest = head.LatestVersion > 0 ? await articles.GetVersionAsync(id, head.LatestVersion, cancellationToken).ConfigureAwait(false) : null;
            var now = time.GetUtcNow();
            var check = NewCheck(message, attempt, outcome, reason, fetch, originalHash, textHash, latest?.Number, elapsed, now);
            try
            {
                await articles.CommitCheckAsync(AfterCheck(head, check, fetch), check, latest is null ? null : SeenAgain(latest, now), cancellationToken).ConfigureAwait(false);
                return new CaptureResult(id.Value, outcome, reason, latest?.Number);
            }
            catch (ConcurrencyConflictException) when (round < _options.MaxConflictRetries)
            {
                LogConflict(logger, id.Value, round + 1);
            }
        }
    }

    private Task<CaptureResult> RecordCheckOnlyAsync(
        ArticleId id, CaptureMessage message, int attempt, CaptureOutcome outcome, string reason, FetchResult? fetch,
        ContentHash? originalHash, ContentHash? textHash, TimeSpan elapsed, CancellationToken cancellationToken) =>
        RecordCheckAsync(id, message, attempt, outcome, reason, fetch, fetch?.StatusCode, originalHash, textHash, elapsed, willRetry: false, cancellationToken);

    private async Task<CaptureResult> RecordCheckAsync(
        ArticleId id, CaptureMessage message, int attempt, CaptureOutcome outcome, string reason, FetchResult? fetch, int? statusCode,
        ContentHash? originalHash, ContentHash? textHash, TimeSpan elapsed, bool willRetry, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"Article {id} vanished during its capture.");
            var now = time.GetUtcNow();
            var check = NewCheck(message, attempt, outcome, reason, fetch, originalHash, textHash, null, elapsed, now) with { StatusCode = statusCode, WillRetry = willRetry };
            try
            {
                await articles.CommitCheckAsync(AfterCheck(head, check, fetch: null), check, null, cancellationToken).ConfigureAwait(false);
                LogCheckOnly(logger, id.Value, outcome.ToCode(), reason);
                return new CaptureResult(id.Value, outcome, reason, null);
            }
            catch (ConcurrencyConflictException) when (round < _options.MaxConflictRetries)
            {
                LogConflict(logger, id.Value, round + 1);
            }
        }
    }

    private async Task<CaptureResult> FailAsync(
        ArticleId id, CaptureMessage message, int attempt, CaptureOutcome outcome, string reason, bool transient, int? statusCode,
        TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var retry = transient && attempt < _options.MaxAttempts;
        var said = retry ? $"{reason} Attempt {attempt} of {_options.MaxAttempts}; it will be retried." : reason;
        var result = await RecordCheckAsync(id, message, attempt, outcome, said, null, statusCode, null, null, elapsed, retry, cancellationToken).ConfigureAwait(false);
        if (retry)
        {
            throw new CaptureRetryException(outcome, said);
        }

        return result;
    }

    private static CheckRecord NewCheck(
        CaptureMessage message, int attempt, CaptureOutcome outcome, string? reason, FetchResult? fetch, ContentHash? originalHash,
        ContentHash? textHash, int? version, TimeSpan elapsed, DateTimeOffset now) => new()
        {
            At = now,
            Outcome = outcome,
            Reason = reason,
            Trigger = message.Trigger,
            StatusCode = fetch?.StatusCode,
            OriginalSha256 = originalHash?.Hex,
            TextSha256 = textHash?.Hex,
            Version = version,
            Attempt = attempt,
            Duration = elapsed,
        };

    private static ArticleHead AfterCheck(ArticleHead head, CheckRecord check, FetchResult? fetch)
    {
        var updated = head with
        {
            LastCheckedAt = check.At,
            LastOutcome = check.Outcome,
            LastOutcomeReason = check.Reason,
            LastOutcomeWillRetry = check.WillRetry,
            CheckCount = head.CheckCount + 1,
        };
        if (fetch is { StatusCode: >= 200 and <= 299 })
        {
            updated = updated with { ValidatorETag = fetch.Header("ETag"), ValidatorLastModified = fetch.Header("Last-Modified") };
        }

        return updated;
    }

    private static ArticleVersion SeenAgain(ArticleVersion version, DateTimeOffset now) =>
        version with { LastSeenAt = now, SeenCount = version.SeenCount + 1 };

    [LoggerMessage(Level = LogLevel.Information, Message = "Captured article {ArticleId} as version {Version} (original {OriginalSha256})")]
    private static partial void LogCaptured(ILogger logger, string articleId, int version, string originalSha256);

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} unchanged since version {Version}")]
    private static partial void LogUnchanged(ILogger logger, string articleId, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching article {ArticleId} failed: {Outcome}: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string articleId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} checked: {Outcome}: {Reason}")]
    private static partial void LogCheckOnly(ILogger logger, string articleId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId} changed while recording; deciding again (round {Round})")]
    private static partial void LogConflict(ILogger logger, string articleId, int round);
}
