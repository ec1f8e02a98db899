using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Core.Capture;

/// <summary>
/// One delivery of a capture message. A transient fetch failure with attempts left is retried with exponential
/// backoff: the queue's own redelivery waits a fixed visibility timeout, so the retry is queued as a new message,
/// invisible for <c>RetryDelay × 2^(attempt−1)</c> (at most <c>MaxRetryDelay</c>), that carries the attempts made so
/// far; this delivery then completes. Any other failure (storage out of reach) is left to the queue's redelivery and,
/// in the end, its poison queue. The retry carries no head: the failed attempt changed it, so the retry reads it.
/// </summary>
public sealed partial class CaptureDelivery(CaptureService capture, ICaptureQueue queue, IOptions<CaptureOptions> options, ILogger<CaptureDelivery> logger)
{
    private readonly CaptureOptions _options = options.Value;

    /// <summary>Captures what <paramref name="message"/> names, delivered for the <paramref name="dequeueCount"/>th time; null when a retry was queued.</summary>
    public async Task<CaptureResult?> ProcessAsync(CaptureMessage message, long dequeueCount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var attempt = (int)Math.Clamp(message.PreviousAttempts + dequeueCount, 1, int.MaxValue);
        try
        {
            return await capture.CaptureAsync(message, attempt, cancellationToken).ConfigureAwait(false);
        }
        catch (CaptureRetryException ex)
        {
            var delay = RetryDelay(attempt);
            await queue.EnqueueAsync(message with { PreviousAttempts = attempt, Head = null }, delay, cancellationToken).ConfigureAwait(false);
            LogRetryQueued(logger, message.ArticleId, attempt, delay, ex.Message);
            return null;
        }
    }

    /// <summary>How long to wait before attempt <paramref name="attempt"/> + 1.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(_options.RetryDelay.Ticks * factor, _options.MaxRetryDelay.Ticks));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capture of article {ArticleId} failed on attempt {Attempt}; retrying in {Delay}: {Reason}")]
    private static partial void LogRetryQueued(ILogger logger, string articleId, int attempt, TimeSpan delay, string reason);
}
