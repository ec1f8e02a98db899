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
}
