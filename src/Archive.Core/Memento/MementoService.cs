using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Core.Memento;

/// <summary>One memento: a version of an article and when it was captured.</summary>
/// <param name="Number">The version number.</param>
/// <param name="Datetime">Its Memento-Datetime: when the version was first seen (the fetch start its WARC-Date names), to the second (HTTP dates have no finer grain).</param>
public sealed record MementoEntry(int Number, DateTimeOffset Datetime);

/// <summary>Every memento of an original resource (RFC 7089 URI-R), oldest first.</summary>
/// <param name="Id">The article.</param>
/// <param name="Original">The original resource: the article's canonical URL.</param>
/// <param name="Mementos">Its mementos, oldest first; never empty.</param>
public sealed record MementoHistory(ArticleId Id, CanonicalUrl Original, IReadOnlyList<MementoEntry> Mementos);

/// <summary>
/// Memento (RFC 7089) over archived versions: finds the mementos of an original URL and picks the one a TimeGate
/// answers for an <c>Accept-Datetime</c>.
/// </summary>
public sealed class MementoService(IArticleStore articles)
{
    /// <summary>The mementos of the article at <paramref name="url"/> (any spelling that canonicalizes to it), or null when none is archived.</summary>
    public async Task<MementoHistory?> FindAsync(CanonicalUrl url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var id = ArticleId.For(url);
        var versions = await articles.ListVersionSummariesAsync(id, cancellationToken).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            return null;
        }

        var mementos = versions.Select(v => new MementoEntry(v.Number, ToSecond(v.FirstSeenAt))).OrderBy(m => m.Datetime).ThenBy(m => m.Number).ToList();
        return new MementoHistory(id, url, mementos);
    }

    /// <summary>
    /// The memento a TimeGate answers: with no <paramref name="acceptDatetime"/>, the latest; otherwise the latest captured
    /// at or before it (what the page said at that time), or the first when the time is before every capture.
    /// </summary>
    public static MementoEntry Select(IReadOnlyList<MementoEntry> mementos, DateTimeOffset? acceptDatetime)
    {
        ArgumentNullException.ThrowIfNull(mementos);
        if (mementos.Count == 0)
        {
            throw new ArgumentException("There is no memento to select.", nameof(mementos));
        }

        if (acceptDatetime is not { } wanted)
        {
            return mementos[^1];
        }

        return mementos.LastOrDefault(m => m.Datetime <= wanted) ?? mementos[0];
    }

    /// <summary>The Memento-Datetime of a capture time: UTC, whole seconds.</summary>
    public static DateTimeOffset ToSecond(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
