using System.CommandLine;
using System.Globalization;
using Archive.Core.Extraction;
using Archive.Core.Extraction.Benchmark;

namespace Archive.Cli.Commands;

/// <summary><c>archive bench</c>: benchmarks measured in the project, not by timed unit tests.</summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create() => new("bench", "Run a benchmark")
    {
        Extraction(),
        RecheckBenchCommand.Create(),
    };

    private static Command Extraction()
    {
        var data = new Option<string>("--data") { Description = "Folder laid out as html/<id>.html.gz + ground-truth.json", Required = true };
        var output = new Option<string?>("--out") { Description = "Write predictions here, in the format score.py reads" };
        var seconds = new Option<double>("--seconds") { Description = "How long to time warm passes", DefaultValueFactory = _ => 5 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed passes first", DefaultValueFactory = _ => 3 };
        var command = new Command("extraction", "Extract every page of a benchmark folder: quality predictions, pages per second (one thread, warm) and peak memory")
        {
            data, output, seconds, warmup,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var console = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, () =>
            {
                var folder = parse.GetValue(data)!;
                if (!Directory.Exists(Path.Combine(folder, "html")))
                {
                    throw new UsageException($"'{folder}' has no html/ folder.");
                }

                if (parse.GetValue(seconds) is <= 0 or > 3600 || parse.GetValue(warmup) is < 0 or > 100)
                {
                    throw new UsageException("--seconds must be in (0, 3600] and --warmup in [0, 100].");
                }

                var extractor = new HtmlArticleExtractor();
                var result = new ExtractionBenchmark(extractor).Run(
                    new ExtractionBenchmarkOptions
                    {
                        DataDirectory = folder,
                        PredictionsPath = parse.GetValue(output),
                        MeasureFor = TimeSpan.FromSeconds(parse.GetValue(seconds)),
                        WarmupPasses = parse.GetValue(warmup),
                    },
                    cancellationToken);
                var c = CultureInfo.InvariantCulture;
                console.WriteLine($"extractor {extractor.Name} {extractor.Version}");
                console.WriteLine(string.Create(c, $"pages {result.Pages}, {result.InputBytes / 1e6:F1} MB of HTML"));
                console.WriteLine("kinds " + string.Join(", ", result.Kinds.OrderBy(k => k.Key).Select(k => string.Create(c, $"{k.Key} {k.Value}"))));
                if (parse.GetValue(output) is { } written)
                {
                    console.WriteLine($"predictions written to {written}");
                }

                foreach (var line in result.Metadata?.Describe() ?? [])
                {
                    console.WriteLine(line);
                }

                console.WriteLine(string.Create(c, $"slowest page {result.SlowestPageMilliseconds:F1} ms"));
                console.WriteLine(string.Create(c, $"peak working set {result.PeakWorkingSetBytes / 1048576.0:F0} MiB"));
                console.WriteLine(string.Create(c, $"allocated per page {result.AllocatedBytesPerPage / 1024.0:F0} KiB, garbage collection pauses {result.GcPauseShare:P0} of the time"));
                console.WriteLine(string.Create(c, $"pages/second {result.PagesPerSecond:F0} (single thread, warm, {result.TimedPasses} timed passes); {result.PagesPerCpuSecond:F0} per CPU second"));
                return Task.FromResult(ExitCodes.Success);
            });
        });
        return command;
    }
}
