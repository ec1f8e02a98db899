using System.Globalization;
using Archive.Core.Extraction;

namespace Archive.Core.Versions;

/// <summary>One metadata field that changed between two versions.</summary>
/// <param name="Field">The field: <c>title</c>, <c>authors</c>, <c>publishedTime</c>, <c>modifiedTime</c>, <c>tags</c>, <c>section</c> or <c>canonicalUrl</c>.</param>
/// <param name="From">The older value, as text.</param>
/// <param name="To">The newer value, as text.</param>
public sealed record MetadataChange(string Field, string? From, string? To);

/// <summary>The metadata that identifies a version (see <see cref="VersionIdentity"/>), and how two sets of it differ.</summary>
public static class MetadataChanges
{
    /// <summary>The fields compared, in the order they are reported.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["title", "authors", "publishedTime", "modifiedTime", "tags", "section", "canonicalUrl"];

    /// <summary>Every compared field whose value differs.</summary>
    public static IReadOnlyList<MetadataChange> Compare(ArticleMetadata older, ArticleMetadata newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var changes = new List<MetadataChange>();
        foreach (var field in Fields)
        {
            var (from, to) = (Value(older, field), Value(newer, field));
            if (!string.Equals(from, to, StringComparison.Ordinal))
            {
                changes.Add(new MetadataChange(field, from, to));
            }
        }

        return changes;
    }

    /// <summary>The value of one compared field, as text; null when the page declares none.</summary>
    public static string? Value(ArticleMetadata metadata, string field) => field switch
    {
        "title" => metadata.Title,
        "authors" => metadata.Authors.Count == 0 ? null : string.Join("; ", metadata.Authors),
        "publishedTime" => metadata.PublishedTime?.ToString("O", CultureInfo.InvariantCulture),
        "modifiedTime" => metadata.ModifiedTime?.ToString("O", CultureInfo.InvariantCulture),
        "tags" => metadata.Tags.Count == 0 ? null : string.Join("; ", metadata.Tags),
        "section" => metadata.Section,
        "canonicalUrl" => metadata.CanonicalUrl,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown metadata field."),
    };
}
