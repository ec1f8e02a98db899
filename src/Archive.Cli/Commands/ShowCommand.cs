using System.CommandLine;
using System.Text.Json;
using Archive.Cli.Output;
using Archive.Core;
using Archive.Core.Urls;

namespace Archive.Cli.Commands;

/// <summary><c>archive show ID|URL</c>: print an archived article and one of its versions.</summary>
public static class ShowCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var target = new Argument<string>("article") { Description = "The article's id, or its URL" };
        var versionOption = new Option<int?>("--version") { Description = "Which version to show (default: the latest)" };
        var command = new Command("show", "Print an archived article and one of its versions")
        {
            target, versionOption, CommonOptions.Api, CommonOptions.Key, CommonOptions.Json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
            {
                var value = parse.GetValue(target)!;
                var (client, http) = CommonOptions.CreateClient(parse);
                using (http)
                {
                    JsonElement head;
                    if (ArticleId.TryParse(value, out var id))
                    {
                        head = await client.GetArticleAsync(id.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
                    }
                    else if (UrlCanonicalizer.TryCanonicalize(value, out var url, out _))
                    {
                        head = await client.FindArticleAsync(url.ToString(), cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        throw new UsageException($"'{value}' is neither an article id (32 hex characters) nor an http(s) URL.");
                    }

                    var number = parse.GetValue(versionOption) ?? head.GetProperty("latestVersion").GetInt32();
                    if (number < 0)
                    {
                        throw new UsageException("--version must be 1 or more.");
                    }

                    JsonElement? version = number > 0
                        ? await client.GetVersionAsync(head.GetProperty("id").GetString()!, number, cancellationToken).ConfigureAwait(false)
                        : null;
                    if (parse.GetValue(CommonOptions.Json))
                    {
                        await output.WriteLineAsync(JsonSerializer.Serialize(new { article = head, version }, ArchiveJson.Indented)).ConfigureAwait(false);
                    }
                    else
                    {
                        ArticlePrinter.Print(output, head, version);
                    }

                    return ExitCodes.Success;
                }
            });
        });
        return command;
    }
}
