using System.Text.Json;
using Archive.Cli.Batch;
using Archive.Local;
using Archive.Testing;

namespace Archive.Cli.Tests.Commands;

/// <summary><c>archive capture --from FILE</c> against the Functions app in the local runner.</summary>
public sealed class CaptureFromFileTests : IAsyncLifetime
{
    private LocalRunner _runner = null!;
    private string _folder = null!;

    private PageServer Pages => _runner.Pages;

    public async Task InitializeAsync()
    {
        _runner = await LocalRunner.StartAsync();
        _folder = Directory.CreateTempSubdirectory("archive-capture-from-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _runner.DisposeAsync();
    }

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync([.. args, "--api", _runner.Host.BaseAddress.AbsoluteUri], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_list_is_captured_concurrently_with_plain_progress_lines_a_summary_table_and_exit_one_when_any_failed()
    {
        var list = Write("urls.txt", $"""
            # morning list
            {Pages.Url("article-syria-2024.html").AbsoluteUri}

            {Pages.Url("article-hostile.html").AbsoluteUri}
            {Pages.Url("gone.html").AbsoluteUri}
            ftp://example.com/file
            {Pages.Url("article-syria-2024.html").AbsoluteUri}#comments
            """);
        var (exit, output, error) = await RunAsync("capture", "--from", list, "--concurrency", "3");
        Assert.True(exit == ExitCodes.Failed, output + error);

        var progress = output.Split('\n').Where(l => l.StartsWith('[')).ToList();
        Assert.Equal(5, progress.Count);
        Assert.Contains(progress, l => l.StartsWith("[5/5]", StringComparison.Ordinal));
        Assert.DoesNotContain("\r", output, StringComparison.Ordinal);

        var table = output[output.IndexOf("line  outcome", StringComparison.Ordinal)..];
        Assert.Matches(@"\n\s+2  captured\s+1  http://127\.0\.0\.1:\d+/article-syria-2024\.html", table);
        Assert.Matches(@"\n\s+5  http-4xx\s+-  \S+gone\.html\s+The server answered 404", table);
        Assert.Matches(@"\n\s+6  invalid\s+-  ftp://example\.com/file\s+\S", table);
        Assert.Matches(@"\n\s+7  duplicate\s+-  \S+  The same article as line 2", table);
        Assert.Contains("5 URL(s): 2 captured, 0 unchanged, 2 failed, 1 duplicate(s) skipped", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_csv_list_carries_tags_and_sources_and_json_lines_serve_scripts()
    {
        var csv = Write("urls.csv", $"""
            url,tags,source
            {Pages.Url("article-syria-2024-edited.html").AbsoluteUri},"syria;damascus","desk, night shift"
            "{Pages.Url("article-hostile.html").AbsoluteUri}",,
            """);
        var (exit, output, error) = await RunAsync("capture", "--from", csv, "--tag", "batch", "--json");
        Assert.True(exit == ExitCodes.Success, output + error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["result", "result", "summary"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.All(lines.Take(2), l => Assert.Equal("captured", l.GetProperty("outcome").GetString()));
        Assert.Equal(2, lines[2].GetProperty("captured").GetInt32());
        Assert.Equal(0, lines[2].GetProperty("failed").GetInt32());

        var id = lines.Single(l => l.TryGetProperty("line", out var n) && n.GetInt32() == 2).GetProperty("id").GetString()!;
        var (_, shown, _) = await RunAsync("show", id, "--json");
        var article = JsonDocument.Parse(shown).RootElement.GetProperty("article");
        Assert.Equal(["batch", "syria", "damascus"], article.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["desk, night shift"], article.GetProperty("sources").EnumerateArray().Select(t => t.GetString()));

        // Again: nothing changed, nothing failed.
        var (again, repeated, _) = await RunAsync("capture", "--from", csv, "--json");
        Assert.Equal(ExitCodes.Success, again);
        Assert.Contains("\"unchanged\":2", repeated.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_terminal_the_progress_bar_is_redrawn_in_place()
    {
        using var http = new HttpClient { BaseAddress = _runner.Host.BaseAddress };
        using var output = new StringWriter();
        var items = new[] { new CaptureItem(1, Pages.Url("article-syria-2024.html").AbsoluteUri, [], null), new CaptureItem(2, "ftp://x/", [], null) };
        var results = await new BatchCapture(new Client.ArchiveApiClient(http), output, BatchDisplay.ProgressBar, 2, TimeSpan.FromSeconds(60)).RunAsync(items);
        Assert.Equal(["captured", "invalid"], results.Select(r => r.Outcome));
        var text = output.ToString();
        Assert.StartsWith("\r[..............................] 0/2", text, StringComparison.Ordinal);
        Assert.Contains("\r[##############################] 2/2  captured 1  unchanged 0  failed 1", text, StringComparison.Ordinal);
        Assert.Contains("2 URL(s): 1 captured, 0 unchanged, 1 failed", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("both")]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("unclosed")]
    public async Task Unusable_input_exits_two(string what)
    {
        var args = what switch
        {
            "both" => new[] { "capture", "https://example.com/a", "--from", Write("a.txt", "https://example.com/b") },
            "missing" => ["capture", "--from", Path.Combine(_folder, "nope.txt")],
            "empty" => ["capture", "--from", Write("empty.txt", "# nothing\n\n")],
            _ => ["capture", "--from", Write("bad.csv", "url,tags\n\"https://example.com/a,x\n")],
        };
        var (exit, _, error) = await RunAsync(args);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.StartsWith("archive: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lists_are_read_as_plain_lines_or_as_csv_with_a_url_column()
    {
        var plain = CaptureList.Parse("\uFEFFhttps://a.example/1\r\n  # note\r\n\r\nhttps://a.example/2?x=1,2\n", ["t"], "s");
        Assert.Equal([(1, "https://a.example/1"), (4, "https://a.example/2?x=1,2")], plain.Select(i => (i.Line, i.Url)));
        Assert.All(plain, i => Assert.Equal(["t"], i.Tags));

        var csv = CaptureList.Parse("source,URL,tags\n\"Desk \"\"A\"\"\",https://a.example/1,one|two; three\n,https://a.example/2,\n");
        Assert.Equal("Desk \"A\"", csv[0].Source);
        Assert.Equal(["one", "two", "three"], csv[0].Tags);
        Assert.Null(csv[1].Source);
        Assert.Empty(csv[1].Tags);
    }
}
