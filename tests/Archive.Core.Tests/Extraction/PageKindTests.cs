using System.Text;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

/// <summary>Non-articles are named with a reason, never passed off as a tiny article.</summary>
public sealed class PageKindTests
{
    private static ExtractionResult Extract(string html) =>
        new HtmlArticleExtractor().Extract(new HtmlSource(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));

    private static string Prose(int paragraphs) => string.Concat(Enumerable.Range(1, paragraphs).Select(i =>
        $"<p>Paragraph {i}: the harbour authority confirmed on Tuesday that the ferry terminal will open next spring, two years later than planned and well over budget.</p>"));

    [Fact]
    public void An_article_is_an_article_without_a_reason()
    {
        var result = Extract($"<html><body><nav><a href=/>Home</a></nav><article><h1>Ferry terminal delayed</h1>{Prose(5)}</article></body></html>");

        Assert.Equal(PageKind.Article, result.Kind);
        Assert.True(result.IsArticle);
        Assert.Null(result.Reason);
        Assert.Equal(5, result.Text.Split("\n\n").Length);
    }

    [Theory]
    [InlineData("<title>404 Not Found</title>", "<h1>Not Found</h1><p>The requested URL was not found on this server.</p>")]
    [InlineData("<title>Page not found – Daily</title>", "<h1>Oops</h1><p>We can't find the page you were looking for.</p>")]
    [InlineData("<title>Страница не найдена</title>", "<p>Страница не найдена</p>")]
    public void Error_pages_are_errors(string head, string body)
    {
        var result = Extract($"<html><head>{head}</head><body>{body}</body></html>");

        Assert.Equal(PageKind.Error, result.Kind);
        Assert.NotNull(result.Reason);
    }

    [Theory]
    [InlineData("<h1>Are you a robot?</h1><p>Please complete the captcha below to continue.</p>")]
    [InlineData("<p>Subscribe to continue reading this article.</p>")]
    [InlineData("<h1>Just a moment...</h1><p>Checking your browser before accessing the site.</p>")]
    public void Walls_are_walls(string body)
    {
        var result = Extract($"<html><body>{body}</body></html>");

        Assert.Equal(PageKind.Wall, result.Kind);
        Assert.Contains("wall", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_teaser_list_is_an_index()
    {
        var teasers = string.Concat(Enumerable.Range(1, 30).Select(i => $"<li><a href=\"/story/{i}\">Story number {i} about the town council and its plans</a></li>"));
        var result = Extract($"<html><body><h1>Latest</h1><ul>{teasers}</ul></body></html>");

        Assert.Equal(PageKind.Index, result.Kind);
        Assert.NotNull(result.Reason);
    }

    [Fact]
    public void A_collection_page_with_summaries_is_an_index()
    {
        var items = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"<div class=\"card\"><h2><a href=\"/s/{i}\">Headline {i} for a story about the harbour</a></h2><p>Summary {i}: the council met on Tuesday to discuss the plans for the new ferry terminal.</p></div>"));
        var result = Extract($"<html><head><script type=\"application/ld+json\">{{\"@type\":\"CollectionPage\",\"name\":\"News\"}}</script></head><body>{items}</body></html>");

        Assert.Equal(PageKind.Index, result.Kind);
    }

    [Fact]
    public void A_page_with_a_caption_and_no_text_is_nearly_empty()
    {
        var result = Extract("<html><body><div><img src=a.jpg><p>A photo of the harbour.</p></div></body></html>");

        Assert.Equal(PageKind.NearlyEmpty, result.Kind);
        Assert.Contains("characters", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_article_mentioning_subscriptions_stays_an_article()
    {
        var result = Extract($"<html><body><article>{Prose(12)}<div class=\"promo\"><p>Subscribe to continue reading our best journalism.</p></div></article></body></html>");

        Assert.Equal(PageKind.Article, result.Kind);
    }
}

/// <summary>The JSON-LD article body stands in when the page renders its text with script.</summary>
public sealed class DeclaredBodyTests
{
    [Fact]
    public void A_script_rendered_page_falls_back_to_json_ld_article_body()
    {
        var body = "The ferry terminal will open next spring, two years later than planned.\nThe harbour authority blamed supply problems and a wet winter for the delay, and said costs had risen by a fifth.\nPassengers will keep using the old pier until then, and the timetable will not change before the summer season, when two extra crossings a day are planned between the island and the mainland.\nThe authority said it would publish a new schedule for the remaining work in January, after the contractors have checked the foundations of the new quay.";
        var html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Terminal delayed\",\"articleBody\":" +
                   System.Text.Json.JsonSerializer.Serialize(body) + "}</script></head><body><div id=\"app\"></div></body></html>";

        var result = new HtmlArticleExtractor().Extract(new HtmlSource(Encoding.UTF8.GetBytes(html)));

        Assert.Equal(PageKind.Article, result.Kind);
        Assert.Equal(4, result.Text.Split("\n\n").Length);
        Assert.StartsWith("The ferry terminal will open", result.Text, StringComparison.Ordinal);
    }
}
