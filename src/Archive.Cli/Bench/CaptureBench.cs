using System.Diagnostics;
using System.Text.Json;
using Archive.Cli.Client;
using Archive.Local.Hosting;
using Archive.Local;
using Archive.Core.Capture;
using Archive.Core.Fixity;
using Archive.Core.Recheck;
using Archive.Functions.Recheck;
using Archive.Storage;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Cli.Bench;

/// <summary>What <see cref="CaptureBench"/> runs.</summary>
public sealed record CaptureBenchOptions
{
    /// <summary>The repository (for its pinned Azurite).</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>The pages the publishers serve.</summary>
    public required IReadOnlyList<BenchPage> Pages { get; init; }

    /// <summary>How many articles to capture and then re-check. Default: 1,000.</summary>
    public int Captures { get; init; } = 1_000;

    /// <summary>How many publishers (distinct loopback hosts) serve them. Default: 32.</summary>
    public int Publishers { get; init; } = 32;

    /// <summary>Whether publishers answer conditional requests with 304. Default: true.</summary>
    public bool Conditional { get; init; } = true;

    /// <summary>
    /// Whether Azurite writes its request log (<c>--debug</c>), from which storage operations are counted. Default:
    /// true. Azurite formats and writes several lines per request as it serves it, which costs it about as much CPU
    /// as the storage work itself; without the log, operations are not counted and Azurite's CPU is its work alone.
    /// </summary>
    public bool RequestLog { get; init; } = true;

    /// <summary>
    /// Captures made first by a throwaway app on its own Azurite, so this process's code is compiled and tuned as in a
    /// worker that has been running for a while; nothing of them is counted. Default: 200.
    /// </summary>
    public int WarmupCaptures { get; init; } = 200;

    /// <summary>What the app logs to the console. Default: errors only.</summary>
    public LogLevel AppLogLevel { get; init; } = LogLevel.Error;
}

/// <summary>
/// <c>archive bench capture</c>: a private Azurite (request log on), publishers on loopback, and the Functions app in
/// the local runner over them. First captures go through the HTTP API as a client sends them, in batches; then the
/// clock moves past every article's next check and the re-check timer runs, so the same articles are re-checked
/// unchanged the way scheduled re-checks run in production. Each phase is measured end to end: throughput, time to a
/// recorded check, storage requests by kind (from Azurite's own log), CPU of the app and of Azurite.
/// </summary>
public static class CaptureBench
{
    /// <summary>The user agent of the benchmark's own storage requests (queue probes), left out of the counts.</summary>
    public const string ProbeAgent = "archive-bench-probe";

    // Midnight on the first of the month: the timers do not come round during a run. The benchmark runs the re-check
    // timer itself, and a fixity audit would add reads that belong to neither phase.
    private const string QuietSchedule = "0 0 0 1 * *";
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the benchmark; <paramref name="progress"/> hears what it is doing.</summary>
    public static async Task<CaptureBenchReport> RunAsync(CaptureBenchOptions options, TextWriter? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loadAtStart = MachineInfo.LoadAverage();
        var work = Directory.CreateTempSubdirectory("archive-bench-capture-");
        try
        {
            await using var publishers = await BenchPublisher.StartAsync(options.Pages, options.Publishers, options.Conditional, cancellationToken).ConfigureAwait(false);
            if (options.WarmupCaptures > 0)
            {
                await WarmUpAsync(options, publishers, progress, cancellationToken).ConfigureAwait(false);
            }

            var requestLog = options.RequestLog ? Path.Combine(work.FullName, "azurite-requests.log") : null;
            await using var azurite = await AzuriteProcess.StartAsync(options.RepositoryRoot, requestLog is null ? [] : ["--debug", requestLog], log: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
            var clock = new ShiftedClock();
            var settings = Settings(azurite, options);
            await using var host = await LocalFunctionsHost.StartAsync(
                new LocalHostOptions
                {
                    Settings = settings,
                    LogLevel = options.AppLogLevel,
                    ConfigureServices = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)),
                },
                cancellationToken).ConfigureAwait(false);
            progress?.WriteLine($"Azurite pid {azurite.ProcessId} (request log {(requestLog is null ? "off" : "on")}), {options.Publishers} publishers on port {publishers.Port}, app at {host.BaseAddress}");

            using var azuriteProcess = Process.GetProcessById(azurite.ProcessId);
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
            var session = new Session(host, new ArchiveApiClient(http), Probes(azurite, host), clock, azuriteProcess, requestLog, progress);
            var phaseLimit = TimeSpan.FromSeconds(120 + options.Captures);
            await session.SettleAsync(cancellationToken).ConfigureAwait(false);

            // First captures, submitted as a client would.
            var urls = Enumerable.Range(0, options.Captures).Select(n => publishers.ArticleUrl(n).AbsoluteUri).ToList();
            var first = await session.MarkAsync("first-start", cancellationToken).ConfigureAwait(false);
            var submission = await session.SubmitAsync(urls, cancellationToken).ConfigureAwait(false);
            await session.DrainAsync(phaseLimit, cancellationToken).ConfigureAwait(false);
            var firstEnd = await session.MarkAsync("first-end", cancellationToken).ConfigureAwait(false);
            var afterFirst = await session.ReadChecksAsync(submission.Ids, cancellationToken).ConfigureAwait(false);

            // Unchanged re-checks, as scheduled ones run: due by the clock, queued by the re-check timer.
            session.MakeDue(afterFirst);
            var recheck = await session.MarkAsync("recheck-start", cancellationToken).ConfigureAwait(false);
            var timerRanAt = clock.GetUtcNow();
            await session.RunRecheckTimerAsync(cancellationToken).ConfigureAwait(false);
            await session.DrainAsync(phaseLimit, cancellationToken).ConfigureAwait(false);
            var recheckEnd = await session.MarkAsync("recheck-end", cancellationToken).ConfigureAwait(false);
            var afterRecheck = await session.ReadChecksAsync(submission.Ids, cancellationToken).ConfigureAwait(false);

            RequestLog? log = null;
            if (requestLog is not null)
            {
                await AzuriteRequestLog.WaitForMarkAsync(requestLog, "recheck-end", recheckEnd.LogLength, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
                log = AzuriteRequestLog.Read(requestLog, ProbeAgent);
            }

            // One batch accepted with the app warm and the worker idle, after the counted phases (its articles are not theirs).
            var idle = await session.IdleBatchAsync(n => publishers.ArticleUrl(options.Captures + n).AbsoluteUri, options.Captures, phaseLimit, cancellationToken).ConfigureAwait(false);

            var firstPhase = Phase(
                options.Captures, submission.SentAt[0], first, firstEnd, log?.Between("first-start", "first-end"),
                afterFirst.Select((a, i) => a.First(CaptureTriggers.Submit) is { } check ? check with { Since = submission.SentAt[i] } : null),
                "POST /api/captures in batches, then the capture queue") with
            { Submission = submission.Report with { IdleBatch = idle } };
            var recheckPhase = Phase(
                options.Captures, timerRanAt, recheck, recheckEnd, log?.Between("recheck-start", "recheck-end"),
                afterRecheck.Select(a => a.First(CaptureTriggers.Recheck) is { } check ? check with { Since = timerRanAt } : null),
                "made due by moving the app's clock, queued by the RecheckTimer function, then the capture queue");
            azuriteProcess.Refresh();
            using var self = Process.GetCurrentProcess();
            return new CaptureBenchReport(
                options.Captures, options.Publishers, options.Pages.Count, options.Conditional, options.RequestLog, firstPhase, recheckPhase,
                new MemoryUse(self.PeakWorkingSet64, azuriteProcess.PeakWorkingSet64),
                new MachineInfo(Environment.ProcessorCount, loadAtStart, MachineInfo.LoadAverage()))
            {
                WarmupCaptures = options.WarmupCaptures,
            };
        }
        finally
        {
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder; the OS cleans it eventually.
            }
        }
    }

    private static Dictionary<string, string?> Settings(AzuriteProcess azurite, CaptureBenchOptions options)
    {
        var settings = LocalStack.SettingsFor(azurite);
        settings[RecheckOptions.ScheduleSetting] = QuietSchedule;
        settings[FixityAuditor.ScheduleSetting] = QuietSchedule;
        settings[$"{RecheckOptions.Section}:{nameof(RecheckOptions.MaxPerRun)}"] = $"{Math.Max(options.Captures, new RecheckOptions().MaxPerRun)}";
        return settings;
    }

    /// <summary>
    /// Captures <see cref="CaptureBenchOptions.WarmupCaptures"/> articles with a throwaway app on a throwaway Azurite
    /// and waits for each to be recorded: the code the measured app runs is then compiled and tuned, as in a worker
    /// that has been up for a while, and none of it reaches the measured Azurite or its log.
    /// </summary>
    private static async Task WarmUpAsync(CaptureBenchOptions options, BenchPublisher publishers, TextWriter? progress, CancellationToken cancellationToken)
    {
        await using var azurite = await AzuriteProcess.StartAsync(options.RepositoryRoot, [], log: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = Settings(azurite, options), LogLevel = options.AppLogLevel }, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var api = new ArchiveApiClient(http);
        var ids = new List<string>();
        foreach (var batch in Enumerable.Range(0, options.WarmupCaptures).Select(n => publishers.ArticleUrl(n).AbsoluteUri).Chunk(BatchSize(host)))
        {
            ids.AddRange(await PostAsync(api, batch, cancellationToken).ConfigureAwait(false));
        }

        foreach (var id in ids)
        {
            await api.WaitForCheckAsync(id, 0, TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        }

        progress?.WriteLine($"Warmed up: {ids.Count} captures by a throwaway app on its own Azurite (not counted).");
    }

    /// <summary>The most URLs the API takes in one request.</summary>
    private static int BatchSize(LocalFunctionsHost host) => host.Services.GetRequiredService<IOptions<CaptureOptions>>().Value.MaxBatchSize;

    /// <summary>POSTs one batch to /api/captures; answers the articles' ids in order.</summary>
    private static async Task<IEnumerable<string>> PostAsync(ArchiveApiClient api, string[] urls, CancellationToken cancellationToken)
    {
        var answer = await api.SendAsync(HttpMethod.Post, "api/captures", new { urls }, cancellationToken).ConfigureAwait(false);
        return answer.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
    }

    private static QueueClient[] Probes(AzuriteProcess azurite, LocalFunctionsHost host)
    {
        var client = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { Diagnostics = { ApplicationId = ProbeAgent } });
        return [.. host.Services.GetRequiredService<ResolvedStorageNames>().Queues.Select(client.GetQueueClient)];
    }

    // A phase runs from its first request to its last recorded check; its operations are those between its marks, the
    // second one sent once its queues were found empty, so the deletes of the last messages are in.
    private static PhaseReport Phase(
        int items, DateTimeOffset origin, Mark start, Mark end, IReadOnlyList<StorageOperation>? operations, IEnumerable<CheckSeen?> checks, string triggeredBy)
    {
        var recorded = checks.OfType<CheckSeen>().ToList();
        var seconds = recorded.Count == 0 ? (end.At - start.At).TotalSeconds : (recorded.Max(c => c.At) - origin).TotalSeconds;
        var azuriteSeconds = (end.AzuriteCpu - start.AzuriteCpu).TotalSeconds;
        return new PhaseReport(
            items,
            recorded.Count,
            seconds,
            seconds > 0 ? recorded.Count / seconds : 0,
            new SortedDictionary<string, int>(recorded.CountBy(c => c.Outcome).ToDictionary(), StringComparer.Ordinal),
            Distribution.Of(recorded.Select(c => (c.At - c.Since).TotalSeconds)),
            operations is null ? null : OperationCounts.Of([.. operations], items),
            new CpuUse((end.AppCpu - start.AppCpu).TotalSeconds, azuriteSeconds, azuriteSeconds * 1000 / Math.Max(items, 1)))
        {
            TriggeredBy = triggeredBy,
        };
    }

    /// <summary>A moment of the run: the real time, the CPU each process had used by then, and how long Azurite's log was.</summary>
    private sealed record Mark(DateTimeOffset At, TimeSpan AppCpu, TimeSpan AzuriteCpu, long LogLength);

    /// <summary>One check of an article, as the API lists it; <see cref="Since"/> is when the work on it was asked for.</summary>
    private sealed record CheckSeen(DateTimeOffset At, string Outcome, string? Trigger, bool WillRetry)
    {
        public DateTimeOffset Since { get; init; }
    }

    /// <summary>An article's checks and next check time, as the API lists them.</summary>
    private sealed record ArticleChecks(DateTimeOffset? NextCheckAt, IReadOnlyList<CheckSeen> Checks)
    {
        /// <summary>The earliest recorded check started by <paramref name="trigger"/> (not one that will be retried).</summary>
        public CheckSeen? First(string trigger) => Checks.Where(c => c.Trigger == trigger && !c.WillRetry).MinBy(c => c.At);
    }

    private sealed record Submission(IReadOnlyList<string> Ids, IReadOnlyList<DateTimeOffset> SentAt, SubmissionReport Report);

    /// <summary>The running parts and the steps of a run.</summary>
    private sealed class Session(
        LocalFunctionsHost host, ArchiveApiClient api, QueueClient[] probes, ShiftedClock clock, Process azurite, string? requestLog, TextWriter? progress)
    {
        /// <summary>Marks Azurite's request log (one request of the benchmark's own, by name) and notes the time and CPU use.</summary>
        public async Task<Mark> MarkAsync(string name, CancellationToken cancellationToken)
        {
            var logLength = requestLog is null ? 0 : new FileInfo(requestLog).Length;
            using (HttpPipeline.CreateClientRequestIdScope(AzuriteRequestLog.MarkPrefix + name))
            {
                await probes[0].GetPropertiesAsync(cancellationToken).ConfigureAwait(false);
            }

            azurite.Refresh();
            using var self = Process.GetCurrentProcess();
            return new Mark(TimeProvider.System.GetUtcNow(), self.TotalProcessorTime, azurite.TotalProcessorTime, logLength);
        }

        /// <summary>Waits until the app has created its queues and its listeners are polling, so start-up is not counted.</summary>
        public async Task SettleAsync(CancellationToken cancellationToken)
        {
            foreach (var queue in probes)
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        private const int IdleBatches = 5;

        /// <summary>
        /// Times the acceptance of batches of new URLs of the API's largest size (at most <paramref name="most"/>), one at
        /// a time with nothing else running, each waiting for the captures of the one before.
        /// </summary>
        public async Task<IdleBatch> IdleBatchAsync(Func<int, string> url, int most, TimeSpan limit, CancellationToken cancellationToken)
        {
            var size = Math.Min(most, BatchSize(host));
            var seconds = new List<double>();
            for (var round = 0; round < IdleBatches; round++)
            {
                var batch = Enumerable.Range(round * size, size).Select(url).ToArray();
                var sent = Stopwatch.StartNew();
                await PostAsync(api, batch, cancellationToken).ConfigureAwait(false);
                seconds.Add(sent.Elapsed.TotalSeconds);
                await DrainAsync(limit, cancellationToken).ConfigureAwait(false);
            }

            return new IdleBatch(size, Distribution.Of(seconds));
        }

        /// <summary>POSTs the URLs to /api/captures in batches of the API's largest size, one after another.</summary>
        public async Task<Submission> SubmitAsync(IReadOnlyList<string> urls, CancellationToken cancellationToken)
        {
            var size = BatchSize(host);
            var ids = new List<string>(urls.Count);
            var sentAt = new List<DateTimeOffset>(urls.Count);
            var accepted = new List<double>();
            foreach (var batch in urls.Chunk(size))
            {
                var sent = TimeProvider.System.GetUtcNow();
                var answered = await PostAsync(api, batch, cancellationToken).ConfigureAwait(false);
                accepted.Add((TimeProvider.System.GetUtcNow() - sent).TotalSeconds);
                foreach (var id in answered)
                {
                    ids.Add(id);
                    sentAt.Add(sent);
                }
            }

            progress?.WriteLine($"Submitted {urls.Count} URLs in {accepted.Count} batches; waiting for the captures.");
            return new Submission(ids, sentAt, new SubmissionReport(accepted.Count, size, Distribution.Of(accepted)));
        }

        /// <summary>Waits until every queue is empty (a message leaves its queue only once handled) and nothing runs.</summary>
        public async Task DrainAsync(TimeSpan limit, CancellationToken cancellationToken)
        {
            var waited = Stopwatch.StartNew();
            while (true)
            {
                var pending = 0;
                foreach (var queue in probes)
                {
                    pending += (await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
                }

                if (pending == 0 && host.IsIdle)
                {
                    return;
                }

                if (waited.Elapsed > limit)
                {
                    throw new TimeoutException($"{pending} capture messages were still queued after {limit.TotalSeconds:0} s.");
                }

                await Task.Delay(ProbeInterval, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Reads every article's checks through the API (between and after the measured phases).</summary>
        public async Task<IReadOnlyList<ArticleChecks>> ReadChecksAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var articles = new ArticleChecks[ids.Count];
            await Parallel.ForEachAsync(
                Enumerable.Range(0, ids.Count),
                new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (i, ct) =>
                {
                    var answer = await api.SendAsync(HttpMethod.Get, $"api/articles/{Uri.EscapeDataString(ids[i])}/checks?max=20", null, ct).ConfigureAwait(false);
                    var checks = answer.GetProperty("checks").EnumerateArray().Select(c => new CheckSeen(
                        c.GetProperty("at").GetDateTimeOffset(),
                        c.GetProperty("outcome").GetString() ?? "unknown",
                        c.TryGetProperty("trigger", out var trigger) ? trigger.GetString() : null,
                        c.TryGetProperty("willRetry", out var retry) && retry.ValueKind == JsonValueKind.True)).ToList();
                    articles[i] = new ArticleChecks(
                        answer.TryGetProperty("nextCheckAt", out var next) && next.ValueKind == JsonValueKind.String ? next.GetDateTimeOffset() : null, checks);
                }).ConfigureAwait(false);
            return articles;
        }

        /// <summary>Moves the app's clock just past the latest next-check time, so every scheduled article is due.</summary>
        public void MakeDue(IReadOnlyList<ArticleChecks> articles)
        {
            var now = clock.GetUtcNow();
            if (articles.Max(a => a.NextCheckAt) is { } latest && latest >= now)
            {
                clock.Advance(latest - now + TimeSpan.FromSeconds(1));
            }

            progress?.WriteLine($"Clock moved {clock.Offset.TotalMinutes:F1} minutes ahead; running the re-check timer.");
        }

        /// <summary>Runs the re-check timer function once, as its trigger would.</summary>
        public async Task RunRecheckTimerAsync(CancellationToken cancellationToken)
        {
            var timer = host.Functions.Single(f => f.Name == nameof(RecheckTimer));
            var now = clock.GetUtcNow().UtcDateTime;
            var info = new TimerInfo { IsPastDue = false, ScheduleStatus = new ScheduleStatus { Last = now, Next = now, LastUpdated = now } };
            await FunctionInvoker.InvokeAsync(host.Services, timer, info, new Dictionary<string, string?>(), cancellationToken).ConfigureAwait(false);
        }
    }
}
