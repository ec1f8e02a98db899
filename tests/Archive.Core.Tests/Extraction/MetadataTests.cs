using System.Text;
using Archive.Core.Extraction;
using Archive.Core.Extraction.Metadata;

namespace Archive.Core.Tests.Extraction;

/// <summary>Each metadata field from the best source the page offers, with the source recorded.</summary>
public sealed class MetadataTests
{
    private const string Body = "<article><p>The council approved the budget after a long debate about the cost of the new swimming pool and the library extension.</p></article>";

    private static ArticleMetadata Read(string head, string body = Body, Uri? url = null) =>
        new HtmlArticleExtractor().Extract(new HtmlSource(Encoding.UTF8.GetBytes($"<html lang=\"en-GB\"><head>{head}</head><body>{body}</body></html>"), "text/html; charset=utf-8", url)).Metadata;

    [Fact]
    public void Json_ld_comes_first_and_its_source_is_recorded()
    {
        var metadata = Read("""
            <title>Title tag | Site</title>
            <meta property="og:title" content="OG title">
            <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Graph Site"},
              {"@type":["NewsArticle"],"headline":"LD headline","author":[{"@type":"Person","name":"Ana Lima"},"Bo Chen"],
               "datePublished":"2024-03-01T10:00:00+01:00","dateModified":"2024-03-02T08:00:00Z","keywords":"budget, council",
               "articleSection":"Politics","inLanguage":"en","description":"LD description","image":[{"url":"https://img.example/a.jpg"}],
               "publisher":{"@type":"Organization","name":"The Publisher"}}]}</script>
            """);

        Assert.Equal("LD headline", metadata.Title);
        Assert.Equal(["Ana Lima", "Bo Chen"], metadata.Authors);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(1)), metadata.PublishedTime);
        Assert.Equal(new DateTimeOffset(2024, 3, 2, 8, 0, 0, TimeSpan.Zero), metadata.ModifiedTime);
        Assert.Equal(["budget", "council"], metadata.Tags);
        Assert.Equal("Politics", metadata.Section);
        Assert.Equal("LD description", metadata.Description);
        Assert.Equal("https://img.example/a.jpg", metadata.LeadImage);
        Assert.Equal("The Publisher", metadata.SiteName);
        Assert.Equal("en-GB", metadata.Language);
        Assert.Equal("json-ld", metadata.Sources["title"]);
        Assert.Equal("json-ld", metadata.Sources["authors"]);
        Assert.Equal("json-ld", metadata.Sources["publishedTime"]);
        Assert.Equal("html", metadata.Sources["language"]);
    }

    [Fact]
    public void Open_graph_and_article_tags_come_next()
    {
        var metadata = Read("""
            <meta property="og:title" content="OG title | The Daily">
            <meta property="og:site_name" content="The Daily">
            <meta property="article:published_time" content="2023-11-19T13:23:59-0500">
            <meta property="article:modified_time" content="2023-11-20T09:00:00Z">
            <meta property="article:section" content="World">
            <meta property="article:tag" content="Elections"><meta property="article:tag" content="Europe">
            <meta name="keywords" content="elections, europe, votes">
            <meta property="og:url" content="/world/elections">
            <meta property="og:image" content="//cdn.example/img.jpg">
            """, url: new Uri("https://daily.example/world/elections?utm=x"));

        Assert.Equal("OG title", metadata.Title);
        Assert.Equal("og", metadata.Sources["title"]);
        Assert.Equal(new DateTimeOffset(2023, 11, 19, 13, 23, 59, TimeSpan.FromHours(-5)), metadata.PublishedTime);
        Assert.Equal("og", metadata.Sources["publishedTime"]);
        Assert.Equal("World", metadata.Section);
        Assert.Equal(["Elections", "Europe", "votes"], metadata.Tags);
        Assert.Equal("og", metadata.Sources["tags"]);
        Assert.Equal("https://daily.example/world/elections", metadata.CanonicalUrl);
        Assert.Equal("https://cdn.example/img.jpg", metadata.LeadImage);
        Assert.Equal("The Daily", metadata.SiteName);
    }

    [Fact]
    public void Plain_html_is_the_last_resort()
    {
        var metadata = Read(
            "<title>Budget approved after long debate - Valley Echo</title><link rel=\"canonical\" href=\"https://echo.example/budget\">",
            "<p class=\"byline\">By Jane Doe and John Roe</p><time datetime=\"2022-05-06\">6 May</time>" + Body);

        Assert.Equal("Budget approved after long debate", metadata.Title);
        Assert.Equal("title", metadata.Sources["title"]);
        Assert.Equal(["Jane Doe", "John Roe"], metadata.Authors);
        Assert.Equal("byline", metadata.Sources["authors"]);
        Assert.Equal(new DateTimeOffset(2022, 5, 6, 0, 0, 0, TimeSpan.Zero), metadata.PublishedTime);
        Assert.Equal("time", metadata.Sources["publishedTime"]);
        Assert.Equal("https://echo.example/budget", metadata.CanonicalUrl);
        Assert.Equal("link", metadata.Sources["canonicalUrl"]);
    }

    [Fact]
    public void The_h1_comes_before_the_title_tag()
    {
        var metadata = Read("<title>Site name: home of news</title>", "<h1>The real headline</h1>" + Body);

        Assert.Equal("The real headline", metadata.Title);
        Assert.Equal("h1", metadata.Sources["title"]);
    }

    [Theory]
    [InlineData("Headline here | The Site", "The Site", "Headline here")]
    [InlineData("Headline here - World News | The Site", "The Site", "Headline here - World News")]
    [InlineData("The Site :: Café owner wins fight over seafront terrace", "The Site", "Café owner wins fight over seafront terrace")]
    [InlineData("A long headline - with a dash inside it and more words", null, "A long headline - with a dash inside it and more words")]
    [InlineData("Short headline about a thing | Site", null, "Short headline about a thing")]
    public void Site_names_are_stripped_from_titles(string title, string? siteName, string expected) =>
        Assert.Equal(expected, MetadataText.StripSiteName(title, siteName));

    [Fact]
    public void Meta_authors_are_split_and_urls_dropped()
    {
        var metadata = Read("<meta property=\"article:author\" content=\"https://facebook.com/someone\"><meta name=\"author\" content=\"Ana Lima, Bo Chen\">");

        Assert.Equal(["Ana Lima", "Bo Chen"], metadata.Authors);
        Assert.Equal("meta", metadata.Sources["authors"]);
    }

    [Fact]
    public void Citation_authors_are_written_given_name_first()
    {
        var metadata = Read("<meta name=\"citation_author\" content=\"Roy, Aniruddha\"><meta name=\"citation_author\" content=\"Das, Amitava\">");

        Assert.Equal(["Aniruddha Roy", "Amitava Das"], metadata.Authors);
    }

    [Fact]
    public void Tags_are_deduplicated_across_sources()
    {
        var metadata = Read("<meta name=\"news_keywords\" content=\"Budget, Council\"><meta name=\"keywords\" content=\"budget, pool, council\">");

        Assert.Equal(["Budget", "Council", "pool"], metadata.Tags);
    }

    [Theory]
    [InlineData("2024-01-02T03:04:05Z", 2024, 1, 2, 3, 4, 5, 0)]
    [InlineData("2024-01-02T03:04:05+0530", 2024, 1, 2, 3, 4, 5, 330)]
    [InlineData("2024-01-02 03:04:05", 2024, 1, 2, 3, 4, 5, 0)]
    [InlineData("20240102", 2024, 1, 2, 0, 0, 0, 0)]
    [InlineData("Tue, 02 Jan 2024 03:04:05 GMT", 2024, 1, 2, 3, 4, 5, 0)]
    public void Dates_in_common_shapes_are_read(string value, int y, int mo, int d, int h, int mi, int s, int offsetMinutes) =>
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromMinutes(offsetMinutes)), DateValue.Parse(value));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("not a date at all")]
    public void Unreadable_dates_are_null(string value) => Assert.Null(DateValue.Parse(value));

    [Fact]
    public void The_public_reader_works_on_a_parsed_document()
    {
        var document = new HtmlAgilityPack.HtmlDocument();
        document.LoadHtml("<html lang=\"pt\"><head><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"Olá\"}</script></head><body></body></html>");

        var metadata = MetadataReader.Read(document, null);

        Assert.Equal("Olá", metadata.Title);
        Assert.Equal("pt", metadata.Language);
    }

    private const string Prose =
        "<p>The council approved the budget after a long debate about the cost of the new swimming pool and the library extension, which had been delayed twice by rising prices.</p>" +
        "<p>Opponents said the town could not afford both projects in the same year and proposed to postpone the pool until the library was finished, but the motion failed by one vote.</p>";

    private static ArticleMetadata Page(string head, string article) => Read(head, "<main><article>" + article + Prose + "</article></main>");

    [Fact]
    public void A_date_shown_under_the_headline_fills_in_for_a_page_that_declares_none()
    {
        var metadata = Page("", "<h1>Budget approved</h1><p>By Jane Doe · 14 November 2025</p>");

        Assert.Equal(new DateTimeOffset(2025, 11, 14, 0, 0, 0, TimeSpan.Zero), metadata.PublishedTime);
        Assert.Equal("text", metadata.Sources["publishedTime"]);
        Assert.Equal(["Jane Doe"], metadata.Authors);
        Assert.Equal("byline", metadata.Sources["authors"]);
    }

    [Fact]
    public void A_page_that_shows_only_its_update_is_dated_by_it_and_says_so()
    {
        var metadata = Page("", "<h1>Budget approved</h1><div>Updated Feb 11, 2026</div>");

        Assert.Equal(new DateTimeOffset(2026, 2, 11, 0, 0, 0, TimeSpan.Zero), metadata.PublishedTime);
        Assert.Equal("text-updated", metadata.Sources["publishedTime"]);
        Assert.Equal(metadata.PublishedTime, metadata.ModifiedTime);
        Assert.Equal("text", metadata.Sources["modifiedTime"]);
    }

    [Fact]
    public void Declared_dates_come_before_shown_ones()
    {
        var metadata = Page("<meta property=\"article:published_time\" content=\"2025-11-13T22:30:00-05:00\">", "<h1>Budget approved</h1><p>November 14, 2025</p>");

        Assert.Equal(new DateTimeOffset(2025, 11, 13, 22, 30, 0, TimeSpan.FromHours(-5)), metadata.PublishedTime);
        Assert.Equal("og", metadata.Sources["publishedTime"]);
    }

    [Fact]
    public void A_declared_date_later_than_the_day_the_page_shows_in_every_time_zone_gives_way()
    {
        // A re-stamped page: it declares this year, but shows the day it first appeared under the headline.
        var migrated = Page("<meta property=\"article:published_time\" content=\"2025-06-24T00:00:00Z\">", "<h1>Budget approved</h1><p>August 25, 2024</p>");
        // The same moment seen from New York: 00:04 UTC on the 19th is the evening of the 18th there.
        var sameMoment = Page("<meta property=\"article:published_time\" content=\"2019-11-19T00:04:00Z\">", "<h1>Budget approved</h1><p>Nov. 18, 2019</p>");

        Assert.Equal(new DateTimeOffset(2024, 8, 25, 0, 0, 0, TimeSpan.Zero), migrated.PublishedTime);
        Assert.Equal("text", migrated.Sources["publishedTime"]);
        Assert.Equal(new DateTimeOffset(2019, 11, 19, 0, 4, 0, TimeSpan.Zero), sameMoment.PublishedTime);
    }

    [Fact]
    public void A_json_ld_publication_later_than_its_own_update_is_not_taken()
    {
        var metadata = Page(
            "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"Budget approved\",\"datePublished\":\"Jun 12, 2025\",\"dateModified\":\"Jun 10, 2025\"}</script>",
            "<h1>Budget approved</h1><p>November 2, 2022</p>");

        Assert.Equal(new DateTimeOffset(2022, 11, 2, 0, 0, 0, TimeSpan.Zero), metadata.PublishedTime);
    }

    [Theory]
    [InlineData("<h1>Budget approved</h1><p>Posted 2 hours ago</p>")]
    [InlineData("<h1>Budget approved</h1><figure><img src=\"a.jpg\"><figcaption>The hall on 3 March 2021. Photo by Lee Park</figcaption></figure>")]
    [InlineData("<h1>Budget approved</h1><p>On March 3, 2021, the council first discussed the swimming pool, and the debate has gone on ever since in every budget meeting of the town, with no end in sight for anybody.</p>")]
    public void Relative_dates_site_clocks_captions_and_prose_give_no_date(string article)
    {
        var metadata = Page("", article);

        Assert.Null(metadata.PublishedTime);
        Assert.Empty(metadata.Authors);
    }

    [Fact]
    public void The_site_header_clock_is_not_the_article_date()
    {
        var metadata = Read("", "<header class=\"masthead\"><span>Tuesday, 18 November 2025</span></header><main><article><h1>Budget approved</h1>" + Prose + "</article></main>");

        Assert.Null(metadata.PublishedTime);
    }

    [Fact]
    public void A_declared_author_that_is_only_the_site_gives_way_to_the_byline()
    {
        var metadata = Page(
            "<meta property=\"og:site_name\" content=\"GlossGenius\"><script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\"headline\":\"Budget approved\",\"author\":{\"@type\":\"Organization\",\"name\":\"GlossGenius\"}}</script>",
            "<h1>Budget approved</h1><div class=\"text__author\">Shauna Mitchell</div>");

        Assert.Equal(["Shauna Mitchell"], metadata.Authors);
        Assert.Equal("byline", metadata.Sources["authors"]);
    }

    [Fact]
    public void The_headline_is_the_h1_that_matches_the_title_not_the_logo()
    {
        var metadata = Read(
            "<title>Where to bike in Houston | Houstonia Magazine</title><meta property=\"og:site_name\" content=\"Houstonia Magazine\">",
            "<h1 class=\"logo\">Houstonia Magazine</h1><main><article><h1>Where to bike in Houston this spring</h1><p>By Daniel Renfrow</p>" + Prose + "</article></main>");

        Assert.Equal("Where to bike in Houston this spring", metadata.Title);
        Assert.Equal(["Daniel Renfrow"], metadata.Authors);
    }

    [Fact]
    public void Json_ld_of_list_entries_and_comments_is_not_the_article()
    {
        var metadata = Page(
            "<script type=\"application/ld+json\">{\"@type\":\"ItemList\",\"itemListElement\":[{\"@type\":\"ListItem\",\"item\":{\"@type\":\"NewsArticle\",\"headline\":\"Other story\",\"author\":\"Card Author\",\"datePublished\":\"2020-01-01\"}}]}</script>" +
            "<script type=\"application/ld+json\">{\"@type\":\"Comment\",\"author\":{\"name\":\"Reader\"},\"dateCreated\":\"2025-01-02\"}</script>",
            "<h1>Budget approved</h1>");

        Assert.Equal("Budget approved", metadata.Title);
        Assert.Empty(metadata.Authors);
        Assert.Null(metadata.PublishedTime);
    }

    [Fact]
    public void A_box_of_other_stories_that_grows_between_visits_does_not_move_the_byline()
    {
        static ArticleMetadata Visit(int stories)
        {
            var dek = string.Concat(Enumerable.Repeat("<p>The pool will open in spring, the library a year later, and the council will borrow for both.</p>", 9));
            var box = "<aside class=\"related\"><h2>Also read</h2><ul>" +
                      string.Concat(Enumerable.Range(1, stories).Select(i => $"<li><a href=\"/s{i}\">Another story about the town council and its budget, part {i}</a></li>")) + "</ul></aside>";
            return Page("", "<h1>Budget approved</h1>" + dek + box + "<p>By Jane Doe, 14 November 2025</p>");
        }

        var before = Visit(2);
        var after = Visit(14);

        Assert.Equal(["Jane Doe"], before.Authors);
        Assert.Equal(before.Authors, after.Authors);
        Assert.Equal(new DateTimeOffset(2025, 11, 14, 0, 0, 0, TimeSpan.Zero), after.PublishedTime);
    }
}
