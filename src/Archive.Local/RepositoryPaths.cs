namespace Archive.Local;

/// <summary>Finds the repository the command runs from (its seeds, its node_modules).</summary>
public static class RepositoryPaths
{
    /// <summary>The repository root: the nearest folder above the current directory or the program holding Archive.sln.</summary>
    public static string? FindRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Archive.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The repository root, or a clear error.</summary>
    public static string RequireRoot() =>
        FindRoot() ?? throw new InvalidOperationException("Run this from inside the Archive repository (no Archive.sln found above the current folder).");
}
