using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Archive.Cli.Bench;
using Archive.Core.Activity;
using Archive.Core.Hashing;
using Archive.Core.Provenance;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Local;
using Archive.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive bench anchors</c>: what one anchoring run costs for the versions sealed in one interval (requests to the
/// authority, storage writes per version, time), on a private Azurite with the local timestamp authority.
/// </summary>
public static class AnchorBenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var versions = new Option<int>("--versions") { Description = "Versions sealed in the interval", DefaultValueFactory = _ => 1_000 };
        var command = new Command("anchors", "Seal versions, then run one anchoring: requests to the timestamp authority, storage writes per version, time") { versions };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var count = parse.GetValue(versions);
            if (count is < 1 or > 1_000_000)
            {
                throw new UsageException("--versions must be 1 to 1,000,000.");
            }

            return await RunAsync(parse.InvocationConfiguration.Output, count, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static async Task<int> RunAsync(TextWriter output, int count, CancellationToken cancellationToken)
    {
        var c = CultureInfo.InvariantCulture;
        var root = RepositoryPaths.RequireRoot();
        await using var azurite = await AzuriteProcess.StartAsync(root, log: output, cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var authority = await LocalTimestampAuthority.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var counter = new StorageOperationCounter();
        var services = await BenchServices.StartAsync(azurite, counter, authority.AppSettings, cancellationToken).ConfigureAwait(false);
        await using (services.ConfigureAwait(false))
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();

            // Each version committed as a capture commits it: the head, the version row and its activity entry.
            var seal = Stopwatch.StartNew();
            var store = services.GetRequiredService<IArticleStore>();
            await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (i, ct) =>
            {
                var url = UrlCanonicalizer.Canonicalize($"https://news.example/world/story-{i}");
                var at = now.AddMilliseconds(-count + i);
                var head = await store.AddHeadAsync(new ArticleHead { Id = ArticleId.For(url), Url = url.ToString(), SubmittedAt = at }, ct).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The bench's articles must be new.");
                var hash = ContentHash.OfText($"story {i}").Hex;
                var row = new VersionSummary
                {
                    Number = 1,
                    RecordSha256 = ContentHash.Of(Encoding.UTF8.GetBytes($"record of story {i}")).Hex,
                    TextSha256 = hash,
                    CleanTextSha256 = hash,
                    OriginalSha256 = hash,
                    FirstSeenAt = at,
                    LastSeenAt = at,
                };
                var check = new CheckRecord { At = at, Outcome = CaptureOutcome.Captured, Trigger = "submit", Version = 1 };
                await store.CommitAsync(new ArticleCommit(head.WithLatest(row) with { CheckCount = 1 }, check) { NewVersion = row }, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await ((TableActivityLog)services.GetRequiredService<IActivityLog>()).FlushAsync().ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"Sealed {count:N0} versions in {seal.Elapsed.TotalSeconds:F1} s.")).ConfigureAwait(false);

            counter.Reset();
            var run = Stopwatch.StartNew();
            var result = await services.GetRequiredService<AnchoringService>().RunAsync(cancellationToken).ConfigureAwait(false);
            run.Stop();
            var byKind = counter.ByKind;
            var writes = byKind.Where(k => !k.Key.EndsWith(" GET", StringComparison.Ordinal) && !k.Key.EndsWith(" HEAD", StringComparison.Ordinal)).Sum(k => k.Value);
            var proofs = byKind.GetValueOrDefault("blob PUT") - 1;
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"One anchoring run over {result.Versions:N0} versions sealed in the interval: {result.Outcome}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"  requests to the timestamp authority: {authority.Requests}")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"  storage operations: {counter.Total:N0} ({string.Join(", ", byKind.Select(k => string.Create(c, $"{k.Key} {k.Value:N0}")))})")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"  storage writes: {writes:N0} = {proofs:N0} proofs + 1 anchor (tree and token) + {writes - proofs - 1} state row; per version {(double)writes / Math.Max(1, result.Versions):F3} (its proof: {(double)proofs / Math.Max(1, result.Versions):F3})")).ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(c, $"  anchoring time: {run.Elapsed.TotalSeconds:F2} s")).ConfigureAwait(false);

            // A spot check: the last version's bundle verifies with the test CA.
            var last = ArticleId.For(UrlCanonicalizer.Canonicalize($"https://news.example/world/story-{count - 1}"));
            var anchors = services.GetRequiredService<IAnchorStore>();
            var proof = await anchors.GetProofAsync(last.Value, 1, cancellationToken).ConfigureAwait(false);
            var anchor = proof is null ? null : await anchors.GetAnchorAsync(proof.Root, cancellationToken).ConfigureAwait(false);
            var valid = proof is not null && anchor is not null
                && BundleVerifier.VerifyAnchor(proof.RecordSha256, EvidenceService.ToEvidence(proof, anchor)).All(s => s.Status == StepStatus.Pass);
            await output.WriteLineAsync(string.Create(c, $"  proof of the last version leads to the root and the token holds: {valid}")).ConfigureAwait(false);
            return result.Outcome == AnchorRunOutcome.Anchored && authority.Requests == 1 && valid ? ExitCodes.Success : ExitCodes.Failed;
        }
    }
}
