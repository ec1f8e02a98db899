using System.Text.RegularExpressions;
using Archive.Testing;

namespace Archive.Core.Tests;

/// <summary>The shape of the core library: one folder per capability, dependencies between folders without cycles.</summary>
public sealed partial class ArchitectureTests
{
    private static readonly string Core = Path.Combine(SharedAzurite.RepositoryRoot, "src", "Archive.Core");

    /// <summary>Which top-level folders of the core each folder's files name, by using directive or by qualified name.</summary>
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var folders = Directory.GetDirectories(Core).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Select(f => f!).ToHashSet(StringComparer.Ordinal);
        var graph = folders.ToDictionary(f => f, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(Core, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match match in CoreNamespace().Matches(File.ReadAllText(file)))
                {
                    var target = match.Groups[1].Value;
                    if (target != folder && folders.Contains(target))
                    {
                        graph[folder].Add(target);
                    }
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle in <paramref name="graph"/> as the folders along it, or null.</summary>
    private static List<string>? FindCycle(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph[node].Order(StringComparer.Ordinal))
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return graph.Keys.Order(StringComparer.Ordinal).Where(n => state.GetValueOrDefault(n) == 0).Select(Visit).FirstOrDefault(c => c is not null);
    }

    [Fact]
    public void No_folder_of_the_core_depends_on_another_in_a_cycle()
    {
        var graph = FolderDependencies();
        Assert.True(graph.Count >= 10, $"Expected the core's folders under {Core}.");
        var cycle = FindCycle(graph);
        Assert.True(cycle is null, $"The core's folders depend on each other in a cycle: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_when_there_is_one()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["Capture"] = ["Recheck", "Versions"],
            ["Recheck"] = ["Versions", "Capture"],
            ["Versions"] = [],
        };
        Assert.Equal(["Capture", "Recheck", "Capture"], FindCycle(graph));
        graph["Recheck"].Remove("Capture");
        Assert.Null(FindCycle(graph));
    }

    [Fact]
    public void The_capture_pipeline_stays_short()
    {
        var lines = File.ReadAllLines(Path.Combine(Core, "Capture", "CaptureService.cs")).Length;
        Assert.True(lines <= 150, $"CaptureService.cs has {lines} lines; its stages belong in their own classes.");
    }

    // "using Archive.Core.X;" or a qualified "Archive.Core.X.Type" anywhere in a file.
    [GeneratedRegex(@"\bArchive\.Core\.([A-Z][A-Za-z]*)\b")]
    private static partial Regex CoreNamespace();
}
