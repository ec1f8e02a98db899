using System.Diagnostics;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archive.Core.Extraction.Benchmark;

/// <summary>What to benchmark and where to write the predictions.</summary>
public sealed record ExtractionBenchmarkOptions
{
    /// <summary>A folder holding <c>html/&lt;id&gt;.html.gz</c> (or <c>.html</c>) and, optionally, <c>ground-truth.json</c> (for ids and URLs).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Where the predictions JSON is written (<c>{id: {articleBody, kind, ...}}</c>); null writes none.</summary>
    public string? PredictionsPath { get; init; }

    /// <summary>How long the timed passes run at least. Default 5 seconds.</summary>
    public TimeSpan MeasureFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many untimed passes warm the code up first. Default 3.</summary>
    public int WarmupPasses { get; init; } = 3;
}

/// <summary>What the benchmark measured.</summary>
/// <param name="Pages">Pages in the data set.</param>
/// <param name="PagesPerSecond">Pages extracted per second on one thread, after warm-up.</param>
/// <param name="TimedPasses">How many passes over all pages were timed.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set (includes the decompressed pages held in memory).</param>
/// <param name="InputBytes">The decompressed size of all pages.</param>
/// <param name="Kinds">How many pages of each kind the extractor reported.</param>
/// <param name="SlowestPageMilliseconds">The slowest single page in the first timed pass.</param>
public sealed record ExtractionBenchmarkResult(int Pages, double PagesPerSecond, int TimedPasses, long PeakWorkingSetBytes, long InputBytes, IReadOnlyDictionary<PageKind, int> Kinds, double SlowestPageMilliseconds)
{
    /// <summary>Pages per second of CPU time the process spent in the timed passes (garbage collection included); unlike
    /// <see cref="PagesPerSecond"/> it barely moves when other work shares the machine.</summary>
    public double PagesPerCpuSecond { get; init; }

    /// <summary>Bytes allocated per page in the timed passes.</summary>
    public long AllocatedBytesPerPage { get; init; }

    /// <summary>The share of the timed passes' wall time the runtime spent paused for garbage collection.</summary>
    public double GcPauseShare { get; init; }

    /// <summary>Dates and bylines compared with the ground truth.</summary>
    public MetadataFindings? Metadata { get; init; }
}

/// <summary>
/// Runs an extractor over a benchmark folder: writes its predictions in the scorer's format, then times warm
/// single-threaded passes over all pages and reports pages per second and peak memory.
/// </summary>
public sealed class ExtractionBenchmark(IArticleExtractor extractor, TimeProvider timeProvider)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Creates a benchmark on the system clock.</summary>
    public ExtractionBenchmark(IArticleExtractor extractor)
        : this(extractor, TimeProvider.System)
    {
    }

    /// <summary>Runs the benchmark.</summary>
    public ExtractionBenchmarkResult Run(ExtractionBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var pages = LoadPages(options.DataDirectory);
        if (pages.Count == 0)
        {
            throw new InvalidOperationException($"No pages under {Path.Combine(options.DataDirectory, "html")}.");
        }

        var kinds = new Dictionary<PageKind, int>();
        var results = new ExtractionResult[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            results[i] = extractor.Extract(pages[i].Source, cancellationToken);
            kinds[results[i].Kind] = kinds.GetValueOrDefault(results[i].Kind) + 1;
        }

        if (options.PredictionsPath is not null)
        {
            WritePredictions(options.PredictionsPath, pages, results);
        }

        for (var pass = 0; pass < options.WarmupPasses; pass++)
        {
            RunPass(pages, cancellationToken);
        }

        var timedPasses = 0;
        var slowest = 0.0;
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var pausedBefore = GC.GetTotalPauseDuration();
        var started = timeProvider.GetTimestamp();
        do
        {
            var passSlowest = RunPass(pages, cancellationToken);
            if (timedPasses == 0)
            {
                slowest = passSlowest;
            }

            timedPasses++;
        }
        while (timeProvider.GetElapsedTime(started) < options.MeasureFor);

        var elapsed = timeProvider.GetElapsedTime(started);
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var timedPages = (long)pages.Count * timedPasses;
        return new ExtractionBenchmarkResult(
            pages.Count,
            pages.Count * timedPasses / elapsed.TotalSeconds,
            timedPasses,
            process.PeakWorkingSet64,
            pages.Sum(p => (long)p.Source.Bytes.Length),
            kinds,
            slowest)
        {
            PagesPerCpuSecond = cpu > TimeSpan.Zero ? timedPages / cpu.TotalSeconds : 0,
            AllocatedBytesPerPage = allocated / timedPages,
            GcPauseShare = paused / elapsed,
            Metadata = MetadataFindings.Compute(options.DataDirectory, pages.Select((page, i) => (page.Id, results[i].Metadata)).ToDictionary(p => p.Id, p => p.Metadata)),
        };
    }

    private double RunPass(List<BenchmarkPage> pages, CancellationToken cancellationToken)
    {
        var slowest = 0.0;
        foreach (var page in pages)
        {
            var started = timeProvider.GetTimestamp();
            extractor.Extract(page.Source, cancellationToken);
            slowest = Math.Max(slowest, timeProvider.GetElapsedTime(started).TotalMilliseconds);
        }

        return slowest;
    }

    private static List<BenchmarkPage> LoadPages(string directory)
    {
        var urls = new Dictionary<string, string?>(StringComparer.Ordinal);
        var truthPath = Path.Combine(directory, "ground-truth.json");
        if (File.Exists(truthPath))
        {
            using var truth = JsonDocument.Parse(File.ReadAllBytes(truthPath));
            foreach (var entry in truth.RootElement.EnumerateObject())
            {
                urls[entry.Name] = entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("url", out var url) ? url.GetString() : null;
            }
        }

        var pages = new List<BenchmarkPage>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(directory, "html")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            string id;
            byte[] bytes;
            if (name.EndsWith(".html.gz", StringComparison.Ordinal))
            {
                id = name[..^".html.gz".Length];
                using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                id = name[..^".html".Length];
                bytes = File.ReadAllBytes(file);
            }
            else
            {
                continue;
            }

            var url = urls.GetValueOrDefault(id);
            var source = new HtmlSource(bytes, "text/html", Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null);
            pages.Add(new BenchmarkPage(id, source));
        }

        return pages;
    }

    private void WritePredictions(string path, List<BenchmarkPage> pages, ExtractionResult[] results)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream, WriterOptions);
        writer.WriteStartObject();
        for (var i = 0; i < pages.Count; i++)
        {
            writer.WritePropertyName(pages[i].Id);
            ExtractionReport.Write(writer, results[i], extractor);
        }

        writer.WriteEndObject();
    }

    private sealed record BenchmarkPage(string Id, HtmlSource Source);
}
