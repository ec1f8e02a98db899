using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

/// <summary>
/// The golden corpus: one folder per case under <c>Extraction/Golden</c> with <c>source.html</c> (bytes as served),
/// an optional <c>meta.json</c> (<c>contentType</c>, <c>url</c>, and <c>source</c> naming a page kept elsewhere, such as a seed), and the expectations <c>expected.txt</c> (the text),
/// <c>expected-other.txt</c> (the page's other readable text) and <c>expected.json</c> (kind, encoding and metadata). Run with <c>ARCHIVE_UPDATE_GOLDEN=1</c> to rewrite the
/// expectations on purpose, then review the diff.
/// </summary>
public sealed class GoldenCorpusTests
{
    private const string UpdateSwitch = "ARCHIVE_UPDATE_GOLDEN";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string CorpusDirectory => Path.Combine(AppContext.BaseDirectory, "Extraction", "Golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.EnumerateDirectories(CorpusDirectory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_cases_of_every_kind()
    {
        var cases = Directory.EnumerateDirectories(CorpusDirectory).Select(Path.GetFileName).OfType<string>().ToList();
        Assert.True(cases.Count >= 15, $"only {cases.Count} golden cases");
        var kinds = cases.Select(name => Extract(name).Kind).ToHashSet();
        Assert.Equal(Enum.GetValues<PageKind>().ToHashSet(), kinds);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_matches_its_expectations(string name)
    {
        var result = Extract(name);
        var text = result.Text + "\n";
        var other = result.OtherText + "\n";
        var json = Describe(result);
        if (Environment.GetEnvironmentVariable(UpdateSwitch) == "1")
        {
            var source = Path.Combine(SourceCorpusDirectory(), name);
            File.WriteAllText(Path.Combine(source, "expected.txt"), text, new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(source, "expected-other.txt"), other, new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(source, "expected.json"), json, new UTF8Encoding(false));
            return;
        }

        var folder = Path.Combine(CorpusDirectory, name);
        Assert.True(File.Exists(Path.Combine(folder, "expected.txt")), $"{name}: no expected.txt; run with {UpdateSwitch}=1 to create it");
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "expected.txt")).ReplaceLineEndings("\n"), text);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "expected-other.txt")).ReplaceLineEndings("\n"), other);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "expected.json")).ReplaceLineEndings("\n"), json);
    }

    internal static ExtractionResult Extract(string name)
    {
        var folder = Path.Combine(CorpusDirectory, name);
        var source = Path.Combine(folder, "source.html");
        string? contentType = null;
        Uri? url = null;
        var metaPath = Path.Combine(folder, "meta.json");
        if (File.Exists(metaPath))
        {
            using var meta = JsonDocument.Parse(File.ReadAllBytes(metaPath));
            // A case may name a page kept elsewhere in the repository (the seeds), so the two can never drift apart.
            if (meta.RootElement.TryGetProperty("source", out var shared))
            {
                source = Path.Combine(AppContext.BaseDirectory, shared.GetString()!);
            }

            if (meta.RootElement.TryGetProperty("contentType", out var type))
            {
                contentType = type.GetString();
            }

            if (meta.RootElement.TryGetProperty("url", out var address))
            {
                url = new Uri(address.GetString()!);
            }
        }

        return new HtmlArticleExtractor().Extract(new HtmlSource(File.ReadAllBytes(source), contentType, url));
    }

    /// <summary>Everything but the texts (kept in expected.txt and expected-other.txt) and the reason (wording, not behaviour).</summary>
    private static string Describe(ExtractionResult result)
    {
        var node = JsonNode.Parse(ExtractionReport.ToJson(result))!.AsObject();
        node.Remove("articleBody");
        node.Remove("otherText");
        node.Remove("reason");
        return node.ToJsonString(Indented).ReplaceLineEndings("\n") + "\n";
    }

    private static string SourceCorpusDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Archive.Core.Tests", "Extraction", "Golden");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The golden corpus's source folder was not found above " + AppContext.BaseDirectory);
    }
}
