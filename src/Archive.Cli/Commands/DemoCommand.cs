using System.CommandLine;
using Archive.Cli.Client;
using Archive.Cli.Local;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive demo</c>: the whole pipeline on this machine. Starts Azurite, a page server for the seeds and the
/// Functions app, archives the seed article through the API, and prints what was archived.
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
                await log.WriteLineAsync("Starting Azurite, the seed page server and the Functions app on 127.0.0.1...").ConfigureAwait(false);
                await using var stack = await LocalStack.StartAsync(root, log: log, cancellationToken: cancellationToken).ConfigureAwait(false);
                stack.Pages.SetFile(ArticlePath, "article-syria-2024.html");
                await log.WriteLineAsync($"  Azurite     pid {stack.Azurite.ProcessId}, blob/queue/table ports {stack.Azurite.BlobPort}/{stack.Azurite.QueuePort}/{stack.Azurite.TablePort}").ConfigureAwait(false);
                await log.WriteLineAsync($"  Publisher   {stack.Pages.BaseAddress} (serving seeds/)").ConfigureAwait(false);
                await log.WriteLineAsync($"  Archive API {stack.Host.BaseAddress}api/").ConfigureAwait(false);

                // Submitted as a reader would paste it: with a campaign tag and a fragment, which canonicalization drops.
                var submitted = stack.Pages.Url(ArticlePath) + "?utm_source=newsletter&utm_medium=email#comments";
                await log.WriteLineAsync().ConfigureAwait(false);
                await log.WriteLineAsync($"POST /api/captures  {submitted}").ConfigureAwait(false);
                await log.WriteLineAsync().ConfigureAwait(false);
                using var http = new HttpClient { BaseAddress = stack.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                var client = new ArchiveApiClient(http);
                return await CaptureCommand.RunAsync(client, submitted, ["syria", "demo"], "archive demo", wait: true, TimeSpan.FromSeconds(60), json, output, cancellationToken).ConfigureAwait(false);
            });
        });
        return command;
    }
}
