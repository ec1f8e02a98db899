using System.Diagnostics;
using Archive.Core.Content;
using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Core.Hashing;
using Archive.Core.Recheck;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Core.Capture;

/// <summary>
/// Captures one article: fetch, keep the original bytes, extract, hash, compare with the latest version, and record
/// a new version (with a change-log entry), or a check of the current one, and when to check again. Writes go blobs
/// first, table last, so a crash at any point leaves either a complete version or nothing visible (an unreferenced
/// blob at most, which is content-addressed and harmless). Every table write is conditional on the head's ETag; a
/// capture that loses a race reads again and decides again, so concurrent or repeated deliveries of the same change
/// create exactly one version.
/// </summary>
public sealed partial class CaptureService(
    PageFetcher fetcher,
    IArticleExtractor extractor,
    IContentStore content,
    IArticleStore articles,
    IDueIndex due,
    IStorageFailureClassifier storageFailures,
    IOptions<CaptureOptions> options,
    IOptions<RecheckOptions> recheck,
    TimeProvider time,
    ILogger<CaptureService> logger)
{
    private readonly CaptureOptions _options = options.Value;

    /// <summary>What a capture decided against one reading of the head.</summary>
    private sealed record Decision(CheckRecord Check, ArticleHead Head, CaptureResult Result)
    {
        public ArticleVersion? NewVersion { get; init; }

        public ChangeEntry? Change { get; init; }

        public VersionSighting? SeenAgain { get; init; }
    }

    /// <summary>Processes a capture message delivered for the <paramref name="attempt"/>th time.</summary>
    /// <exception cref="CaptureRetryException">A transient failure with attempts left: deliver the message again.</exception>
    /// <exception cref="InvalidCaptureMessageException">The message can never be processed.</exception>
    /// <remarks>
    /// A storage failure (refused, or storage out of reach) is logged, recorded as <c>storage-failure</c> when storage
    /// lets it be recorded at all, and rethrown, so the queue delivers the message again and finally moves it to the
    /// poison queue (see <see cref="GiveUpAsync"/>).
    /// </remarks>
    public async Task<CaptureResult> CaptureAsync(CaptureMessage message, int attempt = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, url) = Validate(message);
        var context = new Attempt(id, url, message, attempt);
        try
        {
            return await CaptureCoreAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (storageFailures.IsStorageFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            LogStorageFailed(logger, id.Value, attempt, ex);
            await RecordStorageFailureAsync(context, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Records that the queue gave up on a capture message (it went to the poison queue), with how the last recorded
    /// attempt ended, so the article shows why it was not captured. Returns null when the message names no article.
    /// </summary>
    public async Task<CaptureResult?> GiveUpAsync(CaptureMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, url) = Validate(message);
        var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var context = new Attempt(id, url, message, _options.MaxAttempts);
        return await CommitAsync(context, head, (h, now, _) =>
        {
            var last = h.LastOutcome is { } o && !o.IsSuccess() && o != CaptureOutcome.GaveUp ? o : (CaptureOutcome?)null;
            var reason = $"Capture gave up after {_options.MaxAttempts} deliveries of the message; " +
                         (last is { } l ? $"the last attempt ended in {l.ToCode()}: {h.LastOutcomeReason}" : "no attempt could be recorded (storage out of reach, or the capture was interrupted each time).");
            var decision = CheckOnly(context, h, now, CaptureOutcome.GaveUp, reason);
            return Task.FromResult(decision with { Check = decision.Check with { LastFailure = last } });
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CaptureResult> CaptureCoreAsync(Attempt context, CancellationToken cancellationToken)
    {
        var (id, url) = (context.Id, context.Url);
        var head = await LoadHeadAsync(id, url, context.Message, cancellationToken).ConfigureAwait(false);
        var conditional = head.LatestVersion > 0 ? new ConditionalRequest(head.ValidatorETag, head.ValidatorLastModified) : null;
        var stopwatch = Stopwatch.StartNew();

        FetchResult fetch;
        try
        {
            fetch = await fetcher.FetchAsync(url.Value, conditional, cancellationToken).ConfigureAwait(false);
        }
        catch (FetchFailedException ex)
        {
            var (outcome, transient) = FetchFailureOutcomes.For(ex.Kind);
            LogFetchFailed(logger, id.Value, outcome.ToCode(), ex.Message);
            return await FailAsync(context, head, outcome, ex.Message, transient, statusCode: null, stopwatch.Elapsed, cancellationToken).ConfigureAwait(false);
        }

        context = context with { Fetch = fetch, Elapsed = stopwatch.Elapsed };
        if (fetch.NotModified && head.LatestVersion > 0)
        {
            return await CommitAsync(context, head, (h, now, ct) => SeenAgainAsync(context, h, now, CaptureOutcome.NotModified, "The server answered 304 Not Modified.", ct), cancellationToken).ConfigureAwait(false);
        }

        if (fetch.StatusCode >= 500)
        {
            return await FailAsync(context, head, CaptureOutcome.Http5xx, $"The server answered {fetch.StatusCode} {fetch.ReasonPhrase}.", transient: true, fetch.StatusCode, context.Elapsed, cancellationToken).ConfigureAwait(false);
        }

        if (fetch.StatusCode is < 200 or > 299)
        {
            return await FailAsync(context, head, CaptureOutcome.Http4xx, $"The server answered {fetch.StatusCode} {fetch.ReasonPhrase}.", transient: false, fetch.StatusCode, context.Elapsed, cancellationToken).ConfigureAwait(false);
        }

        var originalHash = ContentHash.Of(fetch.Body);
        context = context with { OriginalHash = originalHash };
        if (originalHash.Hex != head.LatestOriginalSha256)
        {
            await content.PutOriginalAsync(originalHash, fetch.Body, fetch.ContentType, cancellationToken).ConfigureAwait(false);
        }

        if (!IsHtml(fetch))
        {
            var reason = $"The response is '{fetch.MediaType ?? "untyped"}', not HTML; its bytes are kept without text.";
            return await CommitAsync(context, head, (h, now, _) => Task.FromResult(CheckOnly(context, h, now, CaptureOutcome.NotHtml, reason)), cancellationToken).ConfigureAwait(false);
        }

        var extraction = extractor.Extract(new HtmlSource(fetch.Body, fetch.ContentType, fetch.FinalUrl), cancellationToken);
        var normalized = TextNormalizer.Normalize(extraction.Text);
        context = context with { Extraction = extraction, TextHash = ContentHash.OfText(normalized), CleanHash = ContentHash.OfText(extraction.Text) };
        if (!extraction.IsArticle && head.LatestVersion == 0)
        {
            var reason = $"{extraction.Kind}: {extraction.Reason}";
            return await CommitAsync(context, head, (h, now, _) => Task.FromResult(CheckOnly(context, h, now, CaptureOutcome.NotAnArticle, reason)), cancellationToken).ConfigureAwait(false);
        }

        return await CommitAsync(context, head, (h, now, ct) => DecideAsync(context, h, now, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Everything known about one attempt so far.</summary>
    private sealed record Attempt(ArticleId Id, CanonicalUrl Url, CaptureMessage Message, int Number)
    {
        public FetchResult? Fetch { get; init; }

        public TimeSpan Elapsed { get; init; }

        public ContentHash? OriginalHash { get; init; }

        public ExtractionResult? Extraction { get; init; }

        public ContentHash? TextHash { get; init; }

        public ContentHash? CleanHash { get; init; }
    }

    private async Task<Decision> DecideAsync(Attempt attempt, ArticleHead head, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var extraction = attempt.Extraction!;
        if (head.LatestVersion == 0)
        {
            return await NewVersionAsync(attempt, head, now, previous: null, previousText: null, assessment: null, cancellationToken).ConfigureAwait(false);
        }

        // The common case costs one row read: same text, same clean text, same identifying metadata.
        var summary = await articles.GetVersionSummaryAsync(head.Id, head.LatestVersion, cancellationToken).ConfigureAwait(false)
                      ?? throw new RecordIntegrityException($"Article {head.Id} names version {head.LatestVersion}, which has no row.");
        if (extraction.IsArticle && summary.TextSha256 == attempt.TextHash!.Value.Hex && summary.CleanTextSha256 == attempt.CleanHash!.Value.Hex &&
            summary.MetadataSha256 == MetadataChanges.Fingerprint(extraction.Metadata))
        {
            return Sighting(attempt, head, now, summary, CaptureOutcome.Unchanged, "The article has not changed.", null);
        }

        var latest = await articles.GetVersionAsync(head.Id, head.LatestVersion, cancellationToken).ConfigureAwait(false)
                     ?? throw new RecordIntegrityException($"Article {head.Id} names version {head.LatestVersion}, which is missing.");
        var latestText = await content.GetTextAsync(ContentHash.Parse(latest.Record.CleanTextSha256), cancellationToken).ConfigureAwait(false)
                         ?? throw new RecordIntegrityException($"The text of version {latest.Number} of {head.Id} is missing.");
        var fingerprints = (await articles.ListVersionSummariesAsync(head.Id, cancellationToken).ConfigureAwait(false))
            .Select(v => new VersionFingerprint(v.Number, v.TextSha256, v.MetadataSha256 ?? string.Empty)).ToList();
        var assessment = ChangeClassifier.Assess(latest.Record, latestText, extraction, fingerprints);
        return assessment.Verdict switch
        {
            ChangeVerdict.Unchanged => Sighting(attempt, head, now, summary, CaptureOutcome.Unchanged, assessment.Reason, null),
            ChangeVerdict.Noise => Sighting(attempt, head, now, summary, CaptureOutcome.Noise, assessment.Reason, assessment.Noise),
            ChangeVerdict.Suspect => CheckOnly(attempt, head, now, CaptureOutcome.Suspect, assessment.Reason),
            _ => await NewVersionAsync(attempt, head, now, latest, latestText, assessment, cancellationToken).ConfigureAwait(false),
        };
    }

    private async Task<Decision> NewVersionAsync(
        Attempt attempt, ArticleHead head, DateTimeOffset now, ArticleVersion? previous, string? previousText, ChangeAssessment? assessment, CancellationToken cancellationToken)
    {
        var extraction = attempt.Extraction!;
        var fetch = attempt.Fetch!;
        await content.PutTextAsync(attempt.CleanHash!.Value, extraction.Text, cancellationToken).ConfigureAwait(false);
        var record = new VersionRecord
        {
            ArticleId = head.Id.Value,
            Number = head.LatestVersion + 1,
            Url = attempt.Url.ToString(),
            Capture = CaptureEvidence.From(fetch, $"{extraction.Encoding} ({extraction.EncodingSource})"),
            OriginalSha256 = attempt.OriginalHash!.Value.Hex,
            CleanTextSha256 = attempt.CleanHash!.Value.Hex,
            TextSha256 = attempt.TextHash!.Value.Hex,
            TextLength = extraction.Text.Length,
            Extractor = new ExtractorInfo(extractor.Name, extractor.Version),
            Metadata = extraction.Metadata,
            Submission = new SubmissionInfo(attempt.Message.Tags, attempt.Message.Source, attempt.Message.Trigger),
            PreviousRecordSha256 = head.LatestRecordSha256,
        };
        var (bytes, recordHash) = ArticleVersion.Seal(record);
        await content.PutRecordAsync(recordHash, bytes, cancellationToken).ConfigureAwait(false);

        ChangeEntry? change = null;
        var reason = $"Version {record.Number} recorded.";
        if (previous is not null && previousText is not null && assessment is not null)
        {
            var diff = WordDiff.Compute(previousText, extraction.Text);
            var changeRecord = new ChangeRecord
            {
                ArticleId = head.Id.Value,
                FromVersion = previous.Number,
                ToVersion = record.Number,
                At = now,
                Verdict = assessment.Verdict == ChangeVerdict.Flip ? "flip" : "edit",
                FlipOf = assessment.FlipOf,
                Kinds = assessment.Kinds,
                MetadataChanges = assessment.MetadataChanges,
                WordsAdded = diff.WordsAdded,
                WordsRemoved = diff.WordsRemoved,
                Diff = diff.Spans,
                FromRecordSha256 = previous.RecordSha256,
                ToRecordSha256 = recordHash.Hex,
            };
            var (changeBytes, changeHash) = ArticleVersion.Seal(changeRecord);
            await content.PutRecordAsync(changeHash, changeBytes, cancellationToken).ConfigureAwait(false);
            change = new ChangeEntry(changeRecord, changeHash.Hex);
            reason = $"Version {record.Number} recorded. {assessment.Reason} (+{diff.WordsAdded}/-{diff.WordsRemoved} words)";
        }

        var version = new ArticleVersion { Record = record, RecordSha256 = recordHash.Hex, FirstSeenAt = now, LastSeenAt = now };
        var check = NewCheck(attempt, now, CaptureOutcome.Captured, reason, record.Number);
        var newHead = AfterCheck(head, check, attempt.Fetch) with
        {
            LatestVersion = record.Number,
            LatestRecordSha256 = recordHash.Hex,
            LatestTextSha256 = record.TextSha256,
            LatestOriginalSha256 = record.OriginalSha256,
            Title = extraction.Metadata.Title,
            SiteName = extraction.Metadata.SiteName,
            FirstCapturedAt = head.FirstCapturedAt ?? now,
            LastChangedAt = now,
        };
        return new Decision(check, newHead, new CaptureResult(head.Id.Value, CaptureOutcome.Captured, reason, record.Number)) { NewVersion = version, Change = change };
    }

    private Decision Sighting(Attempt attempt, ArticleHead head, DateTimeOffset now, VersionSummary seen, CaptureOutcome outcome, string reason, NoiseKind? noise)
    {
        var check = NewCheck(attempt, now, outcome, reason, seen.Number) with { Noise = noise };
        return new Decision(check, AfterCheck(head, check, attempt.Fetch), new CaptureResult(head.Id.Value, outcome, reason, seen.Number))
        {
            SeenAgain = new VersionSighting(seen.Number, now, seen.SeenCount + 1),
        };
    }

    private async Task<Decision> SeenAgainAsync(Attempt attempt, ArticleHead head, DateTimeOffset now, CaptureOutcome outcome, string reason, CancellationToken cancellationToken)
    {
        var summary = await articles.GetVersionSummaryAsync(head.Id, head.LatestVersion, cancellationToken).ConfigureAwait(false)
                      ?? throw new RecordIntegrityException($"Article {head.Id} names version {head.LatestVersion}, which has no row.");
        return Sighting(attempt, head, now, summary, outcome, reason, null);
    }

    private Decision CheckOnly(Attempt attempt, ArticleHead head, DateTimeOffset now, CaptureOutcome outcome, string reason, int? statusCode = null, bool willRetry = false)
    {
        var check = NewCheck(attempt, now, outcome, reason, null) with { StatusCode = statusCode ?? attempt.Fetch?.StatusCode, WillRetry = willRetry };
        return new Decision(check, AfterCheck(head, check, attempt.Fetch), new CaptureResult(head.Id.Value, outcome, reason, null));
    }

    private async Task<CaptureResult> FailAsync(
        Attempt attempt, ArticleHead head, CaptureOutcome outcome, string reason, bool transient, int? statusCode, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        var retry = transient && attempt.Number < _options.MaxAttempts;
        var said = retry ? $"{reason} Attempt {attempt.Number} of {_options.MaxAttempts}; it will be retried." : reason;
        var failed = attempt with { Elapsed = elapsed, Fetch = null };
        var result = await CommitAsync(failed, head, (h, now, _) => Task.FromResult(CheckOnly(failed, h, now, outcome, said, statusCode, retry)), cancellationToken).ConfigureAwait(false);
        if (retry)
        {
            throw new CaptureRetryException(outcome, said);
        }

        return result;
    }

    // Best effort: with storage out of reach the record cannot be written either; the log and the retry remain.
    private async Task RecordStorageFailureAsync(Attempt attempt, Exception failure, CancellationToken cancellationToken)
    {
        var retry = attempt.Number < _options.MaxAttempts;
        var said = $"Storage failed: {FirstLine(failure.Message)}" +
                   (retry ? $" Attempt {attempt.Number} of {_options.MaxAttempts}; it will be retried." : $" Attempt {attempt.Number} of {_options.MaxAttempts}.");
        try
        {
            var head = await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            await CommitAsync(attempt, head, (h, now, _) => Task.FromResult(CheckOnly(attempt, h, now, CaptureOutcome.StorageFailure, said, willRetry: retry)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (storageFailures.IsStorageFailure(ex))
        {
            LogStorageFailureNotRecorded(logger, attempt.Id.Value, FirstLine(ex.Message));
        }
    }

    private static string FirstLine(string message)
    {
        var line = message.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        line = end >= 0 ? line[..end] : line;
        return line.Length > 300 ? string.Concat(line[..300], "...") : line.ToString();
    }

    /// <summary>
    /// Decides against the head and commits, scheduling the next re-check; on a lost race reads the head again and
    /// decides again.
    /// </summary>
    private async Task<CaptureResult> CommitAsync(Attempt attempt, ArticleHead head, Func<ArticleHead, DateTimeOffset, CancellationToken, Task<Decision>> decide, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            if (round > 0)
            {
                head = await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"Article {attempt.Id} vanished during its capture.");
            }

            var now = time.GetUtcNow();
            var decision = await decide(head, now, cancellationToken).ConfigureAwait(false);
            var next = decision.Check.WillRetry ? head.NextCheckAt : NextCheck(decision.Head, decision.Check.Outcome, now);
            var newHead = decision.Head with { NextCheckAt = next };

            // The new due entry is written before the head names it, so a crash never leaves an article unscheduled.
            if (next is { } dueAt && (head.NextCheckAt is not { } old || !due.SameSlot(old, dueAt)))
            {
                await due.ScheduleAsync(attempt.Id, attempt.Url.ToString(), dueAt, cancellationToken).ConfigureAwait(false);
            }

            try
            {
                if (decision.NewVersion is { } version)
                {
                    await articles.CommitVersionAsync(newHead, version, decision.Check, decision.Change, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await articles.CommitCheckAsync(newHead, decision.Check, decision.SeenAgain, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (ConcurrencyConflictException) when (round < _options.MaxConflictRetries)
            {
                LogConflict(logger, attempt.Id.Value, round + 1);
                continue;
            }

            if (head.NextCheckAt is { } previous && (next is null || !due.SameSlot(previous, next.Value)))
            {
                await due.UnscheduleAsync(attempt.Id, previous, cancellationToken).ConfigureAwait(false);
            }

            LogChecked(logger, attempt.Id.Value, decision.Result.Outcome.ToCode(), decision.Result.Version, decision.Result.Reason);
            return decision.Result;
        }
    }

    private DateTimeOffset? NextCheck(ArticleHead head, CaptureOutcome outcome, DateTimeOffset now)
    {
        var settings = recheck.Value;
        if (!settings.Enabled || outcome == CaptureOutcome.BlockedAddress)
        {
            return null;
        }

        // Nothing archived and nothing to wait for: a page that is missing, not HTML, or unreachable by redirects.
        if (head.LatestVersion == 0 && outcome is CaptureOutcome.Http4xx or CaptureOutcome.NotHtml or CaptureOutcome.TooManyRedirects)
        {
            return null;
        }

        var quietSince = head.LastChangedAt ?? head.FirstCapturedAt ?? head.SubmittedAt;
        return RecheckCadence.NextCheck(settings.Steps, quietSince, now);
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

    private static CheckRecord NewCheck(Attempt attempt, DateTimeOffset now, CaptureOutcome outcome, string? reason, int? version) => new()
    {
        At = now,
        Outcome = outcome,
        Reason = reason,
        Trigger = attempt.Message.Trigger,
        StatusCode = attempt.Fetch?.StatusCode,
        OriginalSha256 = attempt.OriginalHash?.Hex,
        TextSha256 = attempt.TextHash?.Hex,
        Version = version,
        Attempt = attempt.Number,
        Duration = attempt.Elapsed,
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Article {ArticleId} checked: {Outcome} (version {Version}): {Reason}")]
    private static partial void LogChecked(ILogger logger, string articleId, string outcome, int? version, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching article {ArticleId} failed: {Outcome}: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string articleId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed while capturing article {ArticleId} (attempt {Attempt}); the message will be delivered again")]
    private static partial void LogStorageFailed(ILogger logger, string articleId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The storage failure of article {ArticleId} could not be recorded either: {Error}")]
    private static partial void LogStorageFailureNotRecorded(ILogger logger, string articleId, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId} changed while recording; deciding again (round {Round})")]
    private static partial void LogConflict(ILogger logger, string articleId, int round);
}
