using Archive.Core.Urls;

namespace Archive.Core.Versions;

/// <summary>What a wait for a check found.</summary>
/// <param name="Head">The head as last seen; null when the article is unknown.</param>
/// <param name="Settled">True when a check after the one counted finished (it is not being retried); false when the time ran out.</param>
public sealed record WaitResult(ArticleHead? Head, bool Settled);

/// <summary>
/// Waits on the server for an article's next finished check, so a client makes one request per article instead of
/// polling. It listens for this process's commits and re-reads the head every <see cref="ReadEvery"/> for checks made
/// elsewhere; a wait is bounded by <see cref="MaxWait"/>.
/// </summary>
public sealed class ArticleWaiter(IArticleStore articles, CheckSignals signals, TimeProvider time)
{
    /// <summary>The longest a client may ask to wait.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>How often the head is read again while no commit is heard.</summary>
    public static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(2);

    /// <summary>True when the article has more than <paramref name="after"/> checks and the last one is not being retried.</summary>
    public static bool IsSettled(ArticleHead head, int after)
    {
        ArgumentNullException.ThrowIfNull(head);
        return head.CheckCount > after && !head.LastOutcomeWillRetry;
    }

    /// <summary>Waits until the article has a finished check after its <paramref name="after"/>th, or <paramref name="timeout"/> passes.</summary>
    public async Task<WaitResult> WaitForCheckAsync(ArticleId id, int after, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(after);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeout, MaxWait);

        // Listen before reading, so a commit between the read and the wait is not missed.
        using var listener = signals.Listen(id);
        var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return new WaitResult(null, false);
        }

        var started = time.GetTimestamp();
        while (!IsSettled(head, after))
        {
            var left = timeout - time.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return new WaitResult(head, false);
            }

            var heard = await listener.NextAsync(left < ReadEvery ? left : ReadEvery, time, cancellationToken).ConfigureAwait(false);
            var latest = heard is null
                ? await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false)
                : heard with { Tags = head.Tags, Sources = head.Sources, LabelsETag = head.LabelsETag };
            if (latest is not null && latest.CheckCount >= head.CheckCount)
            {
                head = latest;
            }
        }

        return new WaitResult(head, true);
    }
}
