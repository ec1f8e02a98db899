using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;

namespace Archive.Core.Activity;

/// <summary>
/// An <see cref="IArticleStore"/> that writes an <see cref="ActivityEntry"/> after every submission and every
/// committed check. Decorating the store keeps the capture and submission services unaware of the index: the entry is
/// written only once the article's own transaction has committed, so the index never names a check that did not happen.
/// </summary>
public sealed partial class ActivityRecordingStore(IArticleStore inner, IActivityLog activity, ILogger<ActivityRecordingStore> logger) : IArticleStore
{
    /// <inheritdoc />
    public Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default) => inner.GetHeadAsync(id, cancellationToken);

    /// <inheritdoc />
    public async Task<(ArticleHead Head, bool Created)> EnsureHeadAsync(ArticleHead head, CancellationToken cancellationToken = default)
    {
        var result = await inner.EnsureHeadAsync(head, cancellationToken).ConfigureAwait(false);
        if (result.Created)
        {
            await RecordAsync(new ActivityEntry { Id = result.Head.Id, Url = result.Head.Url, At = result.Head.SubmittedAt }, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <inheritdoc />
    public async Task CommitVersionAsync(ArticleHead head, ArticleVersion version, CheckRecord check, ChangeEntry? change = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(check);
        await inner.CommitVersionAsync(head, version, check, change, cancellationToken).ConfigureAwait(false);
        await RecordAsync(
            Entry(head, check) with
            {
                NewVersion = true,
                Kinds = change?.Record.Kinds ?? [],
                WordsAdded = change?.Record.WordsAdded ?? 0,
                WordsRemoved = change?.Record.WordsRemoved ?? 0,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CommitCheckAsync(ArticleHead head, CheckRecord check, VersionSighting? seenAgain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(check);
        await inner.CommitCheckAsync(head, check, seenAgain, cancellationToken).ConfigureAwait(false);
        await RecordAsync(Entry(head, check), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<VersionSummary?> GetVersionSummaryAsync(ArticleId id, int number, CancellationToken cancellationToken = default) =>
        inner.GetVersionSummaryAsync(id, number, cancellationToken);

    /// <inheritdoc />
    public Task<ArticleVersion?> GetVersionAsync(ArticleId id, int number, CancellationToken cancellationToken = default) =>
        inner.GetVersionAsync(id, number, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ArticleVersion>> ListVersionsAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        inner.ListVersionsAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<VersionSummary>> ListVersionSummariesAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        inner.ListVersionSummariesAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangeEntry>> ListChangesAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        inner.ListChangesAsync(id, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ArticleHead> ListHeadsAsync(CancellationToken cancellationToken = default) => inner.ListHeadsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default) =>
        inner.ListChecksAsync(id, max, cancellationToken);

    private static ActivityEntry Entry(ArticleHead head, CheckRecord check) => new()
    {
        Id = head.Id,
        Url = head.Url,
        At = check.At,
        Outcome = check.Outcome,
        Version = check.Version,
        Title = head.Title,
        Reason = check.Reason,
    };

    private async Task RecordAsync(ActivityEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await activity.RecordAsync(entry, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The article's own rows are committed; a lost index entry only hides it from the home page and the feed, so it must not fail (and retry) the capture.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogActivityFailed(logger, ex, entry.Id.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the activity of article {ArticleId}")]
    private static partial void LogActivityFailed(ILogger logger, Exception exception, string articleId);
}
