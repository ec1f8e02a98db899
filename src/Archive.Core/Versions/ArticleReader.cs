using System.Text.Json;
using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Urls;

namespace Archive.Core.Versions;

/// <summary>A version with its clean text, as researchers read it.</summary>
public sealed record VersionWithText(ArticleVersion Version, string? Text);

/// <summary>An article's latest version as a comparison of texts needs it.</summary>
/// <param name="Version">The latest version, with its sealed record.</param>
/// <param name="Text">Its clean text.</param>
/// <param name="All">Every version's fingerprints, to recognise a flip back to one of them.</param>
public sealed record PreviousVersion(ArticleVersion Version, string Text, IReadOnlyList<VersionFingerprint> All);

/// <summary>
/// Reads archived articles for the API, the command line, exports and the capture itself. Rows come from the article
/// store; sealed records come from the content store and are trusted only when their bytes still hash to the name they
/// are stored under.
/// </summary>
public sealed class ArticleReader(IArticleStore articles, IContentStore content)
{
    /// <summary>The head of an article, or null.</summary>
    public Task<ArticleHead?> GetHeadAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        articles.GetHeadAsync(id, cancellationToken);

    /// <summary>Looks an article up by any URL that canonicalizes to its URL.</summary>
    public async Task<ArticleHead?> FindByUrlAsync(CanonicalUrl url, CancellationToken cancellationToken = default) =>
        await articles.GetHeadAsync(ArticleId.For(url), cancellationToken).ConfigureAwait(false);

    /// <summary>One version with its clean text, or null when there is no such version.</summary>
    /// <exception cref="RecordIntegrityException">The version's record is missing or does not match its hash.</exception>
    public async Task<VersionWithText?> GetVersionAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        var version = await GetVersionRecordAsync(id, number, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var text = await content.GetTextAsync(ContentHash.Parse(version.Record.CleanTextSha256), cancellationToken).ConfigureAwait(false);
        return new VersionWithText(version, text);
    }

    /// <summary>One version with its sealed record (no text), or null when there is no such version.</summary>
    /// <exception cref="RecordIntegrityException">The version's record is missing or does not match its hash.</exception>
    public async Task<ArticleVersion?> GetVersionRecordAsync(ArticleId id, int number, CancellationToken cancellationToken = default)
    {
        var row = await articles.GetVersionSummaryAsync(id, number, cancellationToken).ConfigureAwait(false);
        return row is null ? null : await ReadVersionAsync(id, row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest version of <paramref name="head"/> with its text and every version's fingerprints.</summary>
    /// <exception cref="RecordIntegrityException">The version, its record or its text is missing.</exception>
    public async Task<PreviousVersion> GetPreviousAsync(ArticleHead head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        var latest = await GetVersionAsync(head.Id, head.LatestVersion, cancellationToken).ConfigureAwait(false)
                     ?? throw new RecordIntegrityException($"Article {head.Id} names version {head.LatestVersion}, which is missing.");
        var all = await articles.ListVersionSummariesAsync(head.Id, cancellationToken).ConfigureAwait(false);
        return new PreviousVersion(
            latest.Version,
            latest.Text ?? throw new RecordIntegrityException($"The text of version {head.LatestVersion} of {head.Id} is missing."),
            [.. all.Select(v => new VersionFingerprint(v.Number, v.TextSha256, v.MetadataSha256 ?? string.Empty))]);
    }

    /// <summary>All versions with their sealed records, oldest first.</summary>
    /// <exception cref="RecordIntegrityException">A record is missing or does not match its hash.</exception>
    public async Task<IReadOnlyList<ArticleVersion>> ListVersionsAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var versions = new List<ArticleVersion>();
        foreach (var row in await articles.ListVersionSummariesAsync(id, cancellationToken).ConfigureAwait(false))
        {
            versions.Add(await ReadVersionAsync(id, row, cancellationToken).ConfigureAwait(false));
        }

        return versions;
    }

    /// <summary>The latest checks, newest first.</summary>
    public Task<IReadOnlyList<CheckRecord>> ListChecksAsync(ArticleId id, int max = 100, CancellationToken cancellationToken = default) =>
        articles.ListChecksAsync(id, max, cancellationToken);

    /// <summary>The timeline: what each version's row says, oldest first.</summary>
    public Task<IReadOnlyList<VersionSummary>> ListTimelineAsync(ArticleId id, CancellationToken cancellationToken = default) =>
        articles.ListVersionSummariesAsync(id, cancellationToken);

    /// <summary>The change log with its sealed records, oldest first.</summary>
    /// <exception cref="RecordIntegrityException">A change record is missing or does not match its hash.</exception>
    public async Task<IReadOnlyList<ChangeEntry>> ListChangesAsync(ArticleId id, CancellationToken cancellationToken = default)
    {
        var changes = new List<ChangeEntry>();
        foreach (var row in await articles.ListChangeSummariesAsync(id, cancellationToken).ConfigureAwait(false))
        {
            var hash = ContentHash.Parse(row.ChangeSha256);
            var record = await ReadSealedAsync<ChangeRecord>(hash, $"change record of version {row.ToVersion} of article {id}", cancellationToken).ConfigureAwait(false);
            changes.Add(new ChangeEntry(record, hash.Hex));
        }

        return changes;
    }

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
        var version = await GetVersionRecordAsync(id, number, cancellationToken).ConfigureAwait(false);
        if (version is null)
        {
            return null;
        }

        var original = await content.OpenOriginalAsync(ContentHash.Parse(version.Record.OriginalSha256), cancellationToken).ConfigureAwait(false)
                       ?? throw new InvalidOperationException($"The original {version.Record.OriginalSha256} of version {number} of {id} is missing.");
        return (version, original);
    }

    private async Task<ArticleVersion> ReadVersionAsync(ArticleId id, VersionSummary row, CancellationToken cancellationToken)
    {
        var recordHash = ContentHash.Parse(row.RecordSha256);
        var record = await ReadSealedAsync<VersionRecord>(recordHash, $"record of version {row.Number} of article {id}", cancellationToken).ConfigureAwait(false);
        return new ArticleVersion { Record = record, RecordSha256 = recordHash.Hex, FirstSeenAt = row.FirstSeenAt, LastSeenAt = row.LastSeenAt, SeenCount = row.SeenCount };
    }

    // Sealed records are only trusted when their bytes still hash to the name they are stored under.
    private async Task<T> ReadSealedAsync<T>(ContentHash hash, string what, CancellationToken cancellationToken)
    {
        var bytes = await content.GetRecordAsync(hash, cancellationToken).ConfigureAwait(false)
                    ?? throw new RecordIntegrityException($"The {what} ({hash}) is missing.");
        if (ContentHash.Of(bytes) != hash)
        {
            throw new RecordIntegrityException($"The {what} ({hash}) does not match its hash.");
        }

        return JsonSerializer.Deserialize<T>(bytes, ArchiveJson.Options)
               ?? throw new RecordIntegrityException($"The {what} ({hash}) is empty.");
    }
}
