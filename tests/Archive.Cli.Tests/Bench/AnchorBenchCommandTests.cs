namespace Archive.Cli.Tests.Bench;

/// <summary><c>archive bench anchors</c> on a small interval: one request to the authority, one proof written per version.</summary>
public sealed class AnchorBenchCommandTests
{
    [Fact]
    public async Task One_run_asks_the_authority_once_and_writes_one_proof_per_version()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["bench", "anchors", "--versions", "40"], output, error);
        var text = output.ToString();
        Assert.True(exit == ExitCodes.Success, text + error);
        Assert.Contains("One anchoring run over 40 versions sealed in the interval: Anchored", text, StringComparison.Ordinal);
        Assert.Contains("requests to the timestamp authority: 1", text, StringComparison.Ordinal);
        Assert.Contains("storage writes: 42 = 40 proofs + 1 anchor (tree and token) + 1 state row; per version 1.050 (its proof: 1.000)", text, StringComparison.Ordinal);
        Assert.Contains("holds: True", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_count_out_of_range_is_bad_input()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(ExitCodes.InvalidInput, await CliApp.RunAsync(["bench", "anchors", "--versions", "0"], output, error));
    }
}
