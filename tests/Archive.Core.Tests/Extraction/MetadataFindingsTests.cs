using System.IO.Compression;
using System.Text;
using Archive.Core.Extraction;
using Archive.Core.Extraction.Benchmark;

namespace Archive.Core.Tests.Extraction;

/// <summary>Dates and bylines of a benchmark folder compared with its ground truth, on a tiny synthetic folder.</summary>
public sealed class MetadataFindingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("archive-findings-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ArticleMetadata Page(string? published, params string[] authors) => new()
    {
        PublishedTime = published is null ? null : DateTimeOffset.Parse(published, System.Globalization.CultureInfo.InvariantCulture),
        Authors = authors,
    };

    /// <summary>The folder's pages as the benchmark loads them: one small file for each id, with the folder's ground truth.</summary>
    private IReadOnlyList<BenchmarkPage> Pages(IEnumerable<string> ids)
    {
        Directory.CreateDirectory(Path.Combine(_directory, "html"));
        foreach (var id in ids)
        {
            File.WriteAllText(Path.Combine(_directory, "html", id + ".html"), "<p>page</p>");
        }

        return BenchmarkFolder.Load(_directory).Pages;
    }

    [Fact]
    public void Days_and_authors_are_scored_against_the_ground_truth()
    {
        File.WriteAllText(Path.Combine(_directory, "ground-truth.json"), """
            {
              "right": {"pageType": "article", "datePublished": "2025-11-14", "author": "Jürgen Bäcker"},
              "wrong": {"pageType": "article", "datePublished": "2025-11-14T08:00:00Z", "author": "Ana Lima, Bo Chen"},
              "missing": {"pageType": "article", "datePublished": "2024-02-01", "author": "Sam Okafor"},
              "undated": {"pageType": "article", "datePublished": null, "author": null},
              "listing": {"pageType": "collection", "datePublished": "2025-01-01", "author": "Nobody Here"}
            }
            """);
        var metadata = new Dictionary<string, ArticleMetadata>
        {
            // The day in the page's own offset counts: 23:30 at -05:00 is still the 14th there.
            ["right"] = Page("2025-11-14T23:30:00-05:00", "Jurgen Backer"),
            ["wrong"] = Page("2025-11-13T10:00:00+00:00", "Bo Chen", "Tess Marlow"),
            ["missing"] = Page(null),
            ["undated"] = Page(null, "2019 at 9:24 pm ET • 2 min read", "@someone"),
            ["listing"] = Page(null, "Nov 3, 2025"),
        };

        var findings = MetadataFindings.Compute(Pages(metadata.Keys), metadata);

        Assert.Equal(4, findings.Pages);
        Assert.Equal((3, 1, 1, 1), (findings.DatePages, findings.DateRight, findings.DateWrong, findings.DateMissing));
        Assert.Equal((3, 2, 1, 1), (findings.AuthorPages, findings.AuthorFound, findings.AuthorMissing, findings.ExtraAuthors));
        Assert.Equal(["2019 at 9:24 pm ET • 2 min read", "@someone"], findings.NonNames);
        var lines = findings.Describe().ToList();
        Assert.Equal("dates: published day right on 1 of 3 pages (33.3%), wrong on 1, missing on 1", lines[0]);
        Assert.Equal("bylines: the ground truth's author found on 2 of 3 pages, no author on 1, authors the truth does not name on 1", lines[1]);
        Assert.StartsWith("bylines: 2 authors on 4 pages look like", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_whose_truth_has_neither_dates_nor_authors_says_so()
    {
        File.WriteAllText(Path.Combine(_directory, "ground-truth.json"), """{"a": {"articleBody": "x", "url": "https://example.org/a"}}""");

        var metadata = new Dictionary<string, ArticleMetadata> { ["a"] = Page("2024-01-01T00:00:00Z", "Ana Lima") };

        var findings = MetadataFindings.Compute(Pages(metadata.Keys), metadata);

        Assert.Equal(["dates: the ground truth gives no published dates", "bylines: the ground truth names no authors", "bylines: 0 authors on 1 pages look like dates, reading times, handles or addresses"], findings.Describe());
    }

    [Theory]
    [InlineData("Jane Doe", false)]
    [InlineData("Center for Drug Evaluation and Research", false)]
    [InlineData("Hlín Eyjólfsdóttir", false)]
    [InlineData("2019 at 9:24 pm ET • 2 min read", true)]
    [InlineData("Updated Nov 14", true)]
    [InlineData("@janedoe", true)]
    [InlineData("https://www.facebook.com/jane", true)]
    [InlineData("Jiobal says:", true)]
    [InlineData("By Jane Doe", true)]
    public void Non_names_are_told_from_names(string author, bool nonName) =>
        Assert.Equal(nonName, MetadataFindings.LooksLikeNonName(author));

    [Fact]
    public void The_benchmark_reports_the_findings_of_its_pages()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "html"));
        var html = "<html lang=\"en\"><body><article><h1>Ferry terminal opens late</h1><p class=\"byline\">By Ana Lima</p><p>November 14, 2025</p>" +
                   string.Concat(Enumerable.Repeat("<p>The ferry terminal will open next spring, two years later than planned and well over its budget.</p>", 4)) +
                   "</article></body></html>";
        using (var file = File.Create(Path.Combine(_directory, "html", "aaa.html.gz")))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        File.WriteAllText(Path.Combine(_directory, "ground-truth.json"), """{"aaa": {"pageType": "article", "datePublished": "2025-11-14", "author": "Ana Lima"}}""");

        var result = new ExtractionBenchmark(new HtmlArticleExtractor()).Run(new ExtractionBenchmarkOptions
        {
            DataDirectories = [_directory],
            MeasureFor = TimeSpan.FromMilliseconds(10),
            WarmupPasses = 0,
        });

        var findings = Assert.Single(result.Folders).Metadata;
        Assert.NotNull(findings);
        Assert.Equal((1, 1, 1, 0), (findings.DateRight, findings.AuthorFound, findings.AuthorPages, findings.ExtraAuthors));
    }
}
