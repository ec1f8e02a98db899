using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local;
using Archive.Local.Hostile;
using Archive.Local.Hosting;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive bench hostile</c>: runs every hostile publisher case through the local runner (this process, as
/// <c>archive serve</c> runs it) on a private Azurite, and reports how each ended, the process's working set before,
/// at its peak during and after the run, and how long a normal page then takes to capture.
/// </summary>
public static class HostileBenchCommand
{
    private const double MiB = 1024 * 1024;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var rounds = new Option<int>("--rounds") { Description = "How many times every case is submitted", DefaultValueFactory = _ => 3 };
        var command = new Command("hostile", "Capture hostile publishers (malformed redirects, broken bodies, bombs, slow answers): outcomes, peak and after working set, a normal capture after") { rounds };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var count = parse.GetValue(rounds);
            if (count is < 1 or > 100)
            {
                throw new UsageException("--rounds must be 1 to 100.");
            }

            return await RunAsync(parse.InvocationConfiguration.Output, count, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, int rounds, CancellationToken cancellationToken)
    {
        var root = RepositoryPaths.RequireRoot();
        await using var azurite = await AzuriteProcess.StartAsync(root, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var pages = await PageServer.StartAsync(Path.Combine(root, "seeds"), cancellationToken).ConfigureAwait(false);
        await using var publisher = HostilePublisher.Start();
        var settings = LocalStack.SettingsFor(azurite);

        // An empty queue is polled ever less often, up to host.json's maxPollingInterval (2 s); polling every 100 ms
        // measures the capture rather than the wait for the next poll.
        settings["Runner:MaxPollingInterval"] = "00:00:00.1";
        foreach (var (key, value) in HostileRun.Settings)
        {
            settings[key] = value;
        }

        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical }, cancellationToken).ConfigureAwait(false);
        using var api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

        var warm = await CaptureNormalAsync(api, pages, "warm-up", cancellationToken).ConfigureAwait(false);
        var before = WorkingSet();
        using var sampling = new CancellationTokenSource();
        var peak = before;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, WorkingSet());
                await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            }
        }, CancellationToken.None);

        var documented = 0;
        var total = 0;
        var slowest = TimeSpan.Zero;
        for (var round = 1; round <= rounds; round++)
        {
            var results = await HostileRun.RunAsync(api, publisher, round.ToString(CultureInfo.InvariantCulture), TimeSpan.FromMinutes(3), cancellationToken).ConfigureAwait(false);
            foreach (var result in results)
            {
                total++;
                documented += result.AsDocumented ? 1 : 0;
                slowest = result.Elapsed > slowest ? result.Elapsed : slowest;
                if (!result.AsDocumented || round == 1)
                {
                    await output.WriteLineAsync($"  {result.Case.Name,-30} {result.Outcome ?? "(none)",-17} {(result.AsDocumented ? "as documented" : "NOT AS DOCUMENTED")}: {result.Reason}").ConfigureAwait(false);
                }
            }
        }

        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        peak = Math.Max(peak, WorkingSet());
        await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
        var after = WorkingSet();
        var normal = await CaptureNormalAsync(api, pages, "after", cancellationToken).ConfigureAwait(false);
        var heap = GC.GetGCMemoryInfo();

        await output.WriteLineAsync($"hostile: {HostileCases.All.Count} cases x {rounds} rounds: {documented} of {total} ended as documented; slowest {slowest.TotalSeconds:0.0} s after its round's submission").ConfigureAwait(false);
        await output.WriteLineAsync($"working set: {before / MiB:0} MiB before, peak {peak / MiB:0} MiB during, {after / MiB:0} MiB after (5 s idle); managed heap after {heap.HeapSizeBytes / MiB:0} MiB, committed {heap.TotalCommittedBytes / MiB:0} MiB").ConfigureAwait(false);
        await output.WriteLineAsync($"normal capture: {warm.TotalMilliseconds:0} ms before the suite, {normal.TotalMilliseconds:0} ms after").ConfigureAwait(false);
        return documented == total ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static long WorkingSet()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    /// <summary>Submits a seed article under a fresh URL and waits until its capture is recorded.</summary>
    private static async Task<TimeSpan> CaptureNormalAsync(HttpClient api, PageServer pages, string tag, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var url = $"{pages.Url("article-syria-2024.html").AbsoluteUri}?run={tag}";
        using var submitted = await api.PostAsJsonAsync("api/captures", new { url }, cancellationToken).ConfigureAwait(false);
        submitted.EnsureSuccessStatusCode();
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("id").GetString();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var article = await api.GetFromJsonAsync<JsonElement>($"api/articles/{id}", cancellationToken).ConfigureAwait(false);
            if (article.TryGetProperty("lastOutcome", out var last) && last.ValueKind == JsonValueKind.Object)
            {
                return last.GetProperty("code").GetString() == "captured"
                    ? clock.Elapsed
                    : throw new InvalidOperationException($"The normal page ended in {last.GetProperty("code").GetString()}: {last.GetProperty("reason").GetString()}");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException("The normal page was not captured within 60 s.");
    }
}
