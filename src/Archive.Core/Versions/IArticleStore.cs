using Archive.Core.Urls;

namespace Archive.Core.Versions;

/// <summary>
/// Where article rows are kept, one partition per article: the head (the capture's state of the article), the
/// submitters' labels (tags and sources), one row per version, per check and per change-log entry. Rows in, rows out:
/// the store reads no blob and decides nothing; sealed records are read (and re-hashed) by <see cref="ArticleReader"/>.
/// </summary>
public interface IArticleStore
{
    /// <summary>Reads an article's head with its labels, or null when the article is unknown.</summary>
    Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates an article: its head and, when it has any, its labels, in one transaction. Returns the head with its
    /// ETags, or null when the article already exists (nothing is written then).
    /// </summary>
    Task<ArticleHead?> AddHeadAsync(ArticleHead head, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the labels (tags and sources) of <paramref name="head"/>, conditional on its <see cref="ArticleHead.LabelsETag"/>.
    /// Returns false when they changed since they were read.
    /// </summary>
    Task<bool> ReplaceLabelsAsync(ArticleHead head, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits a check in one transaction: the head (conditional on the ETag it was read with), the check, and a new
    /// version with its change-log entry or the version seen again. Returns the head's new ETag.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The head changed since it was read, or the version number is taken.</exception>
    Task<string?> CommitAsync(ArticleCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Reads what the table row says of one version; null when there is no such version.</summary>
    Task<VersionSummary?> GetVersionSummaryAsync(ArticleId id, int number, CancellationToken cancellationToken = default);

    /// <summary>Reads what the table rows say of every version, oldest first.</summary>
    Task<IReadOnlyList<VersionSummary>> ListVersionSummariesAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>Reads what the table rows say of the change log, oldest first.</summary>
    Task<IReadOnlyList<ChangeSummary>> ListChangeSummariesAsync(ArticleId id, CancellationToken cancellationToken = default);

    /// <summary>Streams the heads of every article (without labels), page by page, without holding them all (audits walk the archive).</summary>
    IAsyncEnumerable<ArticleHead> ListHeadsAsync(CancellationToken cancellationToken = default);

    /// <summary>Reads the latest checks of an article, newest first.</summary>
    Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default);
}

/// <summary>
/// What one check writes to an article's partition, all or nothing: the head as the check leaves it (carrying the
/// ETag it was read with), the check, and either a new version (with its change-log entry after the first) or the
/// version the check saw again.
/// </summary>
/// <param name="Head">The head after the check; its <see cref="ArticleHead.ETag"/> is the one it was read with.</param>
/// <param name="Check">The check.</param>
public sealed record ArticleCommit(ArticleHead Head, CheckRecord Check)
{
    /// <summary>The version the check created, if any; its number must be new.</summary>
    public VersionSummary? NewVersion { get; init; }

    /// <summary>The change-log entry of <see cref="NewVersion"/>, when it is not the first.</summary>
    public ChangeSummary? Change { get; init; }

    /// <summary>The version the check saw again, if any: its new last-seen time and count.</summary>
    public VersionSighting? SeenAgain { get; init; }
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
