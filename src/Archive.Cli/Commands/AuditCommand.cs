using System.CommandLine;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Fixity;
using Archive.Core.Urls;
using Archive.Functions;
using Archive.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive audit [ID|URL] [--all] [--json]</c>: the fixity audit, run directly against storage (it reads every
/// stored blob, which is no job for an HTTP request). Exits 1 when any item is missing or changed.
/// </summary>
public static class AuditCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var target = new Argument<string?>("id") { Description = "The article's id or URL (or --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Audit every article" };
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: Storage__ConnectionString or AzureWebJobsStorage)" };
        var command = new Command("audit", "Re-read stored originals, texts and records, re-hash them and record the results; exit 1 if any is missing or changed")
        {
            target, all, storage, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            try
            {
                return await RunAsync(parse, target, all, storage, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (new StorageFailureClassifier().IsStorageFailure(ex))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"archive: storage failed or is out of reach: {ex.Message.Split('\n')[0].Trim()}").ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        }));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, Argument<string?> target, Option<bool> all, Option<string?> storage, CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var given = parse.GetValue(target);
        if (parse.GetValue(all) == (given is not null))
        {
            throw new UsageException("Name one article (its id or URL) or pass --all.");
        }

        var connection = parse.GetValue(storage)
                         ?? Environment.GetEnvironmentVariable("Storage__ConnectionString")
                         ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException("Say which storage to audit: --storage, or Storage__ConnectionString / AzureWebJobsStorage ('archive serve' prints its Azurite's ports).");
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:ConnectionString"] = connection }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddArchiveFunctions(configuration).BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
            var auditor = services.GetRequiredService<FixityAuditor>();
            FixityReport? report;
            if (given is null)
            {
                report = await auditor.AuditAllAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                report = await auditor.AuditAsync(ParseArticle(given), cancellationToken).ConfigureAwait(false);
                if (report is null)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"archive: not found: no article {given}").ConfigureAwait(false);
                    return ExitCodes.NotFound;
                }
            }

            await (parse.GetValue(CommonOptions.Json) ? output.WriteLineAsync(JsonSerializer.Serialize(report, ArchiveJson.Indented)) : PrintAsync(output, report)).ConfigureAwait(false);
            return report.Passed ? ExitCodes.Success : ExitCodes.Failed;
        }
    }

    private static ArticleId ParseArticle(string value) =>
        ArticleId.TryParse(value, out var id) ? id
        : UrlCanonicalizer.TryCanonicalize(value, out var url, out _) ? ArticleId.For(url)
        : throw new UsageException($"'{value}' is neither an article id nor an http(s) URL.");

    private static async Task PrintAsync(TextWriter output, FixityReport report)
    {
        await output.WriteLineAsync($"Fixity audit {report.RunId} of {report.Scope}: {report.Articles} articles, {report.Versions} versions, {report.Items} items, {report.BlobsRead} blobs read").ConfigureAwait(false);
        foreach (var f in report.Failures)
        {
            var found = f.ActualSha256 is null ? string.Empty : $" (now hashes to {f.ActualSha256})";
            await output.WriteLineAsync($"FAILED  article {f.ArticleId} version {f.Version} {f.Kind.ToString().ToLowerInvariant()} {f.Sha256}: {f.Status.ToString().ToLowerInvariant()}{found}").ConfigureAwait(false);
        }

        await output.WriteLineAsync(report.Passed ? "All items intact." : $"{report.Failures.Count} item(s) missing or changed.").ConfigureAwait(false);
    }
}
