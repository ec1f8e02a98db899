using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Core.Capture;

/// <summary>Re-checks asked for by hand.</summary>
public sealed class RecheckRequests(IArticleStore articles, ICaptureQueue queue, TimeProvider time)
{
    /// <summary>Queues a re-check of an article; returns its head as read, or null when the article is unknown.</summary>
    public async Task<ArticleHead?> RequestAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        // The head just read travels with the message, so the capture need not read it again.
        await queue.EnqueueAsync(
            new CaptureMessage { ArticleId = id.Value, Url = head.Url, Trigger = CaptureTriggers.Manual, RequestedAt = time.GetUtcNow(), Head = head.WithoutLabels() },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return head;
    }
}
