using System.Diagnostics;
using Archive.Core.Content;
using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;

namespace Archive.Core.Capture;

/// <summary>
/// Captures one article, in six stages read top to bottom: the head, fetch, keep the original bytes, extract, decide
/// (<see cref="CaptureDecider"/>, pure), commit (<see cref="CaptureCommitter"/>). A crash at any point leaves either a
/// complete check or nothing visible (an unreferenced, content-addressed blob at most).
/// </summary>
public sealed partial class CaptureService(
    PageFetcher fetcher,
    IArticleExtractor extractor,
    IContentStore content,
    IArticleStore articles,
    ArticleReader reader,
    CaptureDecider decider,
    CaptureCommitter committer,
    IStorageFailureClassifier storageFailures,
    ILogger<CaptureService> logger)
{
    /// <summary>Processes a capture message delivered for the <paramref name="attempt"/>th time.</summary>
    /// <exception cref="CaptureRetryException">A transient failure with attempts left: deliver the message again.</exception>
    /// <exception cref="InvalidCaptureMessageException">The message can never be processed.</exception>
    /// <remarks>
    /// A storage failure is logged, recorded as <c>storage-failure</c> when storage lets it be recorded at all, and
    /// rethrown, so the queue delivers the message again and finally moves it to the poison queue (<see cref="GiveUpAsync"/>).
    /// </remarks>
    public async Task<CaptureResult> CaptureAsync(CaptureMessage message, int attempt = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (id, url) = Validate(message);
        var context = new CaptureAttempt(id, url, message, attempt);
        try
        {
            var head = await HeadAsync(context, cancellationToken).ConfigureAwait(false);
            var page = await FetchAsync(context, head, cancellationToken).ConfigureAwait(false);
            await KeepOriginalAsync(page, head, cancellationToken).ConfigureAwait(false);
            var extracted = Extract(page, cancellationToken);
            var decision = await committer.CommitAsync(context, head, (h, now, ct) => DecideAsync(new CaptureFacts(context, h, page, extracted, now), ct), cancellationToken).ConfigureAwait(false);
            return decision.WillRetry ? throw new CaptureRetryException(decision.Outcome, decision.Check.Reason ?? decision.Outcome.ToCode()) : decision.Result;
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

        var context = new CaptureAttempt(id, url, message, 0);
        var decision = await committer.CommitAsync(context, head, (h, now, _) => Task.FromResult(decider.GiveUp(context, h, now)), cancellationToken).ConfigureAwait(false);
        return decision.Result;
    }

    // 1. The head as the message's producer saw it (commits are conditional on its ETag), else as stored; created when
    //    the message was queued by other means than a submission.
    private async Task<ArticleHead> HeadAsync(CaptureAttempt attempt, CancellationToken cancellationToken)
    {
        if (attempt.Message.Head is { ETag: not null } carried && carried.Id == attempt.Id)
        {
            return carried;
        }

        while (true)
        {
            var head = await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false)
                       ?? await articles.AddHeadAsync(
                           new ArticleHead { Id = attempt.Id, Url = attempt.Url.ToString(), SubmittedAt = attempt.Message.RequestedAt, Tags = attempt.Message.Tags, Sources = attempt.Message.Source is null ? [] : [attempt.Message.Source] },
                           cancellationToken).ConfigureAwait(false);
            if (head is not null)
            {
                return head;
            }
        }
    }

    // 2. Fetch, conditionally once a version exists; a failed fetch is a fact for the decision, not an exception.
    private async Task<FetchedPage> FetchAsync(CaptureAttempt attempt, ArticleHead head, CancellationToken cancellationToken)
    {
        var conditional = head.LatestVersion > 0 ? new ConditionalRequest(head.ValidatorETag, head.ValidatorLastModified) : null;
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var response = await fetcher.FetchAsync(attempt.Url.Value, conditional, cancellationToken).ConfigureAwait(false);
            var page = new FetchedPage { Response = response, Elapsed = stopwatch.Elapsed };
            return page.IsSuccess ? page with { OriginalHash = ContentHash.Of(response.Body) } : page;
        }
        catch (FetchFailedException ex)
        {
            LogFetchFailed(logger, attempt.Id.Value, FetchFailureOutcomes.ToOutcome(ex.Kind).ToCode(), ex.Message);
            return new FetchedPage { Failure = ex, Elapsed = stopwatch.Elapsed };
        }
    }

    // 3. The original bytes of every 2xx answer, write-once; the same bytes as the latest version's are not sent again.
    private async Task KeepOriginalAsync(FetchedPage page, ArticleHead head, CancellationToken cancellationToken)
    {
        if (page.OriginalHash is { } hash && hash.Hex != head.LatestOriginalSha256)
        {
            await content.PutOriginalAsync(hash, page.Response!.Body, page.Response.ContentType, cancellationToken).ConfigureAwait(false);
        }
    }

    // 4. Text and metadata of a readable page.
    private ExtractedPage? Extract(FetchedPage page, CancellationToken cancellationToken) =>
        page.IsReadable
            ? new ExtractedPage(extractor.Extract(new HtmlSource(page.Response!.Body, page.Response.ContentType, page.Response.FinalUrl), cancellationToken), new ExtractorInfo(extractor.Name, extractor.Version))
            : null;

    // 5. Decide; the latest version and its text are read only when the head alone cannot settle it.
    private async Task<CaptureDecision> DecideAsync(CaptureFacts facts, CancellationToken cancellationToken)
    {
        if (CaptureDecider.NeedsPrevious(facts))
        {
            var (head, id) = (facts.Head, facts.Head.Id);
            var latest = await reader.GetVersionAsync(id, head.LatestVersion, cancellationToken).ConfigureAwait(false)
                         ?? throw new RecordIntegrityException($"Article {id} names version {head.LatestVersion}, which is missing.");
            var all = await articles.ListVersionSummariesAsync(id, cancellationToken).ConfigureAwait(false);
            facts = facts with
            {
                Previous = new PreviousVersion(
                    latest.Version,
                    latest.Text ?? throw new RecordIntegrityException($"The text of version {head.LatestVersion} of {id} is missing."),
                    [.. all.Select(v => new VersionFingerprint(v.Number, v.TextSha256, v.MetadataSha256 ?? string.Empty))]),
            };
        }

        return decider.Decide(facts);
    }

    // Best effort: with storage out of reach the record cannot be written either; the log and the retry remain.
    private async Task RecordStorageFailureAsync(CaptureAttempt attempt, Exception failure, CancellationToken cancellationToken)
    {
        try
        {
            var head = await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false);
            if (head is not null)
            {
                await committer.CommitAsync(attempt, head, (h, now, _) => Task.FromResult(decider.StorageFailed(attempt, h, FirstLine(failure.Message), now)), cancellationToken).ConfigureAwait(false);
            }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching article {ArticleId} failed: {Outcome}: {Reason}")]
    private static partial void LogFetchFailed(ILogger logger, string articleId, string outcome, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed while capturing article {ArticleId} (attempt {Attempt}); the message will be delivered again")]
    private static partial void LogStorageFailed(ILogger logger, string articleId, int attempt, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The storage failure of article {ArticleId} could not be recorded either: {Error}")]
    private static partial void LogStorageFailureNotRecorded(ILogger logger, string articleId, string error);
}
