using System.Diagnostics;
using Archive.Testing;

namespace Archive.Functions.Tests.Faults;

/// <summary>
/// <c>archive serve</c>, the built command line, as a child process over given storage, so a test can kill it
/// (SIGKILL) in the middle of a capture and start another.
/// </summary>
public sealed class RunnerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RunnerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The built CLI: <c>src/Archive.Cli/bin/CONFIGURATION/net10.0/archive.dll</c>, the configuration the tests were built in.</summary>
    public static string CliPath
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(SharedAzurite.RepositoryRoot, "src", "Archive.Cli", "bin", framework.Parent!.Name, framework.Name, "archive.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the CLI first (dotnet build src/Archive.Cli).", path);
        }
    }

    /// <summary>Starts <c>archive serve --port 0</c> with <paramref name="settings"/> as environment variables and waits until it listens.</summary>
    public static async Task<RunnerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { CliPath, "serve", "--port", "0" })
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the runner.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            const string marker = "Archive API at ";
            if (e.Data is { } line && line.StartsWith(marker, StringComparison.Ordinal))
            {
                var url = line[marker.Length..].Split(' ')[0];
                listening.TrySetResult(new Uri(url[..(url.IndexOf("api/", StringComparison.Ordinal))]));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"The runner exited with code {process.ExitCode} while starting."));
        try
        {
            return new RunnerProcess(process, await listening.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the runner at once (SIGKILL): no cleanup, no settling of messages in flight.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }
}
