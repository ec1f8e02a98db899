using System.Text.Json;
using Archive.Core.Versions;
using Archive.Testing;

namespace Archive.Functions.Tests.Http;

/// <summary>Every capture outcome is documented: in the OpenAPI document's CaptureOutcome enum and in the README.</summary>
public sealed class OutcomeDocumentationTests
{
    private static readonly string[] Codes = [.. Enum.GetValues<CaptureOutcome>().Select(o => o.ToCode())];

    [Fact]
    public void The_openapi_document_lists_every_outcome_and_no_other()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedAzurite.RepositoryRoot, "src", "Archive.Functions", "OpenApi", "openapi.json")));
        var documented = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CaptureOutcome").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        Assert.Equal(Codes.ToHashSet(), documented);
    }

    [Fact]
    public void The_readme_names_every_outcome()
    {
        var readme = File.ReadAllText(Path.Combine(SharedAzurite.RepositoryRoot, "README.md"));
        Assert.All(Codes, code => Assert.Contains($"`{code}`", readme, StringComparison.Ordinal));
    }
}
