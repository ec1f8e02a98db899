using Archive.Testing;
using Archive.Testing.Warc;

namespace Archive.Cli.Tests.Commands;

/// <summary><c>archive export warc</c> as a user runs it, against the storage the app wrote, read back by warcio.</summary>
public sealed class ExportCommandTests : IAsyncLifetime
{
    private ApiStack _stack = null!;
    private string _dir = null!;
    private readonly List<string> _urls = [];

    public async Task InitializeAsync()
    {
        _dir = Directory.CreateTempSubdirectory("archive-export-").FullName;
        _stack = await ApiStack.StartAsync();
        foreach (var (name, file) in new[] { ("one", "article-syria-2024.html"), ("two", "article-syria-2024-edited.html") })
        {
            await _stack.CaptureAsync(name, file);
            _urls.Add(_stack.Pages.Url(name).AbsoluteUri);
        }
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(int Exit, string Output, string Error)> ExportAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["export", "warc", .. args, "--storage", _stack.Scope.Azurite.ConnectionString, "--prefix", _stack.Scope.Prefix], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Export_of_one_article_writes_a_warc_and_its_index()
    {
        var file = Path.Combine(_dir, "one.warc.gz");
        var (exit, said, error) = await ExportAsync(_urls[0], "--out", file);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("Wrote 5 WARC records of 1 article(s)", said, StringComparison.Ordinal);

        var result = await WarcCheck.RunAsync(file);
        Assert.True(result.Valid, string.Join('\n', result.Errors));
        Assert.Equal(["warcinfo", "request", "response", "metadata", "conversion"], result.Records.Select(r => r.Type));
        // The response under the page's SURT key, the sealed record and the text under their URNs: what warcio.js indexes.
        var index = await File.ReadAllLinesAsync(file + ".cdxj");
        Assert.Equal((await CdxjCheck.WarcioLinesAsync(file, "one.warc.gz")).Order(StringComparer.Ordinal), index);
        var line = Assert.Single(index, l => l.StartsWith("1,0,0,127:", StringComparison.Ordinal));
        Assert.Contains($"\"offset\":\"{result.Records[2].Offset}\"", line, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".partial"));
    }

    [Fact]
    public async Task Export_all_writes_every_article()
    {
        var file = Path.Combine(_dir, "all.warc.gz");
        var (exit, said, error) = await ExportAsync("--all", "--out", file);
        Assert.True(exit == ExitCodes.Success, error);
        Assert.Contains("of 2 article(s)", said, StringComparison.Ordinal);
        var result = await WarcCheck.RunAsync(file);
        Assert.True(result.Valid, string.Join('\n', result.Errors));
        Assert.Equal(_urls.Order(StringComparer.Ordinal), result.Records.Where(r => r.Type == "response").Select(r => r.Uri!).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await File.ReadAllLinesAsync(file + ".cdxj")).Count(l => l.StartsWith("1,0,0,127:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Export_as_wacz_packages_the_warc_its_index_and_pages()
    {
        var file = Path.Combine(_dir, "all.wacz");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["export", "wacz", "--all", "--out", file, "--storage", _stack.Scope.Azurite.ConnectionString, "--prefix", _stack.Scope.Prefix], output, error);
        Assert.True(exit == ExitCodes.Success, error.ToString());

        var (warc, files) = await WaczCheck.RunAsync(file);
        Assert.True(warc.Valid, string.Join('\n', warc.Errors));
        Assert.Equal(2, warc.Records.Count(r => r.Type == "response"));
        Assert.Equal(["archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl", "datapackage.json", "datapackage-digest.json"], files);
    }

    [Fact]
    public async Task Bad_input_gets_a_message_and_an_exit_code()
    {
        var (none, _, noneError) = await ExportAsync();
        Assert.Equal(ExitCodes.InvalidInput, none);
        Assert.Contains("--all", noneError, StringComparison.Ordinal);

        var (bad, _, badError) = await ExportAsync("not-a-url");
        Assert.Equal(ExitCodes.InvalidInput, bad);
        Assert.Contains("neither an article id", badError, StringComparison.Ordinal);

        using var output = new StringWriter();
        using var error = new StringWriter();
        var badStorage = await CliApp.RunAsync(["export", "warc", "--all", "--storage", "AccountName=x;AccountKey=not base64!;BlobEndpoint=http://127.0.0.1:1/x"], output, error);
        Assert.Equal(ExitCodes.InvalidInput, badStorage);
        Assert.Contains("connection string is not valid", error.ToString(), StringComparison.Ordinal);

        var (missing, _, missingError) = await ExportAsync("0123456789abcdef0123456789abcdef", "--out", Path.Combine(_dir, "missing.warc.gz"));
        Assert.Equal(ExitCodes.NotFound, missing);
        Assert.Contains("not found", missingError, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "missing.warc.gz")));
    }
}
