using Archive.Core.Urls;

namespace Archive.Core.Versions;

/// <summary>Where article heads, versions and checks are kept (one partition per article).</summary>
public interface IArticleStore
{
    /// <summary>Reads an article's head, or null when the article is unknown.</summary>
    Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>Creates the head if it is missing; otherwise merges the tags and sources into it. Returns the stored head and whether it was created.</summary>
    Task<(ArticleHead Head, bool Created)> EnsureHeadAsync(ArticleHead head, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a new version, its check and the updated head in one transaction. The head must carry the ETag it was
    /// read with and the version number must be new.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The head changed since it was read, or the version number is taken.</exception>
    Task CommitVersionAsync(ArticleHead head, ArticleVersion version, CheckRecord check, ChangeEntry? change = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a check that created no version, the updated head, and optionally the version it saw again (its last-seen
    /// time and count), in one transaction.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The head changed since it was read.</exception>
    Task CommitCheckAsync(ArticleHead head, CheckRecord check, VersionSighting? seenAgain, CancellationToken cancellationToken = default);

    /// <summary>Reads what the table row says of one version, without reading its record; null when there is no such version.</summary>
    Task<VersionSummary?> GetVersionSummaryAsync(ArticleId id, int number, CancellationToken cancellationToken = default);

    /// <summary>Reads one version, or null.</summary>
    Task<ArticleVersion?> GetVersionAsync(ArticleId id, int number, CancellationToken cancellationToken = default);

    /// <summary>Reads all versions of an article, oldest first.</summary>
    Task<IReadOnlyList<ArticleVersion>> ListVersionsAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>Reads what the table rows say of every version, oldest first, without reading the records.</summary>
    Task<IReadOnlyList<VersionSummary>> ListVersionSummariesAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>Reads the change log, oldest first.</summary>
    Task<IReadOnlyList<ChangeEntry>> ListChangesAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>Streams the heads of every article, page by page, without holding them all (audits walk the archive).</summary>
    IAsyncEnumerable<ArticleHead> ListHeadsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the latest checks of an article, newest first.</summary>
    Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default);
}

/// <summary>A check saw version <paramref name="Number"/> again: its new last-seen time and count.</summary>
public sealed record VersionSighting(int Number, DateTimeOffset LastSeenAt, int SeenCount);

/// <summary>A conditional write lost a race: read again and decide again.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException()
        : base("The article changed while this capture was being recorded.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
