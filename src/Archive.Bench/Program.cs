using System.Globalization;
using Archive.Core.Extraction;
using Archive.Core.Extraction.Benchmark;

// Usage: dotnet run --project src/Archive.Bench -c Release -- extraction --data DIR [--out predictions.json] [--seconds N]
if (args.Length == 2 && args[0] == "explain")
{
    // Prints every block with its class and whether it was kept: for tuning the rules on one page.
    Archive.Core.Extraction.Content.ContentExtractor.Trace = Console.WriteLine;
    var path = args[1];
    byte[] bytes = path.EndsWith(".gz", StringComparison.Ordinal)
        ? ReadGzip(path)
        : File.ReadAllBytes(path);
    var explained = new HtmlArticleExtractor().Extract(new HtmlSource(bytes, "text/html"));
    Console.WriteLine(ExtractionReport.ToJson(explained));
    return 0;
}

if (args.Length == 0 || args[0] != "extraction")
{
    Console.Error.WriteLine("usage: Archive.Bench extraction --data DIR [--out predictions.json] [--seconds N] [--warmup N]");
    return 2;
}

string? data = null;
string? output = null;
var seconds = 5.0;
var warmup = 3;
for (var i = 1; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--data" when value is not null:
            data = value;
            i++;
            break;
        case "--out" when value is not null:
            output = value;
            i++;
            break;
        case "--seconds" when value is not null:
            seconds = double.Parse(value, CultureInfo.InvariantCulture);
            i++;
            break;
        case "--warmup" when value is not null:
            warmup = int.Parse(value, CultureInfo.InvariantCulture);
            i++;
            break;
        default:
            Console.Error.WriteLine($"unknown or incomplete option: {args[i]}");
            return 2;
    }
}

if (data is null)
{
    Console.Error.WriteLine("--data DIR is required");
    return 2;
}

var extractor = new HtmlArticleExtractor();
var benchmark = new ExtractionBenchmark(extractor);
var result = benchmark.Run(new ExtractionBenchmarkOptions
{
    DataDirectory = data,
    PredictionsPath = output,
    MeasureFor = TimeSpan.FromSeconds(seconds),
    WarmupPasses = warmup,
});

Console.WriteLine(FormattableString.Invariant($"extractor {extractor.Name} {extractor.Version}"));
Console.WriteLine(FormattableString.Invariant($"pages {result.Pages}, {result.InputBytes / 1e6:F1} MB of HTML"));
Console.WriteLine("kinds " + string.Join(", ", result.Kinds.OrderBy(k => k.Key).Select(k => FormattableString.Invariant($"{k.Key} {k.Value}"))));
if (output is not null)
{
    Console.WriteLine($"predictions written to {output}");
}

Console.WriteLine(FormattableString.Invariant($"slowest page {result.SlowestPageMilliseconds:F1} ms"));
Console.WriteLine(FormattableString.Invariant($"peak working set {result.PeakWorkingSetBytes / 1048576.0:F0} MiB"));
Console.WriteLine(FormattableString.Invariant($"pages/second {result.PagesPerSecond:F0} (single thread, warm, {result.TimedPasses} timed passes)"));
return 0;

static byte[] ReadGzip(string path)
{
    using var input = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
    using var buffer = new MemoryStream();
    input.CopyTo(buffer);
    return buffer.ToArray();
}
