using System.CommandLine;
using System.Globalization;
using Archive.Core.Extraction;
using Archive.Core.Extraction.Benchmark;

namespace Archive.Cli.Commands;

/// <summary><c>archive bench</c>: benchmarks measured in the project, not by timed unit tests.</summary>
public static class BenchCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Builds the command.</summary>
    public static Command Create() => new("bench", "Run a benchmark")
    {
        Extraction(),
        RecheckBenchCommand.Create(),
        HostileBenchCommand.Create(),
        CaptureBenchCommand.Create(),
        AnchorBenchCommand.Create(),
    };

    private static Command Extraction()
    {
        var data = new Option<string[]>("--data")
        {
            Description = "Folder laid out as html/<id>.html.gz + ground-truth.json; give it once per folder",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string?>("--out") { Description = "Write predictions here, in the format score.py reads: a file for one folder, a folder (one <name>.json each) for several" };
        var seconds = new Option<double>("--seconds") { Description = "How long to time warm passes over each folder", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed passes first", DefaultValueFactory = _ => 3 };
        var command = new Command("extraction", "Extract every page of benchmark folders: token F1, snippets and page kinds against the ground truth (as score.py), pages per second (one thread, warm), slowest pages, peak memory")
        {
            data, output, seconds, warmup,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, () =>
            {
                var folders = parse.GetValue(data) ?? [];
                foreach (var folder in folders)
                {
                    if (!Directory.Exists(Path.Combine(folder, "html")))
                    {
                        throw new UsageException($"'{folder}' has no html/ folder.");
                    }
                }

                if (parse.GetValue(seconds) is <= 0 or > 3600 || parse.GetValue(warmup) is < 0 or > 100)
                {
                    throw new UsageException("--seconds must be in (0, 3600] and --warmup in [0, 100].");
                }

                var written = parse.GetValue(output);
                if (written is not null && folders.Length > 1 && File.Exists(written))
                {
                    throw new UsageException($"With several --data folders, --out names a folder for their predictions; '{written}' is a file.");
                }

                var extractor = new HtmlArticleExtractor();
                ExtractionBenchmarkResult result;
                try
                {
                    result = new ExtractionBenchmark(extractor).Run(
                        new ExtractionBenchmarkOptions
                        {
                            DataDirectories = folders,
                            PredictionsPath = written,
                            MeasureFor = TimeSpan.FromSeconds(parse.GetValue(seconds)),
                            WarmupPasses = parse.GetValue(warmup),
                        },
                        cancellationToken);
                }
                catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
                {
                    throw new UsageException(e.Message, e);
                }
                console.WriteLine($"extractor {extractor.Name} {extractor.Version}");
                foreach (var folder in result.Folders)
                {
                    Print(console, folder);
                    foreach (var line in folder.Metadata?.Describe() ?? [])
                    {
                        console.WriteLine(line);
                    }
                }

                console.WriteLine(string.Create(C, $"peak working set {result.PeakWorkingSetBytes / 1048576.0:F0} MiB"));
                return Task.FromResult(ExitCodes.Success);
            });
        });
        return command;
    }

    private static void Print(TextWriter console, FolderBenchmark folder)
    {
        console.WriteLine();
        console.WriteLine(string.Create(C, $"== {folder.Name}: {folder.Pages.Count} pages, {folder.InputBytes / 1e6:F1} MB of HTML"));
        console.WriteLine("kinds " + string.Join(", ", folder.Kinds.OrderBy(k => k.Key).Select(k => string.Create(C, $"{k.Key} {k.Value}"))));
        if (folder.Quality is { } quality)
        {
            console.WriteLine(string.Create(C, $"token F1 {quality.F1:F3} precision {quality.Precision:F3} recall {quality.Recall:F3} over {quality.ScoredPages} article pages"));
            if (quality.WithPages > 0 || quality.WithoutPages > 0)
            {
                console.WriteLine(string.Create(C, $"snippets 'with' {quality.With:F4} over {quality.WithPages} pages (higher is better), 'without' {quality.Without:F4} over {quality.WithoutPages} pages (lower is better)"));
            }

            console.WriteLine(string.Create(C, $"page kinds: {quality.RefusedArticles.Count} of {quality.Articles} articles refused, {quality.AcceptedNonArticles.Count} of {quality.NonArticles} non-articles taken for articles"));
            foreach (var refused in quality.RefusedArticles)
            {
                console.WriteLine($"  refused {refused.Id}: {refused.Kind} ({refused.Reason})");
            }

            foreach (var accepted in quality.AcceptedNonArticles)
            {
                console.WriteLine($"  taken for an article: {accepted.Id}");
            }
        }

        if (folder.PredictionsPath is not null)
        {
            console.WriteLine($"predictions written to {folder.PredictionsPath}");
        }

        console.WriteLine("slowest pages " + string.Join(", ", folder.Slowest.Select(t => string.Create(C, $"{t.Id} {t.Milliseconds:F1} ms"))));
        console.WriteLine(string.Create(C, $"allocated per page {folder.AllocatedBytesPerPage / 1024.0:F0} KiB, garbage collection pauses {folder.GcPauseShare:P0} of the time"));
        console.WriteLine(string.Create(C, $"pages/second {folder.PagesPerSecond:F0} (single thread, warm, {folder.TimedPasses} timed passes); {folder.PagesPerCpuSecond:F0} per CPU second"));
    }
}
