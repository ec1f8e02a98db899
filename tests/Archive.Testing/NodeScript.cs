namespace Archive.Testing;

/// <summary>Runs a Node script of the repository (its packages come from the root <c>node_modules</c>) under a time limit.</summary>
public static class NodeScript
{
    /// <summary>Runs <c>node SCRIPT ARGS</c>, the script given relative to the repository root.</summary>
    public static Task<ToolResult> RunAsync(string script, IEnumerable<string> arguments, TimeSpan timeout) =>
        ToolProcess.RunAsync("node", [Path.Combine(SharedAzurite.RepositoryRoot, script), .. arguments], timeout);
}
