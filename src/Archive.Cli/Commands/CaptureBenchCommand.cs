using System.CommandLine;
using System.Text.Json;
using Archive.Cli.Bench;
using Archive.Local;
using Archive.Core;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive bench capture</c>: first captures through the API, then unchanged scheduled re-checks, on a private
/// Azurite with local publishers; throughput, latency, storage operations by kind, CPU and memory.
/// </summary>
public static class CaptureBenchCommand
{
    /// <summary>The most captures one run takes.</summary>
    public const int MaxCaptures = 100_000;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var captures = new Option<int>("--captures") { Description = $"Articles to capture, then re-check (1 to {MaxCaptures:N0})", DefaultValueFactory = _ => 1_000 };
        var publishers = new Option<int>("--publishers") { Description = $"Publishers serving them, each its own loopback host 127.0.1.x (1 to {BenchPublisher.MaxPublishers})", DefaultValueFactory = _ => 32 };
        var data = new Option<string?>("--data") { Description = "Folder of pages laid out as html/<id>.html.gz (default: ../shared/bench/extraction beside the repository)" };
        var conditional = new Option<bool>("--conditional") { Description = "Publishers send ETag and Last-Modified and answer a re-check with 304 (false: the same full page again)", DefaultValueFactory = _ => true };
        var requestLog = new Option<bool>("--request-log") { Description = "Azurite writes its request log, from which storage operations are counted (false: not counted, and Azurite's CPU is its storage work alone)", DefaultValueFactory = _ => true };
        var warmup = new Option<int>("--warmup") { Description = $"Captures made first by a throwaway app on its own Azurite, not counted, so the measured code runs compiled as in a running worker (0 to {MaxCaptures:N0})", DefaultValueFactory = _ => 200 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var command = new Command("capture", "Measure first captures through the API and unchanged scheduled re-checks: throughput, latency, storage operations by kind, CPU and memory")
        {
            captures, publishers, data, conditional, requestLog, warmup, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
            {
                var count = parse.GetValue(captures);
                var hosts = parse.GetValue(publishers);
                if (count is < 1 or > MaxCaptures)
                {
                    throw new UsageException($"--captures must be 1 to {MaxCaptures:N0}.");
                }

                if (parse.GetValue(warmup) is < 0 or > MaxCaptures)
                {
                    throw new UsageException($"--warmup must be 0 to {MaxCaptures:N0}.");
                }

                if (hosts is < 1 or > BenchPublisher.MaxPublishers)
                {
                    throw new UsageException($"--publishers must be 1 to {BenchPublisher.MaxPublishers}.");
                }

                var root = RepositoryPaths.RequireRoot();
                var folder = parse.GetValue(data) ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "bench", "extraction"));
                IReadOnlyList<BenchPage> pages;
                try
                {
                    pages = BenchPages.Load(folder);
                }
                catch (DirectoryNotFoundException)
                {
                    throw new UsageException($"No benchmark pages: '{folder}' has no html/ folder (give one laid out as html/<id>.html.gz with --data).");
                }

                if (pages.Count == 0)
                {
                    throw new UsageException($"No benchmark pages: '{folder}/html' has no .html or .html.gz files.");
                }

                var asJson = parse.GetValue(json);
                var report = await CaptureBench.RunAsync(
                    new CaptureBenchOptions
                    {
                        RepositoryRoot = root,
                        Pages = pages,
                        Captures = count,
                        Publishers = hosts,
                        Conditional = parse.GetValue(conditional),
                        RequestLog = parse.GetValue(requestLog),
                        WarmupCaptures = parse.GetValue(warmup),
                        AppLogLevel = asJson ? LogLevel.None : LogLevel.Error,
                    },
                    asJson ? null : output,
                    cancellationToken).ConfigureAwait(false);
                if (asJson)
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(report, ArchiveJson.Indented)).ConfigureAwait(false);
                }
                else
                {
                    report.WriteText(output);
                }

                if (report.FirstCaptures.Recorded < count || report.Rechecks.Recorded < count)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(
                        $"archive: {report.FirstCaptures.Recorded} of {count} first captures and {report.Rechecks.Recorded} of {count} re-checks were recorded.").ConfigureAwait(false);
                    return ExitCodes.Failed;
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }
}
