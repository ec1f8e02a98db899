using System.CommandLine;
using Archive.Cli.Client;

namespace Archive.Cli.Commands;

/// <summary>Options shared by the commands that talk to the API.</summary>
public static class CommonOptions
{
    /// <summary>The API's base address.</summary>
    public static Option<string> Api { get; } = new("--api")
    {
        Description = "Base address of the Archive API (env ARCHIVE_API; default http://127.0.0.1:7071/)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ARCHIVE_API") is { Length: > 0 } api ? api : "http://127.0.0.1:7071/",
    };

    /// <summary>The function key for write endpoints.</summary>
    public static Option<string?> Key { get; } = new("--key")
    {
        Description = "Function key for write endpoints (env ARCHIVE_FUNCTION_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ARCHIVE_FUNCTION_KEY"),
    };

    /// <summary>JSON output for scripts.</summary>
    public static Option<bool> Json { get; } = new("--json") { Description = "Print JSON for scripts instead of text for people" };

    /// <summary>A client for the API the options name.</summary>
    public static (ArchiveApiClient Client, HttpClient Http) CreateClient(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var value = parse.GetValue(Api);
        if (!Uri.TryCreate(value, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttp && api.Scheme != Uri.UriSchemeHttps))
        {
            throw new UsageException($"--api '{value}' is not an http(s) address such as http://127.0.0.1:7071/.");
        }

        var http = new HttpClient { BaseAddress = new Uri(api.AbsoluteUri.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(100) };
        return (new ArchiveApiClient(http, parse.GetValue(Key)), http);
    }
}
