using Archive.Core.Capture;
using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Core.Recheck;

/// <summary>Re-checks asked for by hand.</summary>
public sealed class RecheckRequests(IArticleStore articles, ICaptureQueue queue, TimeProvider time)
{
    /// <summary>Queues a re-check of an archived article; returns its head, or null when the article is unknown.</summary>
    public async Task<ArticleHead?> RequestAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        await queue.EnqueueAsync(
            new CaptureMessage { ArticleId = id.Value, Url = head.Url, Trigger = CaptureTriggers.Manual, RequestedAt = time.GetUtcNow() },
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return head;
    }
}
