using System.Text.Json;
using Archive.Core.Extraction.Benchmark;

namespace Archive.Core.Tests.Extraction;

/// <summary>
/// Bylines and dates of the golden pages come from the article only. A case's <c>meta.json</c> may list
/// <c>notAuthors</c> (commenters, authors of related cards, names in share widgets) and <c>notDays</c> (days of
/// comments, cards and the site's clock) that must never be read as the article's.
/// </summary>
public sealed class BylineGoldenTests
{
    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Extraction", "Golden");

    public static TheoryData<string> CasesWithForbiddenNames()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.EnumerateDirectories(CorpusDirectory).Order(StringComparer.Ordinal))
        {
            if (Forbidden(Path.GetFileName(directory), "notAuthors").Count > 0)
            {
                data.Add(Path.GetFileName(directory));
            }
        }

        return data;
    }

    [Fact]
    public void Every_shape_of_foreign_byline_has_a_case() =>
        Assert.True(CasesWithForbiddenNames().Count >= 9, "golden cases with commenters, related cards and share widgets are missing");

    [Theory]
    [MemberData(nameof(CasesWithForbiddenNames))]
    public void No_author_comes_from_comments_cards_or_share_widgets(string name)
    {
        var metadata = GoldenCorpusTests.Extract(name).Metadata;
        foreach (var forbidden in Forbidden(name, "notAuthors"))
        {
            Assert.DoesNotContain(metadata.Authors, author => author.Contains(forbidden, StringComparison.OrdinalIgnoreCase) || forbidden.Contains(author, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var day in Forbidden(name, "notDays"))
        {
            Assert.NotEqual(day, metadata.PublishedTime?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Assert.NotEqual(day, metadata.ModifiedTime?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void No_golden_author_looks_like_a_date_a_handle_or_a_prompt()
    {
        foreach (var directory in Directory.EnumerateDirectories(CorpusDirectory))
        {
            var result = GoldenCorpusTests.Extract(Path.GetFileName(directory));
            Assert.DoesNotContain(result.Metadata.Authors, MetadataFindings.LooksLikeNonName);
        }
    }

    private static List<string> Forbidden(string name, string key)
    {
        var path = Path.Combine(CorpusDirectory, name, "meta.json");
        if (!File.Exists(path))
        {
            return [];
        }

        using var meta = JsonDocument.Parse(File.ReadAllBytes(path));
        return meta.RootElement.TryGetProperty(key, out var list) ? [.. list.EnumerateArray().Select(item => item.GetString()!)] : [];
    }
}
