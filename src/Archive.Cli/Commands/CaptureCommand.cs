using System.CommandLine;
using System.Text.Json;
using Archive.Cli.Batch;
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
        var url = new Argument<string?>("url") { Description = "The article's URL (http or https)", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<FileInfo?>("--from") { Description = "Capture every URL of a file: one a line, or CSV with a header naming url, tags (;-separated) and source" };
        var concurrency = new Option<int>("--concurrency") { Description = "With --from: how many captures are waited for at once (URLs are submitted a hundred to a request)", DefaultValueFactory = _ => 4 };
        var tags = new Option<string[]>("--tag") { Description = "A tag for this capture (repeatable)", AllowMultipleArgumentsPerToken = false };
        var source = new Option<string?>("--source") { Description = "Where the article was found, or who asks" };
        var noWait = new Option<bool>("--no-wait") { Description = "Queue the capture and return at once" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the capture", DefaultValueFactory = _ => 120 };
        var command = new Command("capture", "Submit a URL (or a file of them with --from), wait for the capture and print what was archived")
        {
            url, from, concurrency, tags, source, noWait, timeout, CommonOptions.Api, CommonOptions.Key, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
            {
                var target = parse.GetValue(url);
                var list = parse.GetValue(from);
                if ((target is null) == (list is null))
                {
                    throw new UsageException("Give either a URL or --from FILE.");
                }

                if (list is not null)
                {
                    return await RunListAsync(parse, list, parse.GetValue(tags) ?? [], parse.GetValue(source), parse.GetValue(concurrency), TimeSpan.FromSeconds(parse.GetValue(timeout)), output, cancellationToken).ConfigureAwait(false);
                }

                if (!UrlCanonicalizer.TryCanonicalize(target!, out var canonical, out var error))
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

    /// <summary>
    /// <c>capture --from FILE</c>: every URL of the file, several at once, with a progress bar on a terminal (plain lines
    /// otherwise, JSON lines with --json) and a summary table; exits 1 when any failed.
    /// </summary>
    private static async Task<int> RunListAsync(
        ParseResult parse, FileInfo file, IReadOnlyList<string> tags, string? source, int concurrency, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        if (concurrency is < 1 or > 64)
        {
            throw new UsageException("--concurrency must be between 1 and 64.");
        }

        IReadOnlyList<CaptureItem> items;
        try
        {
            items = CaptureList.Parse(await File.ReadAllTextAsync(file.FullName, cancellationToken).ConfigureAwait(false), tags, source);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new UsageException($"Cannot read {file.FullName}: {ex.Message}");
        }

        if (items.Count == 0)
        {
            throw new UsageException($"{file.FullName} lists no URL.");
        }

        // A progress bar only where someone watches it: a terminal, not a pipe or a file.
        var display = parse.GetValue(CommonOptions.Json) ? BatchDisplay.Json
            : ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected ? BatchDisplay.ProgressBar
            : BatchDisplay.Lines;
        var (client, http) = CommonOptions.CreateClient(parse);
        using (http)
        {
            var results = await new BatchCapture(client, output, display, concurrency, timeout).RunAsync(items, cancellationToken).ConfigureAwait(false);
            return results.Any(r => r.Failed) ? ExitCodes.Failed : ExitCodes.Success;
        }
    }

    /// <summary>Submits, waits and prints; the exit code says whether the capture succeeded.</summary>
    public static async Task<int> RunAsync(
        ArchiveApiClient client, string url, IReadOnlyList<string> tags, string? source, bool wait, TimeSpan timeout, bool json, TextWriter output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        var accepted = await client.SubmitAsync(url, tags, source, cancellationToken).ConfigureAwait(false);
        var id = accepted.GetProperty("id").GetString()!;
        var checksBefore = accepted.GetProperty("checkCount").GetInt32();
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
