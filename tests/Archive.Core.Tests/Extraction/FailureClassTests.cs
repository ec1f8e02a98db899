using System.Text;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

/// <summary>
/// The ways extraction failed on pages of sites it had never seen, one small page per way: a short article beside a
/// longer panel, list articles, articles cut by boxes, link-heavy articles taken for index pages, and listings taken
/// for articles. All text is invented for the tests.
/// </summary>
public sealed class FailureClassTests
{
    private const string Sentence = "The harbour authority confirmed on Tuesday that the new ferry terminal will open next spring, two years later than planned, because of supply problems.";

    private static ExtractionResult Extract(string body, string title = "Ferry terminal delayed | Courier", string head = "", string? url = null) =>
        new HtmlArticleExtractor().Extract(new HtmlSource(
            Encoding.UTF8.GetBytes($"<html><head><title>{title}</title>{head}</head><body><header><nav><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></nav></header>{body}<footer><p>© 2025 Courier</p></footer></body></html>"),
            "text/html; charset=utf-8",
            url is null ? null : new Uri(url)));

    private static string Paragraphs(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"<p>Paragraph {i}. {Sentence}</p>"));

    private static string[] ParagraphsOf(ExtractionResult result) => result.Text.Split("\n\n");

    [Fact]
    public void A_short_article_is_not_joined_or_replaced_by_a_longer_panel_after_it()
    {
        var panel = string.Concat(Enumerable.Range(1, 7).Select(i =>
            $"<p>Our customer service team is available from Monday to Friday between eight in the morning and six in the evening, and on Saturdays until noon, to answer questions ({i}).</p>"));

        var result = Extract($"<main><article><h1>Ferry terminal delayed</h1>{Paragraphs(1, 4)}</article><div class=\"box\"><h2>Contact us</h2>{panel}</div></main>");

        Assert.Equal(PageKind.Article, result.Kind);
        Assert.Equal(4, ParagraphsOf(result).Length);
        Assert.DoesNotContain("customer service", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_org_article_body_bounds_the_body()
    {
        var panel = string.Concat(Enumerable.Range(1, 7).Select(i =>
            $"<p>Testimonial {i}: the staff were friendly and quick, the booking was easy and the waiting room was clean and calm every single time we came.</p>"));

        var result = Extract($"<div><h1>Ferry terminal delayed</h1><div itemprop=\"articleBody\">{Paragraphs(1, 4)}</div><div class=\"reviews\">{panel}</div></div>");

        Assert.Equal(4, ParagraphsOf(result).Length);
        Assert.DoesNotContain("Testimonial", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_numbered_list_article_keeps_every_item_across_the_product_boxes_between_them()
    {
        var products = string.Concat(Enumerable.Range(1, 4).Select(i => $"<li><a href=\"/shop/{i}\">Waterproof travel backpack with laptop sleeve, model {i}, for €{39 + i}.99</a></li>"));
        var items = string.Concat(Enumerable.Range(1, 10).Select(i =>
            $"<div class=\"entry\"><h2>{i}. Harbour walk number {i}</h2><p>Walk {i}: {Sentence}</p><p>The route passes the old lighthouse, the fish market and the new terminal site, and takes about an hour.</p></div>" +
            $"<div class=\"shop-box\"><ul>{products}</ul></div>"));

        var result = Extract($"<main><h1>Ten harbour walks</h1><p>Introduction. {Sentence}</p>{items}</main>", "Ten harbour walks | Courier");

        Assert.Equal(PageKind.Article, result.Kind);
        for (var i = 1; i <= 10; i++)
        {
            Assert.Contains($"{i}. Harbour walk number {i}", result.Text, StringComparison.Ordinal);
            Assert.Contains($"Walk {i}: ", result.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("backpack", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bulleted_list_article_keeps_every_item()
    {
        var items = string.Concat(Enumerable.Range(1, 8).Select(i => $"<li><strong>Tip {i}.</strong> Book early, travel light and check the timetable the night before, as crossings change with the tides in winter.</li>"));

        var result = Extract($"<article><h1>Ferry tips</h1><p>Introduction. {Sentence}</p><ul>{items}</ul><p>Finally. {Sentence}</p></article>", "Ferry tips | Courier");

        for (var i = 1; i <= 8; i++)
        {
            Assert.Contains($"Tip {i}. Book early", result.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_sectioned_article_keeps_every_section_under_its_own_heading()
    {
        var sections = string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"<section class=\"part\"><h2>Part {i}: the next stage</h2>{Paragraphs(10 * i, 10 * i + 2)}</section>" +
            "<aside class=\"promo\"><h3>Get our morning briefing</h3><p>Sign up for our free newsletter and get the news in your inbox every morning.</p><ul>" +
            string.Concat(Enumerable.Range(1, 5).Select(j => $"<li><a href=\"/more/{i}/{j}\">More from the harbour desk: another story about boats, number {j}</a></li>")) + "</ul></aside>"));

        var result = Extract($"<div class=\"page\"><h1>Ferry terminal delayed</h1>{sections}</div>");

        for (var i = 1; i <= 5; i++)
        {
            Assert.Contains($"Part {i}: the next stage", result.Text, StringComparison.Ordinal);
            Assert.Contains($"Paragraph {(10 * i) + 2}.", result.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("newsletter", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_article_is_not_cut_at_the_first_product_newsletter_or_read_more_box()
    {
        var product = "<div class=\"deal\"><h3>Deals of the day</h3><ul>" + string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<li><a href=\"/p/{i}\"><img src=\"k.jpg\">Acme Kettle {i}000, stainless steel, 1.7 litres, now ${40 + i}.99</a></li>")) + "</ul></div>";
        var newsletter = "<div class=\"signup\"><h3>Our newsletters</h3><ul>" + string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<li><a href=\"/newsletters/{i}\">The morning briefing, edition {i}: the news in your inbox</a></li>")) + "</ul><form><input type=\"email\"><button>Sign up</button></form></div>";
        var readMore = "<div><p><strong>Read more:</strong></p><ul>" + string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"<li><a href=\"/x/{i}\">Council approves harbour budget after months of debate over costs, part {i}</a></li>")) + "</ul></div>";

        var result = Extract($"<main><article><h1>Ferry terminal delayed</h1><div class=\"text\">{Paragraphs(1, 3)}</div>{product}<div class=\"text\">{Paragraphs(4, 6)}</div>{newsletter}<div class=\"text\">{Paragraphs(7, 9)}</div>{readMore}<div class=\"text\">{Paragraphs(10, 12)}</div></article></main>");

        Assert.Equal(12, ParagraphsOf(result).Length);
        Assert.StartsWith("Paragraph 1.", result.Text, StringComparison.Ordinal);
        Assert.Contains("Paragraph 12.", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Kettle", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("briefing", result.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Council", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_article_whose_paragraphs_are_mostly_links_is_an_article()
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 15).Select(i =>
            $"<p>According to <a href=\"/a{i}\">the harbour report</a> and <a href=\"/b{i}\">the council minutes</a>, <a href=\"/c{i}\">the ferry operator</a> said <a href=\"/d{i}\">the new terminal</a> would open in <a href=\"/e{i}\">spring {2020 + i}</a>.</p>"));

        var result = Extract($"<article><h1>What the papers say</h1>{paragraphs}</article>", "What the papers say | Courier");

        Assert.Equal(PageKind.Article, result.Kind);
        Assert.Equal(15, ParagraphsOf(result).Length);
    }

    [Fact]
    public void Teasers_cut_with_an_ellipsis_after_the_article_are_not_part_of_it()
    {
        var teasers = string.Concat(Enumerable.Range(1, 4).Select(i =>
            $"<div class=\"teaser\"><h3><a href=\"/s/{i}\">Other story {i}</a></h3><p>The council met on Tuesday to discuss the budget for the coming year, and the mayor said that the plans for the harbour would be...</p></div>"));

        var result = Extract($"<div class=\"wrap\"><h1>Ferry terminal delayed</h1>{Paragraphs(1, 4)}{teasers}</div>");

        Assert.Equal(4, ParagraphsOf(result).Length);
        Assert.DoesNotContain("council met", result.Text, StringComparison.Ordinal);
    }

    private static string ProductGrid(int count) => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"<div class=\"product-tile\"><a href=\"/p/{i}\"><img src=\"{i}.jpg\"><span>Trail running shoe, model {i}</span></a><span class=\"amount\">${80 + i}.95</span></div>"));

    [Fact]
    public void A_product_grid_with_a_category_description_is_not_an_article()
    {
        var description = $"<div class=\"category-text\"><p>Running shoes for every trail. {Sentence}</p><p>Our range covers road, trail and track, with models for every distance and every budget, all tested by our team.</p></div>";

        var result = Extract($"<main><h1>Running shoes</h1>{description}<div class=\"grid\">{ProductGrid(24)}</div></main>", "Running shoes | Shop");

        Assert.Equal(PageKind.Index, result.Kind);
        Assert.Contains("products", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_listing_whose_text_comes_after_its_grid_is_not_an_article()
    {
        var cards = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"<div class=\"card\"><h3><a href=\"/r/{i}\">Harbour recipe number {i}</a></h3><p>Ready in {20 + i} minutes, serves four.</p><span>{i * 3} ratings</span></div>"));
        var text = $"<div class=\"about\"><h2>About these recipes</h2>{Paragraphs(1, 6)}</div>";

        var result = Extract($"<main><h1>Harbour recipes</h1><div class=\"grid\">{cards}</div>{text}</main>", "Harbour recipes");

        Assert.Equal(PageKind.Index, result.Kind);
    }

    [Fact]
    public void A_front_page_of_teasers_is_not_an_article()
    {
        var teasers = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"<div class=\"story\"><h2><a href=\"/2025/story-{i}\">Headline of story number {i}</a></h2><p>Summary {i}: {Sentence} The mayor said more on Friday.</p></div>"));

        var result = Extract($"<main>{teasers}</main>", "Courier: news from the harbour", url: "https://courier.example/");

        Assert.Equal(PageKind.Index, result.Kind);
    }

    [Fact]
    public void A_page_declaring_itself_a_collection_or_products_is_not_an_article()
    {
        var body = $"<main><h1>Running shoes</h1>{Paragraphs(1, 8)}</main>";

        Assert.Equal(PageKind.Index, Extract(body, head: "<script type=\"application/ld+json\">{\"@type\":\"CollectionPage\",\"name\":\"Shoes\"}</script>").Kind);
        Assert.Equal(PageKind.Index, Extract(body, head: "<meta property=\"og:type\" content=\"product.group\">").Kind);
    }

    [Fact]
    public void An_article_with_prices_and_related_products_stays_an_article()
    {
        var related = $"<div class=\"related\">{ProductGrid(8)}</div>";

        var result = Extract(
            $"<article><h1>Kettle prices rise</h1>{string.Concat(Enumerable.Range(1, 12).Select(i => $"<p>Paragraph {i}: kettles now cost $49.99 on average, up from $39.99 last year. {Sentence}</p>"))}</article>{related}",
            "Kettle prices rise | Courier");

        Assert.Equal(PageKind.Article, result.Kind);
    }
}
