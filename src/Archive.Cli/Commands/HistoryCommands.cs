using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Archive.Cli.Client;
using Archive.Cli.Output;
using Archive.Core;
using Archive.Core.Urls;

namespace Archive.Cli.Commands;

/// <summary>The edit-tracking commands: <c>history</c>, <c>diff</c>, <c>verify</c>, <c>recheck</c>.</summary>
public static class HistoryCommands
{
    /// <summary><c>archive history ID|URL</c>: the timeline and the change log.</summary>
    public static Command History()
    {
        var target = new Argument<string>("article") { Description = "The article's id, or its URL" };
        var command = new Command("history", "Print an article's versions and change log") { target, CommonOptions.Api, CommonOptions.Key, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => Run(parse, async (client, output) =>
        {
            var id = await ResolveAsync(client, parse.GetValue(target)!, cancellationToken).ConfigureAwait(false);
            var versions = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/versions", null, cancellationToken).ConfigureAwait(false);
            var changes = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/changes", null, cancellationToken).ConfigureAwait(false);
            var checks = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/checks?max=20", null, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(CommonOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { versions, changes, checks }, ArchiveJson.Indented)).ConfigureAwait(false);
            }
            else
            {
                HistoryPrinter.Print(output, versions, changes, checks);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>archive diff ID|URL A B</c>: the word diff between two versions.</summary>
    public static Command Diff()
    {
        var target = new Argument<string>("article") { Description = "The article's id, or its URL" };
        var from = new Argument<int>("from") { Description = "The older version" };
        var to = new Argument<int>("to") { Description = "The newer version" };
        var command = new Command("diff", "Print the word-level diff between two versions ([-removed-] {+added+})") { target, from, to, CommonOptions.Api, CommonOptions.Key, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => Run(parse, async (client, output) =>
        {
            var (a, b) = (parse.GetValue(from), parse.GetValue(to));
            if (a < 1 || b < 1)
            {
                throw new UsageException("Version numbers start at 1.");
            }

            var id = await ResolveAsync(client, parse.GetValue(target)!, cancellationToken).ConfigureAwait(false);
            var diff = await client.SendAsync(HttpMethod.Get, string.Create(CultureInfo.InvariantCulture, $"api/articles/{id}/diff?from={a}&to={b}"), null, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(parse.GetValue(CommonOptions.Json) ? JsonSerializer.Serialize(diff, ArchiveJson.Indented) : diff.GetProperty("text").GetString()).ConfigureAwait(false);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary><c>archive verify ID|URL (--passage TEXT | --sha256 HEX | --file PATH)</c>, or offline <c>archive verify --bundle FILE</c>.</summary>
    public static Command Verify()
    {
        var target = new Argument<string?>("article") { Description = "The article's id, or its URL (omit for --bundle, --paragraph-proof or --wacz)", Arity = ArgumentArity.ZeroOrOne };
        var passage = new Option<string?>("--passage") { Description = "A passage of text to look for" };
        var file = new Option<string?>("--file") { Description = "Read the passage from this file ('-' for standard input)" };
        var sha = new Option<string?>("--sha256") { Description = "A SHA-256 of original bytes, normalized text, clean text or a version record" };
        var command = new Command("verify", "Say which versions hold a passage or a hash, and when, with the evidence; or check an evidence bundle, a paragraph proof or a WACZ offline")
        {
            target, passage, file, sha, BundleVerification.Bundle, BundleVerification.Original, BundleVerification.Text, BundleVerification.TrustRoots, CommonOptions.Api, CommonOptions.Key, CommonOptions.Json,
        };
        command.WithOfflineModes();
        command.SetAction((parse, cancellationToken) => parse.GetValue(BundleVerification.Bundle) is not null
            ? BundleVerification.RunAsync(parse, cancellationToken)
            : OfflineVerification.TryRun(parse, cancellationToken) ?? Run(parse, async (client, output) =>
        {
            var value = parse.GetValue(target) ?? throw new UsageException("Name the article (id or URL), or check a file offline with --bundle FILE, --paragraph-proof FILE or --wacz FILE.");
            var text = parse.GetValue(passage);
            if (parse.GetValue(file) is { } path)
            {
                text = path == "-" ? await Console.In.ReadToEndAsync(cancellationToken).ConfigureAwait(false)
                    : File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)
                    : throw new UsageException($"'{path}' does not exist.");
            }

            var hash = parse.GetValue(sha);
            if (string.IsNullOrWhiteSpace(text) == string.IsNullOrWhiteSpace(hash))
            {
                throw new UsageException("Give exactly one of --passage, --file or --sha256.");
            }

            object request = ArticleId.TryParse(value, out var id)
                ? new { articleId = id.Value, passage = text, sha256 = hash }
                : new { url = value, passage = text, sha256 = hash };
            var result = await client.SendAsync(HttpMethod.Post, "api/verify", request, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(CommonOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, ArchiveJson.Indented)).ConfigureAwait(false);
            }
            else
            {
                HistoryPrinter.PrintVerification(output, result);
            }

            return result.GetProperty("found").GetBoolean() ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    /// <summary><c>archive recheck ID|URL</c>: re-check now and print what the check found.</summary>
    public static Command Recheck()
    {
        var target = new Argument<string>("article") { Description = "The article's id, or its URL" };
        var noWait = new Option<bool>("--no-wait") { Description = "Queue the re-check and return at once" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the check", DefaultValueFactory = _ => 120 };
        var command = new Command("recheck", "Re-check an article now and print what the check found") { target, noWait, timeout, CommonOptions.Api, CommonOptions.Key, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) => Run(parse, async (client, output) =>
        {
            var id = await ResolveAsync(client, parse.GetValue(target)!, cancellationToken).ConfigureAwait(false);
            var accepted = await client.SendAsync(HttpMethod.Post, $"api/articles/{id}/recheck", new { }, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(noWait))
            {
                await output.WriteLineAsync($"Queued a re-check of {id}.").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var head = await client.WaitForCheckAsync(id, accepted.GetProperty("checkCount").GetInt32(), TimeSpan.FromSeconds(parse.GetValue(timeout)), cancellationToken).ConfigureAwait(false);
            var outcome = head.GetProperty("lastOutcome");
            if (parse.GetValue(CommonOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(head, ArchiveJson.Indented)).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{outcome.GetProperty("code").GetString()}: {outcome.GetProperty("reason").GetString()}").ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Latest version: {head.GetProperty("latestVersion").GetInt32()}; next check: {(head.TryGetProperty("nextCheckAt", out var next) ? next.ToString() : "none")}")).ConfigureAwait(false);
            }

            var code = outcome.GetProperty("code").GetString();
            return code is "captured" or "unchanged" or "not-modified" or "noise" ? ExitCodes.Success : ExitCodes.Failed;
        }));
        return command;
    }

    /// <summary>The article id for an id or a URL (looked up through the API).</summary>
    public static async Task<string> ResolveAsync(ArchiveApiClient client, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (ArticleId.TryParse(value, out var id))
        {
            return id.Value;
        }

        if (!UrlCanonicalizer.TryCanonicalize(value, out var url, out _))
        {
            throw new UsageException($"'{value}' is neither an article id (32 hex characters) nor an http(s) URL.");
        }

        var head = await client.FindArticleAsync(url.ToString(), cancellationToken).ConfigureAwait(false);
        return head.GetProperty("id").GetString()!;
    }

    private static Task<int> Run(ParseResult parse, Func<ArchiveApiClient, TextWriter, Task<int>> body) =>
        CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var (client, http) = CommonOptions.CreateClient(parse);
            using (http)
            {
                return await body(client, parse.InvocationConfiguration.Output).ConfigureAwait(false);
            }
        });
}
