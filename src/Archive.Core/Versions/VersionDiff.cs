namespace Archive.Core.Versions;

/// <summary>The difference between any two versions: metadata changes, and a word-level diff of their clean texts.</summary>
public sealed record VersionDiff
{
    /// <summary>The older version.</summary>
    public required ArticleVersion From { get; init; }

    /// <summary>The newer version.</summary>
    public required ArticleVersion To { get; init; }

    /// <summary>The metadata fields that differ.</summary>
    public required IReadOnlyList<MetadataChange> MetadataChanges { get; init; }

    /// <summary>The word diff of the clean texts.</summary>
    public required WordDiffResult Text { get; init; }

    /// <summary>A readable rendering: a header, the metadata changes, then the text with <c>[-removed-]</c> and <c>{+added+}</c>.</summary>
    public string RenderText()
    {
        var lines = new List<string>
        {
            $"--- version {From.Number}  {From.FirstSeenAt:O}  record {From.RecordSha256}",
            $"+++ version {To.Number}  {To.FirstSeenAt:O}  record {To.RecordSha256}",
            $"words: +{Text.WordsAdded} -{Text.WordsRemoved}",
        };
        foreach (var change in MetadataChanges)
        {
            lines.Add($"{change.Field}: [-{change.From ?? "(none)"}-] {{+{change.To ?? "(none)"}+}}");
        }

        lines.Add(string.Empty);
        lines.Add(Text.RenderText());
        return string.Join('\n', lines) + "\n";
    }
}
