using System.Reflection;
using Archive.Testing;

namespace Archive.Infra.Tests;

/// <summary>Runs the Bicep CLI restored from its NuGet package (a <c>PackageDownload</c>), offline.</summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The repository's root folder.</summary>
    public static string RepositoryRoot { get; } = Metadata("RepositoryRoot");

    /// <summary>The folder of the Bicep that deploys Archive.</summary>
    public static string InfraFolder => Path.Combine(RepositoryRoot, "infra");

    /// <summary>Runs <c>bicep</c> with the arguments; returns its exit code and everything it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var path = Metadata("BicepCli");
        Assert.True(File.Exists(path), $"The Bicep CLI is missing at {path}: restore the test project.");
        if (!OperatingSystem.IsWindows())
        {
            // NuGet extracts the binary without guaranteeing the execute bit.
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }

        // Bicep would otherwise try to reach the network for telemetry.
        var run = await ToolProcess.RunAsync(path, arguments, Timeout, new Dictionary<string, string> { ["BICEP_TELEMETRY_ENABLED"] = "false" });
        if (!run.Completed)
        {
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}.");
        }

        return (run.ExitCode, (run.Output + run.Error).Trim());
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
