using System.CommandLine;
using System.Text.Json;
using Archive.Cli.Client;
using Archive.Cli.Output;
using Archive.Core;
using Archive.Core.Urls;

namespace Archive.Cli.Commands;

/// <summary><c>archive capture URL</c>: submit a URL, wait for its capture, print what was archived.</summary>
public static class CaptureCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var url = new Argument<string>("url") { Description = "The article's URL (http or https)" };
        var tags = new Option<string[]>("--tag") { Description = "A tag for this capture (repeatable)", AllowMultipleArgumentsPerToken = false };
        var source = new Option<string?>("--source") { Description = "Where the article was found, or who asks" };
        var noWait = new Option<bool>("--no-wait") { Description = "Queue the capture and return at once" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the capture", DefaultValueFactory = _ => 120 };
        var command = new Command("capture", "Submit a URL, wait for its capture and print what was archived")
        {
            url, tags, source, noWait, timeout, CommonOptions.Api, CommonOptions.Key, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
            {
                var target = parse.GetValue(url)!;
                if (!UrlCanonicalizer.TryCanonicalize(target, out var canonical, out var error))
                {
                    throw new UsageException(error);
                }

                var (client, http) = CommonOptions.CreateClient(parse);
                using (http)
                {
                    return await RunAsync(client, canonical.ToString(), parse.GetValue(tags) ?? [], parse.GetValue(source), !parse.GetValue(noWait),
                        TimeSpan.FromSeconds(parse.GetValue(timeout)), parse.GetValue(CommonOptions.Json), output, cancellationToken).ConfigureAwait(false);
                }
            });
        });
        return command;
    }

    /// <summary>Submits, waits and prints; the exit code says whether the capture succeeded.</summary>
    public static async Task<int> RunAsync(
        ArchiveApiClient client, string url, IReadOnlyList<string> tags, string? source, bool wait, TimeSpan timeout, bool json, TextWriter output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        var checksBefore = 0;
        try
        {
            var existing = await client.FindArticleAsync(url, cancellationToken).ConfigureAwait(false);
            checksBefore = existing.GetProperty("checkCount").GetInt32();
        }
        catch (ApiProblemException ex) when (ex.Status == System.Net.HttpStatusCode.NotFound)
        {
            // A new article.
        }

        var accepted = await client.SubmitAsync(url, tags, source, cancellationToken).ConfigureAwait(false);
        var id = accepted.GetProperty("id").GetString()!;
        if (!wait)
        {
            await output.WriteLineAsync(json ? accepted.GetRawText() : $"Queued {id} ({accepted.GetProperty("url").GetString()})").ConfigureAwait(false);
            return ExitCodes.Success;
        }

        var head = await client.WaitForCheckAsync(id, checksBefore, timeout, cancellationToken).ConfigureAwait(false);
        var latest = head.GetProperty("latestVersion").GetInt32();
        JsonElement? version = latest > 0 ? await client.GetVersionAsync(id, latest, cancellationToken).ConfigureAwait(false) : null;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { article = head, version }, ArchiveJson.Indented)).ConfigureAwait(false);
        }
        else
        {
            ArticlePrinter.Print(output, head, version);
        }

        var outcome = head.GetProperty("lastOutcome").GetProperty("code").GetString();
        return outcome is "captured" or "unchanged" or "not-modified" or "noise" ? ExitCodes.Success : ExitCodes.Failed;
    }
}
