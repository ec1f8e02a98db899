using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Archive.Core.Extraction.Benchmark;

/// <summary>
/// How the metadata of a benchmark's pages compares with its ground truth: the published day right, wrong or missing
/// (when the truth gives <c>datePublished</c>), the truth's author found among the authors, pages with authors the
/// truth does not name (when it gives <c>author</c>), and authors that do not look like names at all (dates, reading
/// times, handles, addresses, prompts), which needs no truth. Only pages of type <c>article</c> count when the truth
/// gives page types.
/// </summary>
public sealed record MetadataFindings
{
    /// <summary>Article pages looked at.</summary>
    public int Pages { get; init; }

    /// <summary>Pages whose ground truth gives a published day.</summary>
    public int DatePages { get; init; }

    /// <summary>Pages whose published day is the truth's.</summary>
    public int DateRight { get; init; }

    /// <summary>Pages with a published day other than the truth's.</summary>
    public int DateWrong { get; init; }

    /// <summary>Pages whose truth gives a day and that have none.</summary>
    public int DateMissing { get; init; }

    /// <summary>Pages whose ground truth names an author.</summary>
    public int AuthorPages { get; init; }

    /// <summary>Pages where the truth's author is among the authors.</summary>
    public int AuthorFound { get; init; }

    /// <summary>Pages with no author at all although the truth names one.</summary>
    public int AuthorMissing { get; init; }

    /// <summary>Pages with at least one author the truth does not name.</summary>
    public int ExtraAuthors { get; init; }

    /// <summary>Authors, over all pages, that do not look like names.</summary>
    public IReadOnlyList<string> NonNames { get; init; } = [];

    /// <summary>Compares the metadata of each page (by id) with the page's ground truth, where it has one.</summary>
    /// <param name="pages">The benchmark's pages with their ground truth.</param>
    /// <param name="metadata">The metadata read from each page, by id.</param>
    public static MetadataFindings Compute(IReadOnlyList<BenchmarkPage> pages, IReadOnlyDictionary<string, ArticleMetadata> metadata)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(metadata);
        var truth = pages.Where(p => p.Truth is not null).ToDictionary(p => p.Id, p => Entry(p.Truth!), StringComparer.Ordinal);
        var (looked, datePages, right, wrong, missing, authorPages, found, none, extra) = (0, 0, 0, 0, 0, 0, 0, 0, 0);
        var nonNames = new List<string>();
        foreach (var (id, page) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var entry = truth.GetValueOrDefault(id);
            if (entry is { PageType: { } type } && type != "article")
            {
                continue;
            }

            looked++;
            nonNames.AddRange(page.Authors.Where(LooksLikeNonName));
            if (entry?.Day is { } day)
            {
                datePages++;
                if (page.PublishedTime is not { } published)
                {
                    missing++;
                }
                else if (DateOnly.FromDateTime(published.DateTime) == day)
                {
                    right++;
                }
                else
                {
                    wrong++;
                }
            }

            if (entry?.Author is { } author && NameKey(author) is { Length: > 0 } truthKey)
            {
                authorPages++;
                bool Matches(string name) => NameKey(name) is { Length: > 0 } key && (truthKey.Contains(key, StringComparison.Ordinal) || key.Contains(truthKey, StringComparison.Ordinal));
                found += page.Authors.Any(Matches) ? 1 : 0;
                none += page.Authors.Count == 0 ? 1 : 0;
                extra += page.Authors.Any(name => !Matches(name)) ? 1 : 0;
            }
        }

        return new MetadataFindings
        {
            Pages = looked,
            DatePages = datePages,
            DateRight = right,
            DateWrong = wrong,
            DateMissing = missing,
            AuthorPages = authorPages,
            AuthorFound = found,
            AuthorMissing = none,
            ExtraAuthors = extra,
            NonNames = nonNames,
        };
    }

    /// <summary>The findings in a few lines for the command line.</summary>
    public IEnumerable<string> Describe()
    {
        var c = CultureInfo.InvariantCulture;
        yield return DatePages == 0
            ? "dates: the ground truth gives no published dates"
            : string.Create(c, $"dates: published day right on {DateRight} of {DatePages} pages ({100.0 * DateRight / DatePages:F1}%), wrong on {DateWrong}, missing on {DateMissing}");
        yield return AuthorPages == 0
            ? "bylines: the ground truth names no authors"
            : string.Create(c, $"bylines: the ground truth's author found on {AuthorFound} of {AuthorPages} pages, no author on {AuthorMissing}, authors the truth does not name on {ExtraAuthors}");
        var examples = NonNames.Count == 0 ? "" : ": " + string.Join(", ", NonNames.Take(5).Select(n => "\"" + n + "\""));
        yield return string.Create(c, $"bylines: {NonNames.Count} authors on {Pages} pages look like dates, reading times, handles or addresses{examples}");
    }

    /// <summary>
    /// An author that is not a name: digits (dates, times, counts), a reading time, a handle, an address, a separator,
    /// a prompt ("says:"), or a sentence's length. Deliberately simpler than the extractor's own cleaning, so the two
    /// do not share their blind spots.
    /// </summary>
    public static bool LooksLikeNonName(string author)
    {
        ArgumentNullException.ThrowIfNull(author);
        var lower = author.ToLowerInvariant();
        return author.Any(char.IsDigit) || author.Contains('@', StringComparison.Ordinal) || lower.Contains("://", StringComparison.Ordinal) ||
               lower.Contains("www.", StringComparison.Ordinal) || author.AsSpan().IndexOfAny("•|·") >= 0 || lower.Contains("min read", StringComparison.Ordinal) ||
               lower.EndsWith(':') || lower.Contains(" says", StringComparison.Ordinal) || lower.Contains(" ago", StringComparison.Ordinal) ||
               lower.StartsWith("by ", StringComparison.Ordinal) || lower.StartsWith("updated", StringComparison.Ordinal) ||
               lower.StartsWith("published", StringComparison.Ordinal) || author.Length > 60 || author.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 6;
    }

    /// <summary>Letters only, lower case, accents removed: "Jürgen Bäcker" and "jurgen backer" compare equal.</summary>
    private static string NameKey(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetter(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static TruthEntry Entry(BenchmarkTruth truth)
    {
        string? Text(string name) => truth.Fields.ValueKind == JsonValueKind.Object && truth.Fields.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var date = Text("datePublished");
        DateOnly? day = date is { Length: >= 10 } && DateOnly.TryParseExact(date[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        return new TruthEntry(truth.PageType, day, string.IsNullOrWhiteSpace(Text("author")) ? null : Text("author"));
    }

    private sealed record TruthEntry(string? PageType, DateOnly? Day, string? Author);
}
