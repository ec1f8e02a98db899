using Archive.Local.Hosting;
using Archive.Local;
using Archive.Testing;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Tests.Commands;

/// <summary>The command line against the Functions app in the local runner: output for people and scripts, and exit codes.</summary>
public sealed class CaptureAndShowCommandTests : IAsyncLifetime
{
    private StorageScope _scope = null!;
    private PageServer _pages = null!;
    private LocalFunctionsHost _host = null!;

    public async Task InitializeAsync()
    {
        _scope = await StorageScope.CreateAsync();
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        _host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = _scope.Settings, LogLevel = LogLevel.Warning });
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
    public async Task Capture_prints_what_was_archived_and_exits_zero()
    {
        var (exit, output, error) = await RunAsync("capture", _pages.Url("article-syria-2024.html").AbsoluteUri, "--tag", "syria", "--source", "cli test");
        Assert.True(exit == ExitCodes.Success, error);
        foreach (var expected in new[] { "Article:", "captured", "SHA-256:", "original bytes", "normalized text", "Title:", "Syrian rebels enter Damascus", "Authors:     Aditi Rao", "Site:        The Meridian Ledger", "Headers:", "ETag:", "The Syrian rebel forces" })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Capture_and_show_print_json_for_scripts()
    {
        var (exit, output, _) = await RunAsync("capture", _pages.Url("article-syria-2024-edited.html").AbsoluteUri, "--json");
        Assert.Equal(ExitCodes.Success, exit);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var id = json.RootElement.GetProperty("article").GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", json.RootElement.GetProperty("version").GetProperty("originalSha256").GetString()!);

        var (showExit, shown, _) = await RunAsync("show", id, "--json");
        Assert.Equal(ExitCodes.Success, showExit);
        using var again = System.Text.Json.JsonDocument.Parse(shown);
        Assert.StartsWith("Syrian rebels take Damascus", again.RootElement.GetProperty("version").GetProperty("metadata").GetProperty("title").GetString(), StringComparison.Ordinal);

        var (byUrl, _, _) = await RunAsync("show", _pages.Url("article-syria-2024-edited.html").AbsoluteUri);
        Assert.Equal(ExitCodes.Success, byUrl);
    }

    [Fact]
    public async Task Capture_of_a_missing_page_exits_one_with_the_reason()
    {
        var (exit, output, _) = await RunAsync("capture", _pages.Url("no-such-page.html").AbsoluteUri);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("http-4xx", output, StringComparison.Ordinal);
        Assert.Contains("404", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("capture", "not a url")]
    [InlineData("capture", "ftp://example.com/x")]
    [InlineData("show", "neither-an-id-nor-a-url")]
    public async Task Invalid_input_exits_two_with_a_message(string command, string value)
    {
        var (exit, _, error) = await RunAsync(command, value);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("archive: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_of_an_unknown_article_exits_three()
    {
        var (exit, _, error) = await RunAsync("show", "0123456789abcdef0123456789abcdef");
        Assert.Equal(ExitCodes.NotFound, exit);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_api_exits_four()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["show", "0123456789abcdef0123456789abcdef", "--api", $"http://127.0.0.1:{FreePort.Next()}/"], output, error);
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("cannot reach the API", error.ToString(), StringComparison.Ordinal);
    }
}
