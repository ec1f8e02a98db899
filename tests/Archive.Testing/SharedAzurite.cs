using Archive.Local;

namespace Archive.Testing;

/// <summary>
/// One Azurite for the whole test process, started on first use from the repository's pinned npm package (installed
/// by <c>npm ci</c> if missing) and stopped when the process exits. Tests isolate themselves with unique name prefixes.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<AzuriteProcess>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The running Azurite.</summary>
    public static Task<AzuriteProcess> GetAsync() => Instance.Value;

    /// <summary>A fresh prefix for container, table and queue names: lower-case letters and digits.</summary>
    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The repository root.</summary>
    public static string RepositoryRoot => RepositoryPaths.FindRoot() ?? throw new InvalidOperationException("Tests must run inside the repository.");

    private static async Task<AzuriteProcess> StartAsync()
    {
        var azurite = await AzuriteProcess.StartAsync(RepositoryRoot).ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }
}
