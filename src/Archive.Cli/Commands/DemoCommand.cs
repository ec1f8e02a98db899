using System.CommandLine;
using Archive.Cli.Client;
using Archive.Local;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive demo</c>: the whole pipeline on this machine. Starts Azurite, a page server for the seeds and the
/// Functions app; archives the seed article through the API and prints what was archived; then the publisher edits
/// the page, a re-check finds the edit, and the demo prints the change log, the diff and a verification of a quote;
/// last, it anchors both versions with a test timestamp authority, writes their evidence bundles and checks them offline.
/// </summary>
public static class DemoCommand
{
    /// <summary>The path the seed article is published at on the local page server.</summary>
    public const string ArticlePath = "world/story/syrian-rebels-enter-damascus-2646512";

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("demo", "Archive a seed article end to end on this machine (Azurite, page server, Functions app) and print the result")
        {
            CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
            {
                var json = parse.GetValue(CommonOptions.Json);
                var log = json ? TextWriter.Null : output;
                var root = RepositoryPaths.RequireRoot();
                await log.WriteLineAsync("Starting Azurite, the seed page server, a test timestamp authority and the Functions app on 127.0.0.1...").ConfigureAwait(false);
                await using var authority = await LocalTimestampAuthority.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                await using var stack = await LocalStack.StartAsync(root, log: log, settings: authority.AppSettings, cancellationToken: cancellationToken).ConfigureAwait(false);
                stack.Pages.SetFile(ArticlePath, "article-syria-2024.html");
                await log.WriteLineAsync($"  Azurite     pid {stack.Azurite.ProcessId}, blob/queue/table ports {stack.Azurite.BlobPort}/{stack.Azurite.QueuePort}/{stack.Azurite.TablePort}").ConfigureAwait(false);
                await log.WriteLineAsync($"  Publisher   {stack.Pages.BaseAddress} (serving seeds/)").ConfigureAwait(false);
                await log.WriteLineAsync($"  Archive API {stack.Host.BaseAddress}api/").ConfigureAwait(false);
                await log.WriteLineAsync($"  Timestamps  {authority.Url} (a test CA made for this run)").ConfigureAwait(false);

                // Submitted as a reader would paste it: with a campaign tag and a fragment, which canonicalization drops.
                var submitted = stack.Pages.Url(ArticlePath) + "?utm_source=newsletter&utm_medium=email#comments";
                await log.WriteLineAsync().ConfigureAwait(false);
                await log.WriteLineAsync($"POST /api/captures  {submitted}").ConfigureAwait(false);
                await log.WriteLineAsync().ConfigureAwait(false);
                using var http = new HttpClient { BaseAddress = stack.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                var client = new ArchiveApiClient(http);
                using var captureOutput = new StringWriter();
                var captured = await CaptureCommand.RunAsync(client, submitted, ["syria", "demo"], "archive demo", wait: true, TimeSpan.FromSeconds(60), json, captureOutput, cancellationToken).ConfigureAwait(false);
                if (!json)
                {
                    await output.WriteAsync(captureOutput.ToString()).ConfigureAwait(false);
                }

                if (captured != ExitCodes.Success)
                {
                    return captured;
                }

                var id = (await client.FindArticleAsync(submitted, cancellationToken).ConfigureAwait(false)).GetProperty("id").GetString()!;

                // The publisher edits the article: a new headline and a corrected paragraph.
                stack.Pages.SetFile(ArticlePath, "article-syria-2024-edited.html");
                await log.WriteLineAsync().ConfigureAwait(false);
                await log.WriteLineAsync("The publisher edits the page (seeds/article-syria-2024-edited.html). Re-checking:").ConfigureAwait(false);
                await log.WriteLineAsync($"POST /api/articles/{id}/recheck").ConfigureAwait(false);
                var accepted = await client.SendAsync(HttpMethod.Post, $"api/articles/{id}/recheck", new { }, cancellationToken).ConfigureAwait(false);
                var head = await client.WaitForCheckAsync(id, accepted.GetProperty("checkCount").GetInt32(), TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
                var outcome = head.GetProperty("lastOutcome");
                await log.WriteLineAsync($"  {outcome.GetProperty("code").GetString()}: {outcome.GetProperty("reason").GetString()}").ConfigureAwait(false);

                var versions = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/versions", null, cancellationToken).ConfigureAwait(false);
                var changes = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/changes", null, cancellationToken).ConfigureAwait(false);
                var checks = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/checks", null, cancellationToken).ConfigureAwait(false);
                var diff = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/diff?from=1&to=2", null, cancellationToken).ConfigureAwait(false);
                var quote = "the army withdrew from positions in the Damascus countryside roughly 10 kilometres from the capital";
                var verified = await client.SendAsync(HttpMethod.Post, "api/verify", new { articleId = id, passage = quote }, cancellationToken).ConfigureAwait(false);
                var chain = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/chain?content=true", null, cancellationToken).ConfigureAwait(false);
                using var anchorLog = new StringWriter();
                var evidence = await DemoEvidence.RunAsync(stack, authority, client, id, anchorLog, cancellationToken).ConfigureAwait(false);
                if (json)
                {
                    var captureJson = System.Text.Json.JsonDocument.Parse(captureOutput.ToString()).RootElement;
                    await output.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(new { capture = captureJson, recheck = head, versions, changes, diff, verification = verified, chain, evidence }, Archive.Core.ArchiveJson.Indented)).ConfigureAwait(false);
                    return evidence.All(e => e.Verified) ? ExitCodes.Success : ExitCodes.Failed;
                }

                await output.WriteLineAsync().ConfigureAwait(false);
                Output.HistoryPrinter.Print(output, versions, changes, checks);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"GET /api/articles/{id}/diff?from=1&to=2").ConfigureAwait(false);
                var text = diff.GetProperty("text").GetString()!;
                var header = text[..text.IndexOf("\n\n", StringComparison.Ordinal)];
                var changedParagraphs = text[(header.Length + 2)..].Split("\n\n").Where(p => p.Contains("[-", StringComparison.Ordinal) || p.Contains("{+", StringComparison.Ordinal));
                await output.WriteLineAsync(header).ConfigureAwait(false);
                await output.WriteLineAsync("(changed paragraphs only; archive diff ID 1 2 prints the whole text)").ConfigureAwait(false);
                foreach (var paragraph in changedParagraphs)
                {
                    await output.WriteLineAsync("  " + paragraph).ConfigureAwait(false);
                }

                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"POST /api/verify  \"{quote}\"").ConfigureAwait(false);
                Output.HistoryPrinter.PrintVerification(output, verified);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync($"GET /api/articles/{id}/chain?content=true  valid: {chain.GetProperty("valid").GetBoolean()}, {chain.GetProperty("versions").GetInt32()} versions, originals and texts re-hashed").ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteAsync(anchorLog.ToString()).ConfigureAwait(false);
                return evidence.All(e => e.Verified) ? ExitCodes.Success : ExitCodes.Failed;
            });
        });
        return command;
    }
}
