using System.Diagnostics;
using System.Text;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

/// <summary>Malformed and hostile pages: the extractor never throws and stays within bounded time and memory.</summary>
public sealed class RobustnessTests
{
    private static readonly HtmlArticleExtractor Extractor = new();

    private static ExtractionResult Extract(string html, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        var result = Extractor.Extract(new HtmlSource(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));
        Assert.True(watch.Elapsed < limit, $"took {watch.Elapsed}");
        return result;
    }

    [Fact]
    public void Empty_input_is_nearly_empty()
    {
        var result = Extractor.Extract(new HtmlSource(Array.Empty<byte>()));

        Assert.Equal(PageKind.NearlyEmpty, result.Kind);
        Assert.Equal("", result.Text);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public void Binary_garbage_does_not_throw()
    {
        var bytes = new byte[200_000];
        new Random(7).NextBytes(bytes);

        var result = Extractor.Extract(new HtmlSource(bytes));

        Assert.NotEqual(PageKind.Article, result.Kind);
    }

    [Fact]
    public void Unclosed_tags_still_give_the_text()
    {
        var paragraph = "The harbour authority said the new ferry terminal would open in the spring, after two years of delays and rising costs";
        var html = "<html><body><div class=article><p>" + paragraph + ". <p><b>" + paragraph + " again. <p><i>" + paragraph + " once more. <div><span>" + paragraph + ", finally.";

        var result = Extract(html, TimeSpan.FromSeconds(5));

        Assert.Equal(PageKind.Article, result.Kind);
        Assert.Contains("once more", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ten_megabyte_single_line_is_handled_in_bounded_time()
    {
        var sentence = "Residents packed the town hall to hear the plans for the new library, which will open next year. ";
        var builder = new StringBuilder("<html><body><article><p>");
        while (builder.Length < 10 * 1024 * 1024)
        {
            builder.Append(sentence);
        }

        builder.Append("</p></article></body></html>");

        var result = Extract(builder.ToString(), TimeSpan.FromSeconds(30));

        Assert.Equal(PageKind.Article, result.Kind);
        Assert.True(result.Text.Length > 1_000_000);
        Assert.DoesNotContain('\n', result.Text);
    }

    [Fact]
    public void Hundred_thousand_deep_nesting_neither_overflows_nor_hangs()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 100_000)) + "deep text" + string.Concat(Enumerable.Repeat("</span></div>", 100_000));

        var result = Extract(html, TimeSpan.FromSeconds(30));

        Assert.NotEqual(PageKind.Article, result.Kind);
        Assert.Contains("deep text", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_deep_nesting_is_bounded_too()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "never closed";

        var result = Extract(html, TimeSpan.FromSeconds(30));

        Assert.NotEqual(PageKind.Article, result.Kind);
    }

    [Fact]
    public void A_million_sibling_elements_are_bounded()
    {
        var html = "<html><body><ul>" + string.Concat(Enumerable.Repeat("<li><a href=/x>x</a></li>", 300_000)) + "</ul></body></html>";

        var result = Extract(html, TimeSpan.FromSeconds(30));

        Assert.NotEqual(PageKind.Article, result.Kind);
    }

    [Theory]
    [InlineData("{\"@type\": \"NewsArticle\", \"headline\": ")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    [InlineData("{\"@type\": 42, \"author\": {\"name\": [1, 2]}, \"datePublished\": {\"x\": 1}, \"keywords\": 7, \"image\": [[]]}")]
    [InlineData("not json at all <b>")]
    [InlineData("{\"@type\": \"NewsArticle\", \"headline\": \"Line\nbreak\"}")]
    public void Malformed_json_ld_never_breaks_extraction(string jsonLd)
    {
        var body = string.Concat(Enumerable.Repeat("<p>The council approved the budget after a long debate about the cost of the new swimming pool and library.</p>", 5));
        var html = $"<html><head><title>Budget approved</title><script type=\"application/ld+json\">{jsonLd}</script></head><body><article>{body}</article></body></html>";

        var result = Extract(html, TimeSpan.FromSeconds(5));

        Assert.Equal(PageKind.Article, result.Kind);
        Assert.Contains("swimming pool", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_ld_with_a_raw_line_break_is_repaired()
    {
        var html = "<html><head><script type=\"application/ld+json\">{\"@type\": \"NewsArticle\", \"headline\": \"Line\nbreak\"}</script></head><body></body></html>";

        var result = Extract(html, TimeSpan.FromSeconds(5));

        Assert.Equal("Line break", result.Metadata.Title);
    }

    [Fact]
    public void Scripts_styles_and_templates_never_leak_into_the_text()
    {
        var body = string.Concat(Enumerable.Repeat("<p>The museum reopened on Saturday with a new wing devoted to the history of the city's harbour and its ships.</p>", 4));
        var html = "<html><head><style>p { color: red }</style></head><body><article>" + body +
                   "<script>var secret = 'SCRIPT-TEXT';</script><noscript>NOSCRIPT-TEXT</noscript><template><p>TEMPLATE-TEXT</p></template>" +
                   "<svg><text>SVG-TEXT</text></svg><!-- COMMENT-TEXT --><p hidden>HIDDEN-TEXT</p><p style=\"display: none\">INVISIBLE-TEXT</p></article></body></html>";

        var result = Extract(html, TimeSpan.FromSeconds(5));

        foreach (var leak in new[] { "SCRIPT", "NOSCRIPT", "TEMPLATE", "SVG", "COMMENT", "HIDDEN", "INVISIBLE", "color: red" })
        {
            Assert.DoesNotContain(leak, result.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void An_unclosed_script_swallows_the_rest_like_a_browser()
    {
        var html = "<html><body><article><p>Visible paragraph about the new bridge that opened in town this week after years of work.</p><script>document.write('<p>";

        var result = Extract(html, TimeSpan.FromSeconds(5));

        Assert.DoesNotContain("document.write", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancellation_is_honoured()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Extractor.Extract(new HtmlSource("<p>x</p>"u8.ToArray()), source.Token));
    }
}
