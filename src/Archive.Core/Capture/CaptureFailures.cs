using Archive.Core.Versions;
using Microsoft.Extensions.Logging;

namespace Archive.Core.Capture;

/// <summary>
/// Records captures that could not run to their end: an attempt storage failed (so the article says so while the
/// queue retries), and a message the queue gave up on (moved to the poison queue). Both are checks like any other,
/// decided by <see cref="CaptureDecider"/> and committed by <see cref="CaptureCommitter"/>.
/// </summary>
public sealed partial class CaptureFailures(
    IArticleStore articles, CaptureDecider decider, CaptureCommitter committer, IStorageFailureClassifier storageFailures, ILogger<CaptureFailures> logger)
{
    /// <summary>
    /// Records that the queue gave up on a capture message, with how the last recorded attempt ended, so the article
    /// shows why it was not captured. Returns null when the message names no article.
    /// </summary>
    /// <exception cref="InvalidCaptureMessageException">The message names no valid article.</exception>
    public async Task<CaptureResult?> GiveUpAsync(CaptureMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var target = CaptureTarget.Of(message);
        var head = await articles.GetHeadAsync(target.Id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var context = new CaptureAttempt(target.Id, target.Url, message, 0);
        var decision = await committer.CommitAsync(context, head, (h, now, _) => Task.FromResult(decider.GiveUp(context, h, now)), cancellationToken).ConfigureAwait(false);
        return decision.Result;
    }

    /// <summary>Records a storage failure of an attempt, as far as storage lets it (best effort: the log and the retry remain).</summary>
    public async Task RecordStorageFailureAsync(CaptureAttempt attempt, Exception failure, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        try
        {
            var head = await articles.GetHeadAsync(attempt.Id, cancellationToken).ConfigureAwait(false);
            if (head is not null)
            {
                await committer.CommitAsync(attempt, head, (h, now, _) => Task.FromResult(decider.StorageFailed(attempt, h, failure, now)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (storageFailures.IsStorageFailure(ex))
        {
            LogNotRecorded(logger, attempt.Id.Value, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The storage failure of article {ArticleId} could not be recorded either: {Error}")]
    private static partial void LogNotRecorded(ILogger logger, string articleId, string error);
}
