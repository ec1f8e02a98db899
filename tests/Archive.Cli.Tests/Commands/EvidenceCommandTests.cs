using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Provenance;
using Archive.Local;
using Archive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Cli.Tests.Commands;

/// <summary><c>archive evidence</c> against the local runner, and <c>archive verify --bundle</c> offline.</summary>
public sealed class EvidenceCommandTests : IAsyncLifetime
{
    private LocalTimestampAuthority _authority = null!;
    private LocalRunner _runner = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _authority = await LocalTimestampAuthority.StartAsync();
        _runner = await LocalRunner.StartAsync(_authority.AppSettings);
        _folder = Directory.CreateTempSubdirectory("archive-evidence-").FullName;
    }

    public async Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        await _runner.DisposeAsync();
        await _authority.DisposeAsync();
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string PathOf(string name) => Path.Combine(_folder, name);

    [Fact]
    public async Task A_downloaded_bundle_verifies_offline_step_by_step_and_a_changed_one_fails_its_step()
    {
        using var http = new HttpClient { BaseAddress = _runner.Host.BaseAddress };
        using var submitted = await http.PostAsJsonAsync("api/captures", new { url = _runner.Pages.Url("article-syria-2024.html").AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(http, id, 1);
        Assert.Equal(AnchorRunOutcome.Anchored, (await _runner.Host.Services.GetRequiredService<AnchoringService>().RunAsync()).Outcome);

        var bundle = PathOf("v1.json");
        var (exit, output, error) = await RunAsync("evidence", id, "1", "--out", bundle, "--api", _runner.Host.BaseAddress.AbsoluteUri);
        Assert.True(exit == ExitCodes.Success, output + error);
        Assert.Contains("anchored", output, StringComparison.Ordinal);
        await File.WriteAllBytesAsync(PathOf("original.html"), await http.GetByteArrayAsync($"api/articles/{id}/versions/1/original"));
        var version = await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/1");
        await File.WriteAllTextAsync(PathOf("text.txt"), version.GetProperty("text").GetString());
        await File.WriteAllTextAsync(PathOf("ca.pem"), _authority.Ca.RootPem);

        // Offline: the API is not named, and nothing else is needed.
        string[] check = ["verify", "--bundle", bundle, "--original", PathOf("original.html"), "--text", PathOf("text.txt"), "--trust-root", PathOf("ca.pem")];
        (exit, output, error) = await RunAsync(check);
        Assert.True(exit == ExitCodes.Success, output + error);
        foreach (var step in new[] { "record", "chain", "original", "text", "merkle", "token", "authority" })
        {
            Assert.Contains($"pass  {step}", output, StringComparison.Ordinal);
        }

        Assert.Contains("Verified:", output, StringComparison.Ordinal);

        var json = JsonNode.Parse(await File.ReadAllTextAsync(bundle))!;
        json["anchor"]!["treeSize"] = json["anchor"]!["treeSize"]!.GetValue<long>() + 1; // the proof of a one-leaf tree is empty
        await File.WriteAllTextAsync(bundle, json.ToJsonString());
        (exit, output, _) = await RunAsync(check);
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Contains("FAIL  merkle", output, StringComparison.Ordinal);
        Assert.Contains("pass  token", output, StringComparison.Ordinal);
        Assert.Contains("NOT verified: 1 step(s) failed.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_files_and_files_that_are_not_bundles_are_bad_input()
    {
        var (exit, _, error) = await RunAsync("verify", "--bundle", PathOf("none.json"));
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(PathOf("other.json"), "{\"hello\": 1}");
        (exit, _, error) = await RunAsync("verify", "--bundle", PathOf("other.json"));
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("Not an evidence bundle", error, StringComparison.Ordinal);

        await File.WriteAllTextAsync(PathOf("not-a-cert.pem"), "hello");
        (exit, _, error) = await RunAsync("verify", "--bundle", PathOf("other.json"), "--trust-root", PathOf("not-a-cert.pem"));
        Assert.Equal(ExitCodes.InvalidInput, exit);

        (exit, _, error) = await RunAsync("verify");
        Assert.Equal(ExitCodes.InvalidInput, exit);
        Assert.Contains("--bundle", error, StringComparison.Ordinal);
    }
}
