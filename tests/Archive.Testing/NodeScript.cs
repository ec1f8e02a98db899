using System.Diagnostics;

namespace Archive.Testing;

/// <summary>What a Node script printed; <see cref="Completed"/> is false when it had to be killed.</summary>
public sealed record NodeScriptResult(bool Completed, int ExitCode, string Output, string Error);

/// <summary>Runs a Node script of the repository (its packages come from the root <c>node_modules</c>) under a time limit.</summary>
public static class NodeScript
{
    /// <summary>Runs <c>node SCRIPT ARGS</c>; kills it, with its children, when it outlives <paramref name="timeout"/>.</summary>
    public static async Task<NodeScriptResult> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var root = SharedAzurite.RepositoryRoot;
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
        start.ArgumentList.Add(Path.Combine(root, script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new NodeScriptResult(false, -1, await stdout, await stderr);
        }

        return new NodeScriptResult(true, process.ExitCode, await stdout, await stderr);
    }
}
