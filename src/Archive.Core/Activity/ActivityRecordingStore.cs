using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;

namespace Archive.Core.Activity;

/// <summary>
/// An <see cref="IArticleStore"/> that writes an <see cref="ActivityEntry"/> after every new article and every
/// committed check. Decorating the store keeps the capture and submission services unaware of the index: the entry is
/// written only once the article's own transaction has committed, so the index never names a check that did not happen.
/// </summary>
public sealed partial class ActivityRecordingStore(IArticleStore inner, IActivityLog activity, ILogger<ActivityRecordingStore> logger) : IArticleStore
{
    /// <inheritdoc />
    public Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default) => inner.GetHeadAsync(id, cancellationToken);

    /// <inheritdoc />
    public async Task<ArticleHead?> AddHeadAsync(ArticleHead head, CancellationToken cancellationToken = default)
    {
        var added = await inner.AddHeadAsync(head, cancellationToken).ConfigureAwait(false);
        if (added is not null)
        {
            await RecordAsync(new ActivityEntry { Id = added.Id, Url = added.Url, At = added.SubmittedAt }, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    /// <inheritdoc />
    public Task<bool> ReplaceLabelsAsync(ArticleHead head, CancellationToken cancellationToken = default) => inner.ReplaceLabelsAsync(head, cancellationToken);

    /// <inheritdoc />
    public async Task<string?> CommitAsync(ArticleCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var etag = await inner.CommitAsync(commit, cancellationToken).ConfigureAwait(false);
        var (head, check) = (commit.Head, commit.Check);
        await RecordAsync(
            new ActivityEntry
            {
                Id = head.Id,
                Url = head.Url,
                At = check.At,
                Outcome = check.Outcome,
                Version = check.Version,
                Title = head.Title,
                Reason = check.Reason,
                NewVersion = commit.NewVersion is not null,
                Kinds = commit.Change?.Kinds ?? [],
                WordsAdded = commit.Change?.WordsAdded ?? 0,
                WordsRemoved = commit.Change?.WordsRemoved ?? 0,
            },
            cancellationToken).ConfigureAwait(false);
        return etag;
    }

    /// <inheritdoc />
    public Task<VersionSummary?> GetVersionSummaryAsync(ArticleId id, int number, CancellationToken cancellationToken = default) =>
        inner.GetVersionSummaryAsync(id, number, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<VersionSummary>> ListVersionSummariesAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        inner.ListVersionSummariesAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangeSummary>> ListChangeSummariesAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        inner.ListChangeSummariesAsync(id, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ArticleHead> ListHeadsAsync(CancellationToken cancellationToken = default) => inner.ListHeadsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default) =>
        inner.ListChecksAsync(id, max, cancellationToken);

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
