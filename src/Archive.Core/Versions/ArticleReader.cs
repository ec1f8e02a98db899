using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Urls;

namespace Archive.Core.Versions;

/// <summary>A version with its clean text, as researchers read it.</summary>
public sealed record VersionWithText(ArticleVersion Version, string? Text);

/// <summary>Reads archived articles for the API and the command line.</summary>
public sealed class ArticleReader(IArticleStore articles, IContentStore content)
{
    /// <summary>The head of an article, or null.</summary>
    public Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        articles.GetHeadAsync(id, cancellationToken);

    /// <summary>Looks an article up by any URL that canonicalizes to its URL.</summary>
    public async Task<ArticleHead?> FindByUrlAsync(CanonicalUrl url, CancellationToken cancellationToken = default) =>
        await articles.GetHeadAsync(ArticleId.For(url), cancellationToken).ConfigureAwait(false);

    /// <summary>One version with its clean text, or null when there is no such version.</summary>
    public async Task<VersionWithText?> GetVersionAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        var version = await articles.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var text = await content.GetTextAsync(ContentHash.Parse(version.Record.CleanTextSha256), cancellationToken).ConfigureAwait(false);
        return new VersionWithText(version, text);
    }

    /// <summary>All versions, oldest first.</summary>
    public Task<IReadOnlyList<ArticleVersion>> ListVersionsAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        articles.ListVersionsAsync(id, cancellationToken);

    /// <summary>The latest checks, newest first.</summary>
    public Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default) =>
        articles.ListChecksAsync(id, max, cancellationToken);

    /// <summary>The timeline: what each version's row says, oldest first.</summary>
    public Task<IReadOnlyList<VersionSummary>> ListTimelineAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        articles.ListVersionSummariesAsync(id, cancellationToken);

    /// <summary>The change log, oldest first.</summary>
    public Task<IReadOnlyList<ChangeEntry>> ListChangesAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        articles.ListChangesAsync(id, cancellationToken);

    /// <summary>The difference between versions <paramref name="from"/> and <paramref name="to"/>, or null when either is unknown.</summary>
    public async Task<VersionDiff?> DiffAsync(ArticleId id, int from, int to, CancellationToken cancellationToken = default)
    {
        var older = await GetVersionAsync(id, from, cancellationToken).ConfigureAwait(false);
        var newer = await GetVersionAsync(id, to, cancellationToken).ConfigureAwait(false);
        if (older is null || newer is null)
        {
            return null;
        }

        return new VersionDiff
        {
            From = older.Version,
            To = newer.Version,
            MetadataChanges = MetadataChanges.Compare(older.Version.Record.Metadata, newer.Version.Record.Metadata),
            Text = WordDiff.Compute(older.Text ?? string.Empty, newer.Text ?? string.Empty),
        };
    }

    /// <summary>Opens the original bytes of a version, or null when the version is unknown.</summary>
    public async Task<(ArticleVersion Version, StoredContent Original)?> OpenOriginalAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        var version = await articles.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var original = await content.OpenOriginalAsync(ContentHash.Parse(version.Record.OriginalSha256), cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"The original {version.Record.OriginalSha256} of version {number} of {id} is missing.");
        return (version, original);
    }
}
