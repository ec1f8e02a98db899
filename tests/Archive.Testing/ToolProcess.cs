using System.Diagnostics;

namespace Archive.Testing;

/// <summary>What a tool printed; <see cref="Completed"/> is false when it had to be killed.</summary>
public sealed record ToolResult(bool Completed, int ExitCode, string Output, string Error);

/// <summary>Runs an external tool (node, bicep) under a time limit, so a tool that hangs fails the test instead of the run.</summary>
public static class ToolProcess
{
    /// <summary>Runs <paramref name="fileName"/> with the arguments; kills it, with its children, when it outlives <paramref name="timeout"/>.</summary>
    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = SharedAzurite.RepositoryRoot };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
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
            return new ToolResult(false, -1, await stdout, await stderr);
        }

        return new ToolResult(true, process.ExitCode, await stdout, await stderr);
    }
}
