using Archive.Local.Hosting;
using Archive.Local;
using Archive.Testing;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Tests.Commands;

/// <summary>history, diff, verify, recheck and extract, as a user runs them.</summary>
public sealed class HistoryCommandsTests : IAsyncLifetime
{
    private StorageScope _scope = null!;
    private PageServer _pages = null!;
    private LocalFunctionsHost _host = null!;
    private string _url = null!;

    public async Task InitializeAsync()
    {
        _scope = await StorageScope.CreateAsync();
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        _host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = _scope.Settings, LogLevel = LogLevel.Warning });
        _pages.SetFile("story", "article-syria-2024.html");
        _url = _pages.Url("story").AbsoluteUri;
        var (exit, _, error) = await RunAsync("capture", _url);
        Assert.True(exit == ExitCodes.Success, error);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--api", _host.BaseAddress.AbsoluteUri], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Recheck_history_diff_and_verify_tell_the_story_of_an_edit()
    {
        _pages.SetFile("story", "article-syria-2024-edited.html");
        var (recheck, said, _) = await RunAsync("recheck", _url);
        Assert.Equal(ExitCodes.Success, recheck);
        Assert.StartsWith("captured: Version 2 recorded.", said, StringComparison.Ordinal);

        var (history, timeline, _) = await RunAsync("history", _url);
        Assert.Equal(ExitCodes.Success, history);
        Assert.Contains("v2", timeline, StringComparison.Ordinal);
        Assert.Contains("edit: body, title, dates", timeline, StringComparison.Ordinal);
        Assert.Contains("title: \"Syrian rebels enter Damascus", timeline, StringComparison.Ordinal);

        var (diff, text, _) = await RunAsync("diff", _url, "1", "2");
        Assert.Equal(ExitCodes.Success, diff);
        Assert.Contains("roughly [-10-]{+25+} kilometres", text, StringComparison.Ordinal);

        var (found, verified, _) = await RunAsync("verify", _url, "--passage", "roughly 10 kilometres from the capital");
        Assert.Equal(ExitCodes.Success, found);
        Assert.StartsWith("FOUND", verified, StringComparison.Ordinal);
        Assert.Contains("It is not in version(s) 2", verified, StringComparison.Ordinal);
        Assert.Contains("paragraph proof: none. The passage is not one or more whole paragraphs", verified, StringComparison.Ordinal);

        var (missing, closest, _) = await RunAsync("verify", _url, "--passage", "roughly 99 kilometres from the capital");
        Assert.Equal(ExitCodes.Failed, missing);
        Assert.StartsWith("NOT FOUND", closest, StringComparison.Ordinal);
        Assert.Contains("Closest: version", closest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diff", "0")]
    [InlineData("verify", null)]
    public async Task Bad_arguments_exit_two(string command, string? extra)
    {
        var args = command == "diff" ? new[] { "diff", _url, extra!, "1" } : new[] { "verify", _url };
        var (exit, _, error) = await RunAsync(args);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("archive: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_reads_local_files_without_storage()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var seed = Path.Combine(SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024.html");
        var exit = await CliApp.RunAsync(["extract", seed, "--json"], output, error);
        Assert.Equal(ExitCodes.Success, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output.ToString());
        Assert.Contains("Sednaya prison", json.RootElement.GetProperty("articleBody").GetString(), StringComparison.Ordinal);
        Assert.Equal(seed, json.RootElement.GetProperty("file").GetString());

        var missing = await CliApp.RunAsync(["extract", "/no/such/file.html"], output, error);
        Assert.Equal(ExitCodes.InvalidInput, missing);
    }
}
