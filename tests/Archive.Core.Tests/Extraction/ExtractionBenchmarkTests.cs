using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Archive.Core.Extraction;
using Archive.Core.Extraction.Benchmark;

namespace Archive.Core.Tests.Extraction;

public sealed class ExtractionBenchmarkTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("archive-bench-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_benchmark_writes_predictions_and_measures_throughput()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "html"));
        var pages = new Dictionary<string, string>
        {
            ["aaa"] = "<html><body><article>" + string.Concat(Enumerable.Repeat("<p>The ferry terminal will open next spring, two years later than planned and over budget.</p>", 4)) + "</article></body></html>",
            ["bbb"] = "<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>",
        };
        foreach (var (id, html) in pages)
        {
            using var file = File.Create(Path.Combine(_directory, "html", id + ".html.gz"));
            using var gzip = new GZipStream(file, CompressionLevel.Fastest);
            gzip.Write(Encoding.UTF8.GetBytes(html));
        }

        File.WriteAllText(Path.Combine(_directory, "ground-truth.json"), "{\"aaa\": {\"articleBody\": \"x\", \"url\": \"https://example.org/a\"}, \"bbb\": {\"articleBody\": \"\", \"url\": \"https://example.org/b\"}}");
        var output = Path.Combine(_directory, "out", "predictions.json");

        var result = new ExtractionBenchmark(new HtmlArticleExtractor()).Run(new ExtractionBenchmarkOptions
        {
            DataDirectory = _directory,
            PredictionsPath = output,
            MeasureFor = TimeSpan.FromMilliseconds(50),
            WarmupPasses = 1,
        });

        Assert.Equal(2, result.Pages);
        Assert.True(result.PagesPerSecond > 0);
        Assert.True(result.PagesPerCpuSecond > 0);
        Assert.True(result.AllocatedBytesPerPage > 0);
        Assert.InRange(result.GcPauseShare, 0, 1);
        Assert.True(result.TimedPasses >= 1);
        Assert.True(result.PeakWorkingSetBytes > 0);
        Assert.Equal(1, result.Kinds[PageKind.Article]);
        Assert.Equal(1, result.Kinds[PageKind.Error]);
        using var predictions = JsonDocument.Parse(File.ReadAllBytes(output));
        Assert.Contains("ferry terminal", predictions.RootElement.GetProperty("aaa").GetProperty("articleBody").GetString(), StringComparison.Ordinal);
        Assert.Equal("Error", predictions.RootElement.GetProperty("bbb").GetProperty("kind").GetString());
    }
}
