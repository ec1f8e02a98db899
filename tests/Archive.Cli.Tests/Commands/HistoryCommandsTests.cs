using Archive.Testing;

namespace Archive.Cli.Tests.Commands;

/// <summary>history, diff, verify, recheck and extract, as a user runs them.</summary>
public sealed class HistoryCommandsTests : IAsyncLifetime
{
    private CapturedStory _story = null!;

    public async Task InitializeAsync() => _story = await CapturedStory.StartAsync();

    public async Task DisposeAsync()
    {
        await _story.DisposeAsync();
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--api", _story.Host.BaseAddress.AbsoluteUri], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Recheck_history_diff_and_verify_tell_the_story_of_an_edit()
    {
        _story.Pages.SetFile("story", "article-syria-2024-edited.html");
        var (recheck, said, _) = await RunAsync("recheck", _story.Url);
        Assert.Equal(ExitCodes.Success, recheck);
        Assert.StartsWith("captured: Version 2 recorded.", said, StringComparison.Ordinal);

        var (history, timeline, _) = await RunAsync("history", _story.Url);
        Assert.Equal(ExitCodes.Success, history);
        Assert.Contains("v2", timeline, StringComparison.Ordinal);
        Assert.Contains("edit: body, title, dates", timeline, StringComparison.Ordinal);
        Assert.Contains("title: \"Syrian rebels enter Damascus", timeline, StringComparison.Ordinal);

        var (diff, text, _) = await RunAsync("diff", _story.Url, "1", "2");
        Assert.Equal(ExitCodes.Success, diff);
        Assert.Contains("roughly [-10-]{+25+} kilometres", text, StringComparison.Ordinal);

        var (found, verified, _) = await RunAsync("verify", _story.Url, "--passage", "roughly 10 kilometres from the capital");
        Assert.Equal(ExitCodes.Success, found);
        Assert.StartsWith("FOUND", verified, StringComparison.Ordinal);
        Assert.Contains("It is not in version(s) 2", verified, StringComparison.Ordinal);
        Assert.Contains("paragraph proof: none. The passage is not one or more whole paragraphs", verified, StringComparison.Ordinal);

        var (missing, closest, _) = await RunAsync("verify", _story.Url, "--passage", "roughly 99 kilometres from the capital");
        Assert.Equal(ExitCodes.Failed, missing);
        Assert.StartsWith("NOT FOUND", closest, StringComparison.Ordinal);
        Assert.Contains("Closest: version", closest, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("diff", "0")]
    [InlineData("verify", null)]
    public async Task Bad_arguments_exit_two(string command, string? extra)
    {
        var args = command == "diff" ? new[] { "diff", _story.Url, extra!, "1" } : new[] { "verify", _story.Url };
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
