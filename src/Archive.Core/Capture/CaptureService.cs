using System.Diagnostics;
using Archive.Core.Content;
using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Core.Hashing;
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
    EarlierOtherTextReader otherTexts,
    CaptureDecider decider,
    CaptureCommitter committer,
    CaptureFailures failures,
    IStorageFailureClassifier storageFailures,
    ILogger<CaptureService> logger)
{
    /// <summary>Processes a capture message delivered for the <paramref name="attempt"/>th time.</summary>
    /// <exception cref="CaptureRetryException">A transient failure with attempts left: deliver the message again.</exception>
    /// <exception cref="InvalidCaptureMessageException">The message can never be processed.</exception>
    /// <remarks>
    /// A storage failure is logged, recorded as <c>storage-failure</c> when storage lets it be recorded at all, and
    /// rethrown, so the queue delivers the message again and finally moves it to the poison queue (<see cref="CaptureFailures.GiveUpAsync"/>).
    /// </remarks>
    public async Task<CaptureResult> CaptureAsync(CaptureMessage message, int attempt = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var target = CaptureTarget.Of(message);
        var (id, context) = (target.Id, new CaptureAttempt(target.Id, target.Url, message, attempt));
        try
        {
            var head = await HeadAsync(context, target.Refusal is null, cancellationToken).ConfigureAwait(false);
            var page = target.Refusal is { } refusal
                ? new FetchedPage { Failure = new FetchFailedException(FetchFailureKind.InvalidUrl, refusal) }
                : await FetchAsync(context, head, cancellationToken).ConfigureAwait(false);
            await KeepOriginalAsync(page, head, cancellationToken).ConfigureAwait(false);
            var extracted = Extract(page, cancellationToken);
            var decision = await committer.CommitAsync(context, head, (h, now, ct) => DecideAsync(new CaptureFacts(context, h, page, extracted, now), ct), cancellationToken).ConfigureAwait(false);
            return decision.WillRetry ? throw new CaptureRetryException(decision.Outcome, decision.Check.Reason ?? decision.Outcome.ToCode()) : decision.Result;
        }
        catch (Exception ex) when (storageFailures.IsStorageFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            LogStorageFailed(logger, id.Value, attempt, ex);
            await failures.RecordStorageFailureAsync(context, ex, cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    // 1. The head as the message's producer saw it (commits are conditional on its ETag), else as stored; created when
    //    the message was queued by other means than a submission, unless the URL is one the rules now refuse.
    private async Task<ArticleHead> HeadAsync(CaptureAttempt attempt, bool mayCreate, CancellationToken cancellationToken)
    {
        if (attempt.Message.Head is { ETag: not null } carried && carried.Id == attempt.Id)
        {
            return carried;
        }

        if (!mayCreate)
        {
            return await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false)
                   ?? throw new InvalidCaptureMessageException($"The message's URL is refused and no article {attempt.Id} exists.");
        }

        var created = new ArticleHead { Id = attempt.Id, Url = attempt.Url.ToString(), SubmittedAt = attempt.Message.RequestedAt, Tags = attempt.Message.Tags, Sources = attempt.Message.Source is null ? [] : [attempt.Message.Source] };
        return await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false)
               ?? await articles.AddHeadAsync(created, cancellationToken).ConfigureAwait(false)
               ?? await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false)
               ?? throw new InvalidOperationException($"Article {attempt.Id} was created and removed during its capture.");
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

    // 5. Decide; the latest version and its text, and the page's other text as last seen, are read only when the head alone cannot settle it.
    private async Task<CaptureDecision> DecideAsync(CaptureFacts facts, CancellationToken cancellationToken)
    {
        facts = CaptureDecider.NeedsPrevious(facts) ? facts with { Previous = await reader.GetPreviousAsync(facts.Head, cancellationToken).ConfigureAwait(false) } : facts;
        facts = CaptureDecider.NeedsEarlierOtherText(facts) ? facts with { EarlierOtherText = await otherTexts.ReadAsync(facts.Head, cancellationToken).ConfigureAwait(false) } : facts;
        return decider.Decide(facts);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Storage failed while capturing article {ArticleId} (attempt {Attempt}); the message will be delivered again")]
    private static partial void LogStorageFailed(ILogger logger, string articleId, int attempt, Exception exception);
}
