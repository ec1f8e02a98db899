using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Archive.Cli.Bench;
using Archive.Core.Activity;
using Archive.Local;
using Archive.Core.Capture;
using Archive.Core.Recheck;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive bench recheck</c>: what the re-check timer costs over a large archive (time and storage operations), and
/// what one unchanged re-check costs, measured on a private Azurite.
/// </summary>
public static class RecheckBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "Archived articles in the due-time index", DefaultValueFactory = _ => 100_000 };
        var dueCount = new Option<int>("--due") { Description = "How many of them are due now", DefaultValueFactory = _ => 1_000 };
        var command = new Command("recheck", "Measure the re-check timer over a large archive and the cost of an unchanged re-check") { articles, dueCount };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var total = parse.GetValue(articles);
            var due = parse.GetValue(dueCount);
            if (total is < 1 or > 10_000_000 || due < 0 || due > total)
            {
                throw new UsageException("--articles must be 1 to 10,000,000 and --due between 0 and --articles.");
            }

            return await RunAsync(parse.InvocationConfiguration.Output, total, due, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, int total, int dueNow, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var root = RepositoryPaths.RequireRoot();
        await using var azurite = await AzuriteProcess.StartAsync(root, log: output, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var pages = await PageServer.StartAsync(Path.Combine(root, "seeds"), cancellationToken).ConfigureAwait(false);
        var counter = new StorageOperationCounter();
        var services = await BenchServices.StartAsync(azurite, counter, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using (services.ConfigureAwait(false))
        {
            var time = services.GetRequiredService<TimeProvider>();
            var now = time.GetUtcNow();

            // The index as a real archive would hold it: every archived article has one next-check time.
            var load = Stopwatch.StartNew();
            var random = new Random(42);
            var entries = Enumerable.Range(0, total).Select(i =>
            {
                var url = UrlCanonicalizer.Canonicalize($"https://news.example/world/story-{i}");
                var dueAt = i < dueNow ? now - TimeSpan.FromMinutes(random.Next(1, 180)) : now + TimeSpan.FromMinutes(random.Next(5, 60 * 24 * 30));
                return new DueEntry(ArticleId.For(url), url.ToString(), dueAt);
            });
            await services.GetRequiredService<TableDueIndex>().AddAsync([.. entries], cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"Loaded {total:N0} articles into the due-time index ({dueNow:N0} due) in {load.Elapsed.TotalSeconds:F1} s.")).ConfigureAwait(false);

            counter.Reset();
            var run = Stopwatch.StartNew();
            var result = await services.GetRequiredService<DueRechecks>().EnqueueDueAsync(cancellationToken).ConfigureAwait(false);
            run.Stop();
            var operations = counter.Total;
            var described = Describe(counter);
            var queue = services.GetRequiredService<QueueServiceClient>().GetQueueClient(services.GetRequiredService<ResolvedStorageNames>().CaptureQueue);
            var queued = (await queue.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"Timer run over {total:N0} archived articles, {dueNow:N0} due:")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"  queued {result.Enqueued:N0} re-checks in {run.Elapsed.TotalSeconds:F2} s ({queued:N0} messages on the queue)")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"  storage operations: {operations:N0} ({described})")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"  per due article: {(result.Enqueued == 0 ? 0 : (double)operations / result.Enqueued):F2}; rows of articles not due read: 0 (partitions after now are never queried)")).ConfigureAwait(false);

            // One article captured, then re-checked while nothing changed.
            var capture = services.GetRequiredService<CaptureService>();
            var submissions = services.GetRequiredService<SubmissionService>();
            await output.WriteLineAsync().ConfigureAwait(false);
            foreach (var (label, conditional) in new[] { ("identical bytes, HTTP 200, no validators", false), ("conditional request answered 304", true) })
            {
                var path = conditional ? "bench/conditional" : "bench/plain";
                pages.Set(path, new ServedPage(await File.ReadAllBytesAsync(Path.Combine(root, "seeds", "article-syria-2024.html"), cancellationToken).ConfigureAwait(false)) { Conditional = conditional });
                var accepted = (await submissions.SubmitAsync([new CaptureSubmission(pages.Url(path).AbsoluteUri)], cancellationToken).ConfigureAwait(false))[0];
                var message = new CaptureMessage { ArticleId = accepted.Id.Value, Url = accepted.Url.ToString(), Trigger = CaptureTriggers.Recheck, RequestedAt = now };
                await capture.CaptureAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
                var activity = (TableActivityLog)services.GetRequiredService<IActivityLog>();
                await activity.FlushAsync().ConfigureAwait(false);
                counter.Reset();
                var recheck = await capture.CaptureAsync(message, cancellationToken: cancellationToken).ConfigureAwait(false);
                var (requests, kinds) = (counter.Total, Describe(counter));
                counter.Reset();
                await activity.FlushAsync().ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(c, $"Unchanged re-check ({label}): outcome {recheck.Outcome.ToCode()}, {requests} storage operations ({kinds}), no blob written; its activity entry: {counter.Total} more when written alone, a share of one when gathered with others")).ConfigureAwait(false);
            }
        }

        return ExitCodes.Success;
    }

    private static string Describe(StorageOperationCounter counter) =>
        string.Join(", ", counter.ByKind.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key} {k.Value:N0}")));
}
