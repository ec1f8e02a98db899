using System.IO.Compression;
using System.Text.Json;
using Archive.Testing;

namespace Archive.Cli.Tests.Bench;

/// <summary><c>archive bench capture</c> end to end on a tiny folder of pages: its own Azurite, publishers and app.</summary>
public sealed class CaptureBenchCommandTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("archive-capture-bench-").FullName;

    public CaptureBenchCommandTests()
    {
        // Pages laid out like the extraction benchmark's folder: gzipped and plain.
        var html = Directory.CreateDirectory(Path.Combine(_data, "html")).FullName;
        var seeds = Path.Combine(SharedAzurite.RepositoryRoot, "seeds");
        foreach (var name in new[] { "article-syria-2024", "article-syria-2024-edited" })
        {
            using var output = new GZipStream(File.Create(Path.Combine(html, name + ".html.gz")), CompressionLevel.Fastest);
            output.Write(File.ReadAllBytes(Path.Combine(seeds, name + ".html")));
        }

        File.Copy(Path.Combine(seeds, "article-hostile.html"), Path.Combine(html, "article-hostile.html"));
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["bench", "capture", .. args], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Twenty_captures_from_three_publishers_are_all_recorded_then_re_checked_unchanged_with_storage_operations_counted_by_kind()
    {
        var (exit, said, error) = await RunAsync("--captures", "20", "--publishers", "3", "--data", _data, "--warmup", "5", "--json");
        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {error}{said}");
        using var json = JsonDocument.Parse(said);
        var report = json.RootElement;
        Assert.Equal(20, report.GetProperty("captures").GetInt32());
        Assert.Equal(3, report.GetProperty("publishers").GetInt32());
        Assert.Equal(3, report.GetProperty("pages").GetInt32());
        Assert.Equal(5, report.GetProperty("warmupCaptures").GetInt32());

        var first = report.GetProperty("firstCaptures");
        Assert.Equal(20, first.GetProperty("recorded").GetInt32());
        Assert.Equal(20, first.GetProperty("outcomes").GetProperty("captured").GetInt32());
        Assert.Equal(1, first.GetProperty("submission").GetProperty("batches").GetInt32());
        var idle = first.GetProperty("submission").GetProperty("idleBatch");
        Assert.Equal(20, idle.GetProperty("urls").GetInt32());
        Assert.InRange(idle.GetProperty("acceptSeconds").GetProperty("p50").GetDouble(), 0.0001, 60);
        AssertPhase(first);
        var firstKinds = first.GetProperty("operations").GetProperty("perItemByKind");
        Assert.True(firstKinds.GetProperty("blob upload").GetDouble() >= 1, "every first capture stores its original");
        Assert.True(firstKinds.GetProperty("queue put").GetDouble() >= 1, "every submission queues its capture");
        Assert.True(firstKinds.GetProperty("queue get").GetDouble() > 0, "the worker takes messages from the queue");
        Assert.True(firstKinds.GetProperty("queue delete").GetDouble() >= 1, "the worker deletes each handled message");

        // The publishers answer the re-checks' conditional requests with 304; nothing new is stored.
        var recheck = report.GetProperty("rechecks");
        Assert.Equal(20, recheck.GetProperty("recorded").GetInt32());
        Assert.Equal(20, recheck.GetProperty("outcomes").GetProperty("not-modified").GetInt32());
        AssertPhase(recheck);
        var recheckKinds = recheck.GetProperty("operations").GetProperty("perItemByKind");
        Assert.True(recheckKinds.GetProperty("queue put").GetDouble() >= 1, "the re-check timer queues each due article");
        Assert.False(recheckKinds.TryGetProperty("blob upload", out _), "an unchanged re-check writes no blob");
        Assert.True(first.GetProperty("operations").GetProperty("perItem").GetDouble() > recheck.GetProperty("operations").GetProperty("perItem").GetDouble());

        Assert.True(report.GetProperty("peakWorkingSet").GetProperty("appBytes").GetInt64() > 0);
        Assert.True(report.GetProperty("peakWorkingSet").GetProperty("azuriteBytes").GetInt64() > 0);
    }

    [Fact]
    public async Task Without_Azurites_request_log_every_capture_and_re_check_is_still_recorded_and_the_report_says_operations_were_not_counted()
    {
        var (exit, said, error) = await RunAsync("--captures", "6", "--publishers", "2", "--data", _data, "--request-log", "false", "--warmup", "0");
        Assert.True(exit == ExitCodes.Success, $"exit {exit}: {error}{said}");
        Assert.Contains("request log off", said, StringComparison.Ordinal);
        Assert.Contains("6 of 6 recorded", said, StringComparison.Ordinal);
        Assert.Contains("no warm-up (--warmup 0)", said, StringComparison.Ordinal);
        Assert.Equal(2, said.Split('\n').Count(l => l.Contains("storage operations: not counted (Azurite's request log off)", StringComparison.Ordinal)));
        Assert.DoesNotContain("storage operations per item", said, StringComparison.Ordinal);
        Assert.Contains("Azurite's CPU figures are its storage work alone", said, StringComparison.Ordinal);
    }

    private static void AssertPhase(JsonElement phase)
    {
        Assert.True(phase.GetProperty("perSecond").GetDouble() > 0);
        var latency = phase.GetProperty("latencySeconds");
        Assert.True(latency.GetProperty("p50").GetDouble() > 0);
        Assert.True(latency.GetProperty("p50").GetDouble() <= latency.GetProperty("p95").GetDouble());
        Assert.True(latency.GetProperty("p95").GetDouble() <= latency.GetProperty("max").GetDouble());
        var operations = phase.GetProperty("operations");
        var byOperation = operations.GetProperty("byOperation").EnumerateObject().Sum(o => o.Value.GetInt32());
        Assert.True(byOperation > 0);
        Assert.Equal(operations.GetProperty("total").GetInt32(), byOperation);
        Assert.Equal(operations.GetProperty("perItem").GetDouble(), operations.GetProperty("perItemByKind").EnumerateObject().Sum(k => k.Value.GetDouble()), 6);
        Assert.True(phase.GetProperty("cpu").GetProperty("azuriteSeconds").GetDouble() > 0);
        Assert.True(phase.GetProperty("cpu").GetProperty("appSeconds").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--captures", "0", "--captures must be 1 to 100,000.")]
    [InlineData("--captures", "100001", "--captures must be 1 to 100,000.")]
    [InlineData("--publishers", "0", "--publishers must be 1 to 250.")]
    [InlineData("--publishers", "251", "--publishers must be 1 to 250.")]
    [InlineData("--warmup", "-1", "--warmup must be 0 to 100,000.")]
    public async Task Out_of_range_options_exit_2_with_the_allowed_range(string option, string value, string message)
    {
        var (exit, _, error) = await RunAsync(option, value, "--data", _data);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_folder_without_pages_exits_2_naming_it()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_data, "empty")).FullName;
        var (exit, _, error) = await RunAsync("--data", empty);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains($"'{empty}' has no html/ folder", error, StringComparison.Ordinal);

        Directory.CreateDirectory(Path.Combine(empty, "html"));
        (exit, _, error) = await RunAsync("--data", empty);
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("has no .html or .html.gz files", error, StringComparison.Ordinal);
    }
}
