using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Archive.Core.Extraction;
using Archive.Core.Extraction.Benchmark;

namespace Archive.Core.Tests.Extraction;

public sealed class ExtractionBenchmarkTests : IDisposable
{
    private const string Prose = "<p>The ferry terminal will open next spring, two years later than planned and over budget.</p>";

    private readonly string _directory = Directory.CreateTempSubdirectory("archive-bench-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Folder(string name, Dictionary<string, string> pages, string truth)
    {
        var folder = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.Combine(folder, "html"));
        foreach (var (id, html) in pages)
        {
            using var file = File.Create(Path.Combine(folder, "html", id + ".html.gz"));
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        File.WriteAllText(Path.Combine(folder, "ground-truth.json"), truth);
        return folder;
    }

    private static ExtractionBenchmarkResult Run(string? predictions, params string[] folders) =>
        new ExtractionBenchmark(new HtmlArticleExtractor()).Run(new ExtractionBenchmarkOptions
        {
            DataDirectories = folders,
            PredictionsPath = predictions,
            MeasureFor = TimeSpan.FromMilliseconds(20),
            WarmupPasses = 0,
        });

    [Fact]
    public void The_benchmark_writes_predictions_and_measures_throughput()
    {
        var folder = Folder("news", new Dictionary<string, string>
        {
            ["aaa"] = "<html><body><article>" + string.Concat(Enumerable.Repeat(Prose, 4)) + "</article></body></html>",
            ["bbb"] = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
        }, "{\"aaa\": {\"articleBody\": \"x\", \"url\": \"https://example.org/a\"}, \"bbb\": {\"articleBody\": \"\", \"url\": \"https://example.org/b\"}}");
        var output = Path.Combine(_directory, "out", "predictions.json");

        var result = Run(output, folder).Folders.Single();

        Assert.Equal("news", result.Name);
        Assert.Equal(2, result.Pages.Count);
        Assert.True(result.PagesPerSecond > 0);
        Assert.True(result.PagesPerCpuSecond > 0);
        Assert.True(result.AllocatedBytesPerPage > 0);
        Assert.InRange(result.GcPauseShare, 0, 1);
        Assert.True(result.TimedPasses >= 1);
        Assert.Equal(1, result.Kinds[PageKind.Article]);
        Assert.Equal(1, result.Kinds[PageKind.Error]);
        Assert.Equal(["aaa", "bbb"], result.Slowest.Select(s => s.Id).Order(StringComparer.Ordinal));
        using var predictions = JsonDocument.Parse(File.ReadAllBytes(output));
        Assert.Contains("ferry terminal", predictions.RootElement.GetProperty("aaa").GetProperty("articleBody").GetString(), StringComparison.Ordinal);
        Assert.Equal("Error", predictions.RootElement.GetProperty("bbb").GetProperty("kind").GetString());
    }

    [Fact]
    public void Quality_is_scored_as_score_py_scores_it()
    {
        // "aaa" extracts 4 copies of the sentence (60 tokens) against a truth of 2 copies and 3 other tokens (33 tokens):
        // overlap 30, precision 30/60, recall 30/33. "bbb" has an empty truth and an empty prediction: 1. "ccc" is in the
        // ground truth only: an empty prediction, 0. "lst" is a listing, left out of F1 and snippets.
        var sentence = "The ferry terminal will open next spring, two years later than planned and over budget.";
        var folder = Folder("mixed", new Dictionary<string, string>
        {
            ["aaa"] = "<html><body><article>" + string.Concat(Enumerable.Repeat(Prose, 4)) + "</article></body></html>",
            ["bbb"] = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
            ["lst"] = "<html><body><article>" + string.Concat(Enumerable.Repeat(Prose, 4)) + "</article></body></html>",
        }, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["aaa"] = new { articleBody = $"{sentence}\n\n{sentence} Ships, TRAINS & buses.", with = new[] { "TWO YEARS later", "not in the page" }, without = new[] { "Subscribe" } },
            ["bbb"] = new { articleBody = "" },
            ["ccc"] = new { articleBody = "A page that was never fetched." },
            ["lst"] = new { articleBody = "x", pageType = "listing", with = new[] { "ferry" } },
        }));

        var quality = Run(null, folder).Folders.Single().Quality!;

        Assert.Equal(3, quality.ScoredPages);
        var f1 = 2 * 0.5 * (30.0 / 33) / (0.5 + (30.0 / 33));
        Assert.Equal((f1 + 1 + 0) / 3, quality.F1, 10);
        Assert.Equal((0.5 + 1 + 0) / 3, quality.Precision, 10);
        Assert.Equal(((30.0 / 33) + 1 + 0) / 3, quality.Recall, 10);
        Assert.Equal(1, quality.WithPages);
        Assert.Equal(0.5, quality.With, 10);
        Assert.Equal(1, quality.WithoutPages);
        Assert.Equal(0, quality.Without, 10);
        Assert.Equal(2, quality.Articles);
        Assert.Equal("bbb", Assert.Single(quality.RefusedArticles).Id);
        Assert.Equal(1, quality.NonArticles);
        Assert.Equal("lst", Assert.Single(quality.AcceptedNonArticles).Id);
    }

    [Fact]
    public void Several_folders_are_benchmarked_in_one_run_each_with_its_predictions_file()
    {
        var page = new Dictionary<string, string> { ["p1"] = "<html><body><article>" + string.Concat(Enumerable.Repeat(Prose, 4)) + "</article></body></html>" };
        var first = Folder("first", page, "{\"p1\": {\"articleBody\": \"The ferry terminal\"}}");
        var second = Folder("second", page, "{\"p1\": {\"articleBody\": \"Something else entirely\"}}");
        var output = Path.Combine(_directory, "predictions");

        var result = Run(output, first, second);

        Assert.Equal(["first", "second"], result.Folders.Select(f => f.Name));
        Assert.True(result.Folders[0].Quality!.F1 > 0);
        Assert.Equal(0, result.Folders[1].Quality!.F1);
        Assert.True(File.Exists(Path.Combine(output, "first.json")));
        Assert.True(File.Exists(Path.Combine(output, "second.json")));
        Assert.True(result.PeakWorkingSetBytes > 0);
    }

    [Fact]
    public void A_folder_without_ground_truth_has_no_quality()
    {
        var folder = Path.Combine(_directory, "bare");
        Directory.CreateDirectory(Path.Combine(folder, "html"));
        File.WriteAllText(Path.Combine(folder, "html", "one.html"), "<html><body><article>" + string.Concat(Enumerable.Repeat(Prose, 4)) + "</article></body></html>");

        var result = Run(null, folder).Folders.Single();

        Assert.Null(result.Quality);
        Assert.Null(result.Pages.Single().Truth);
    }

    [Theory]
    [InlineData("It's 3.5% — snake_case", new[] { "it", "s", "3", "5", "snake", "case" })]
    [InlineData("Ｆｕｌｌｗｉｄｔｈ and ﬁne", new[] { "fullwidth", "and", "fine" })]
    [InlineData("Café\u00a0Müller, «quoted»", new[] { "café", "müller", "quoted" })]
    [InlineData("東京は晴れ。明日は雨", new[] { "東京は晴れ", "明日は雨" })]
    [InlineData("emoji 😀 between", new[] { "emoji", "between" })]
    [InlineData("", new string[0])]
    public void Tokens_are_runs_of_letters_digits_and_marks_after_NFKC_and_lower_case(string text, string[] tokens)
    {
        Assert.Equal(tokens, TokenScore.Tokenize(text));
    }

    [Fact]
    public void Pages_score_one_when_both_texts_are_empty_and_zero_when_one_is()
    {
        Assert.Equal(new PageScore(1, 1, 1), TokenScore.Score("", ""));
        Assert.Equal(new PageScore(0, 0, 0), TokenScore.Score("text", ""));
        Assert.Equal(new PageScore(0, 0, 0), TokenScore.Score("", "text"));
        Assert.Equal(new PageScore(0, 0, 0), TokenScore.Score("one", "two"));
    }
}
