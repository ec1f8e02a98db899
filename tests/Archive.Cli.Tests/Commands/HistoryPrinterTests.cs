using System.Text.Json;
using Archive.Cli.Output;

namespace Archive.Cli.Tests.Commands;

/// <summary>archive history's printing of the API's answers.</summary>
public sealed class HistoryPrinterTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void A_check_that_found_a_change_outside_the_article_text_prints_the_passage_under_it()
    {
        var versions = Json("""{"id":"a1","url":"https://news.example/ferry","versions":[{"number":1,"firstSeenAt":"2026-12-01T09:00:00Z","lastSeenAt":"2026-12-02T09:00:00Z","seenCount":3,"title":"Ferry terminal delayed","recordSha256":"ab"}]}""");
        var changes = Json("""{"changes":[]}""");
        var checks = Json("""
            {"checks":[
              {"at":"2026-12-02T09:00:00Z","outcome":"changed-outside-text","trigger":"recheck","reason":"The article text has not changed. The page's other text changed (+1/-1 words): …",
               "otherTextChange":{"wordsAdded":1,"wordsRemoved":1,"passage":"photographs of the old [-pier-]{+quay+} for an exhibition"}},
              {"at":"2026-12-01T09:00:00Z","outcome":"captured","trigger":"submit","reason":"Version 1 recorded."}
            ]}
            """);
        using var output = new StringWriter();

        HistoryPrinter.Print(output, versions, changes, checks);

        var lines = output.ToString().Split(Environment.NewLine);
        var at = Array.FindIndex(lines, l => l.Contains("changed-outside-text", StringComparison.Ordinal));
        Assert.True(at >= 0, output.ToString());
        Assert.Equal("      outside the article text: photographs of the old [-pier-]{+quay+} for an exhibition", lines[at + 1]);
        Assert.DoesNotContain("outside the article text", lines[at + 2], StringComparison.Ordinal);
    }
}
