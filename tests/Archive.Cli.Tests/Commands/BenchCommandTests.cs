using System.Text;
using System.Text.Json;

namespace Archive.Cli.Tests.Commands;

/// <summary><c>archive bench extraction</c> and <c>archive extract --explain</c> on small folders of their own (no benchmark data needed).</summary>
public sealed class BenchCommandTests : IDisposable
{
    private const string Article = "<html><head><title>Ferry | Courier</title></head><body><article><h1>Ferry</h1>" +
                                   "<p>The harbour authority confirmed on Tuesday that the new ferry terminal will open next spring, two years later than planned.</p>" +
                                   "<p>Passengers will keep using the old pier until then, and the timetable will not change before the summer season.</p>" +
                                   "<p>The authority said it would publish a new schedule for the remaining work in January, after checking the foundations.</p>" +
                                   "</article></body></html>";

    private readonly string _directory = Directory.CreateTempSubdirectory("archive-bench-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Folder(string name, string truth)
    {
        var folder = Path.Combine(_directory, name);
        Directory.CreateDirectory(Path.Combine(folder, "html"));
        File.WriteAllText(Path.Combine(folder, "html", "p1.html"), Article, Encoding.UTF8);
        File.WriteAllText(Path.Combine(folder, "html", "p2.html"), "<html><body><ul>" + string.Concat(Enumerable.Range(1, 30).Select(i => $"<li><a href=\"/{i}\">Story number {i} about the town council</a></li>")) + "</ul></body></html>", Encoding.UTF8);
        File.WriteAllText(Path.Combine(folder, "ground-truth.json"), truth, Encoding.UTF8);
        return folder;
    }

    [Fact]
    public async Task Bench_extraction_reads_several_folders_and_prints_quality_kinds_and_speed_for_each()
    {
        var first = Folder("alpha", "{\"p1\": {\"articleBody\": \"The harbour authority confirmed on Tuesday\", \"with\": [\"two years later\"], \"without\": [\"Courier\"]}, \"p2\": {\"articleBody\": \"\", \"pageType\": \"listing\"}}");
        var second = Folder("beta", "{\"p1\": {\"articleBody\": \"Nothing alike\"}, \"p2\": {\"articleBody\": \"Story number 1\"}}");
        var predictions = Path.Combine(_directory, "predictions");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["bench", "extraction", "--data", first, "--data", second, "--out", predictions, "--seconds", "0.05", "--warmup", "0"], output, error);

        Assert.True(exit == ExitCodes.Success, error.ToString());
        var text = output.ToString();
        Assert.Contains("== alpha: 2 pages", text, StringComparison.Ordinal);
        Assert.Contains("== beta: 2 pages", text, StringComparison.Ordinal);
        Assert.Contains("snippets 'with' 1.0000 over 1 pages", text, StringComparison.Ordinal);
        Assert.Contains("page kinds: 0 of 1 articles refused, 0 of 1 non-articles taken for articles", text, StringComparison.Ordinal);
        Assert.Contains("page kinds: 1 of 2 articles refused", text, StringComparison.Ordinal);
        Assert.Contains("refused p2: Index", text, StringComparison.Ordinal);
        Assert.Contains("token F1 0.000", text, StringComparison.Ordinal);
        Assert.Contains("slowest pages", text, StringComparison.Ordinal);
        Assert.Contains("pages/second", text, StringComparison.Ordinal);
        using var alpha = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(predictions, "alpha.json")));
        Assert.Contains("ferry terminal", alpha.RootElement.GetProperty("p1").GetProperty("articleBody").GetString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(predictions, "beta.json")));
    }

    [Fact]
    public async Task Bench_extraction_refuses_a_folder_without_pages_a_broken_ground_truth_and_a_file_for_several_predictions()
    {
        var folder = Folder("gamma", "{}");
        var file = Path.Combine(_directory, "taken.json");
        await File.WriteAllTextAsync(file, "{}");
        using var output = new StringWriter();
        using var error = new StringWriter();

        Assert.Equal(ExitCodes.InvalidInput, await CliApp.RunAsync(["bench", "extraction", "--data", _directory], output, error));
        Assert.Equal(ExitCodes.InvalidInput, await CliApp.RunAsync(["bench", "extraction", "--data", folder, "--data", folder, "--out", file], output, error));

        var broken = Folder("delta", "{\"p1\": ");
        Assert.Equal(ExitCodes.InvalidInput, await CliApp.RunAsync(["bench", "extraction", "--data", broken], output, error));
        Assert.Contains("not valid JSON", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_explain_traces_every_block_through_the_extractor()
    {
        var page = Path.Combine(_directory, "page.html");
        await File.WriteAllTextAsync(page, Article);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await CliApp.RunAsync(["extract", page, "--explain"], output, error);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("BODY ", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("K G ", output.ToString(), StringComparison.Ordinal);
    }
}
