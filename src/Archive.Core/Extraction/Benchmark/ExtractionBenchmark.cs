using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archive.Core.Extraction.Benchmark;

/// <summary>What to benchmark and where to write the predictions.</summary>
public sealed record ExtractionBenchmarkOptions
{
    /// <summary>Benchmark folders, each holding <c>html/&lt;id&gt;.html.gz</c> (or <c>.html</c>) and, optionally, <c>ground-truth.json</c>.</summary>
    public required IReadOnlyList<string> DataDirectories { get; init; }

    /// <summary>
    /// Where the predictions (<c>{id: {articleBody, kind, ...}}</c>, as <c>score.py</c> reads them) are written: with one
    /// folder, this file; with several, a folder receiving <c>&lt;folder name&gt;.json</c> for each. Null writes none.
    /// </summary>
    public string? PredictionsPath { get; init; }

    /// <summary>How long the timed passes over each folder run at least. Default 5 seconds.</summary>
    public TimeSpan MeasureFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many untimed passes warm the code up first. Default 3.</summary>
    public int WarmupPasses { get; init; } = 3;

    /// <summary>How many of the slowest pages are named. Default 5.</summary>
    public int SlowestPages { get; init; } = 5;
}

/// <summary>A page and how long one extraction of it took.</summary>
public sealed record PageTime(string Id, double Milliseconds);

/// <summary>What the benchmark measured on one folder.</summary>
/// <param name="Name">The folder's name.</param>
/// <param name="PredictionsPath">Where its predictions were written, if anywhere.</param>
/// <param name="Pages">Its pages and what the extractor made of each, in id order (for findings on other fields).</param>
/// <param name="Results">The extraction of each page, in the order of <paramref name="Pages"/>.</param>
/// <param name="Quality">F1, snippets and page kinds against the ground truth; null without one.</param>
/// <param name="Kinds">How many pages of each kind the extractor reported.</param>
/// <param name="InputBytes">The decompressed size of all pages.</param>
/// <param name="PagesPerSecond">Pages extracted per second on one thread, after warm-up.</param>
/// <param name="TimedPasses">How many passes over all pages were timed.</param>
/// <param name="Slowest">The slowest pages of the first timed pass, slowest first.</param>
public sealed record FolderBenchmark(
    string Name, string? PredictionsPath, IReadOnlyList<BenchmarkPage> Pages, IReadOnlyList<ExtractionResult> Results, BenchmarkQuality? Quality,
    IReadOnlyDictionary<PageKind, int> Kinds, long InputBytes, double PagesPerSecond, int TimedPasses, IReadOnlyList<PageTime> Slowest)
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

/// <summary>What the benchmark measured.</summary>
/// <param name="Folders">One result per folder, in the order given.</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set (includes the decompressed pages held in memory).</param>
public sealed record ExtractionBenchmarkResult(IReadOnlyList<FolderBenchmark> Folders, long PeakWorkingSetBytes);

/// <summary>
/// Runs an extractor over benchmark folders: for each, extracts every page once, scores the results against the ground
/// truth (<see cref="BenchmarkQuality"/>), writes the predictions in the scorer's format, then times warm
/// single-threaded passes over all pages and reports pages per second and the slowest pages.
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
        if (options.DataDirectories.Count == 0)
        {
            throw new ArgumentException("No benchmark folder was given.", nameof(options));
        }

        var folders = options.DataDirectories.Select(BenchmarkFolder.Load).ToList();
        foreach (var folder in folders.Where(f => f.Pages.Count == 0))
        {
            throw new InvalidOperationException($"No pages in the html/ folder of {folder.Name}.");
        }

        var results = new List<FolderBenchmark>();
        for (var i = 0; i < folders.Count; i++)
        {
            // Two folders of one name (in different places) get numbered files.
            var name = folders.Count(f => f.Name == folders[i].Name) == 1 ? folders[i].Name : $"{folders[i].Name}-{i + 1}";
            var predictions = options.PredictionsPath is null ? null
                : folders.Count == 1 ? options.PredictionsPath
                : Path.Combine(options.PredictionsPath, name + ".json");
            results.Add(RunFolder(folders[i], predictions, options, cancellationToken));
        }

        using var process = Process.GetCurrentProcess();
        return new ExtractionBenchmarkResult(results, process.PeakWorkingSet64);
    }

    private FolderBenchmark RunFolder(BenchmarkFolder folder, string? predictionsPath, ExtractionBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var pages = folder.Pages;
        var kinds = new Dictionary<PageKind, int>();
        var results = new ExtractionResult[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            results[i] = extractor.Extract(pages[i].Source, cancellationToken);
            kinds[results[i].Kind] = kinds.GetValueOrDefault(results[i].Kind) + 1;
        }

        if (predictionsPath is not null)
        {
            WritePredictions(predictionsPath, pages, results);
        }

        for (var pass = 0; pass < options.WarmupPasses; pass++)
        {
            RunPass(pages, null, cancellationToken);
        }

        var timedPasses = 0;
        var times = new double[pages.Count];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var pausedBefore = GC.GetTotalPauseDuration();
        var started = timeProvider.GetTimestamp();
        do
        {
            RunPass(pages, timedPasses == 0 ? times : null, cancellationToken);
            timedPasses++;
        }
        while (timeProvider.GetElapsedTime(started) < options.MeasureFor);

        var elapsed = timeProvider.GetElapsedTime(started);
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var timedPages = (long)pages.Count * timedPasses;
        var slowest = pages.Select((page, i) => new PageTime(page.Id, times[i]))
            .OrderByDescending(t => t.Milliseconds).ThenBy(t => t.Id, StringComparer.Ordinal).Take(options.SlowestPages).ToList();
        return new FolderBenchmark(
            folder.Name, predictionsPath, pages, results, BenchmarkQuality.Measure(folder, results), kinds,
            pages.Sum(p => (long)p.Source.Bytes.Length), timedPages / elapsed.TotalSeconds, timedPasses, slowest)
        {
            PagesPerCpuSecond = cpu > TimeSpan.Zero ? timedPages / cpu.TotalSeconds : 0,
            AllocatedBytesPerPage = allocated / timedPages,
            GcPauseShare = paused / elapsed,
            Metadata = MetadataFindings.Compute(pages, pages.Select((page, i) => (page.Id, results[i].Metadata)).ToDictionary(p => p.Id, p => p.Metadata)),
        };
    }

    private void RunPass(IReadOnlyList<BenchmarkPage> pages, double[]? times, CancellationToken cancellationToken)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var started = timeProvider.GetTimestamp();
            extractor.Extract(pages[i].Source, cancellationToken);
            if (times is not null)
            {
                times[i] = timeProvider.GetElapsedTime(started).TotalMilliseconds;
            }
        }
    }

    private void WritePredictions(string path, IReadOnlyList<BenchmarkPage> pages, ExtractionResult[] results)
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
}
