using Archive.Core.Extraction;

namespace Archive.Core.Versions;

/// <summary>Decides whether a fresh extraction is the same version as a stored one.</summary>
public static class VersionComparer
{
    /// <summary>
    /// True when the normalized text and the metadata that identify a version (title, authors, dates, tags, canonical URL)
    /// are all the same.
    /// </summary>
    public static bool IsSameVersion(VersionRecord stored, string textSha256, ArticleMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(metadata);
        var old = stored.Metadata;
        return stored.TextSha256 == textSha256 &&
               old.Title == metadata.Title &&
               old.Authors.SequenceEqual(metadata.Authors) &&
               old.PublishedTime == metadata.PublishedTime &&
               old.ModifiedTime == metadata.ModifiedTime &&
               old.Tags.SequenceEqual(metadata.Tags) &&
               old.CanonicalUrl == metadata.CanonicalUrl;
    }
}
