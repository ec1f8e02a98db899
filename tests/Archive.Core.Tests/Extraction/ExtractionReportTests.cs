using System.Text;
using System.Text.Json;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

public sealed class ExtractionReportTests
{
    [Fact]
    public void The_report_carries_text_kind_encoding_and_metadata()
    {
        var extractor = new HtmlArticleExtractor();
        var html = "<html lang=\"fr\"><head><meta charset=\"utf-8\"><meta property=\"og:title\" content=\"Le titre\"><meta name=\"author\" content=\"Zoé\"></head><body><article>" +
                   string.Concat(Enumerable.Repeat("<p>La mairie a confirmé mardi que le nouveau terminal des ferries ouvrira au printemps prochain, avec deux ans de retard.</p>", 3)) +
                   "</article></body></html>";
        var result = extractor.Extract(new HtmlSource(Encoding.UTF8.GetBytes(html)));

        using var json = JsonDocument.Parse(ExtractionReport.ToJson(result, extractor));
        var root = json.RootElement;

        Assert.Equal(result.Text, root.GetProperty("articleBody").GetString());
        Assert.Equal("Article", root.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("reason").ValueKind);
        Assert.Equal("Le titre", root.GetProperty("title").GetString());
        Assert.Equal("Zoé", root.GetProperty("authors")[0].GetString());
        Assert.Equal("fr", root.GetProperty("language").GetString());
        Assert.Equal("utf-8", root.GetProperty("encoding").GetString());
        Assert.Equal("meta", root.GetProperty("encodingSource").GetString());
        Assert.Equal("og", root.GetProperty("sources").GetProperty("title").GetString());
        Assert.Equal(extractor.Version, root.GetProperty("extractorVersion").GetString());
    }

    [Fact]
    public void A_non_article_reports_its_reason()
    {
        var result = new HtmlArticleExtractor().Extract(new HtmlSource("<html><body><p>Hi</p></body></html>"u8.ToArray()));

        using var json = JsonDocument.Parse(ExtractionReport.ToJson(result, indented: false));

        Assert.Equal("NearlyEmpty", json.RootElement.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("reason").GetString()));
    }
}
