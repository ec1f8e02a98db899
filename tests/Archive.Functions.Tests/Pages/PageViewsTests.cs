using System.Xml.Linq;
using Archive.Core.Extraction;
using Archive.Core.Versions;
using Archive.Functions.Pages;
using Archive.Functions.Pages.Views;
using Archive.Testing;

namespace Archive.Functions.Tests.Pages;

/// <summary>The renderers on their own: escaping, links, paging between changes, Atom.</summary>
public sealed class PageViewsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Holes_are_encoded_and_safe_pieces_are_not()
    {
        const string hostile = "\"><script>alert('x')</script>&";
        var html = Html.Of($"<p title=\"{hostile}\">{hostile}{Html.Of($"<b>{hostile}</b>")}{42}</p>");
        Assert.Equal(
            "<p title=\"&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;\">&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;<b>&quot;&gt;&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&amp;</b>42</p>",
            html.Value);
        Assert.Equal("Ünïcödé 日本語", Html.Text("Ünïcödé 日本語").Value);
    }

    [Theory]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("JAVASCRIPT:alert(1)", false)]
    [InlineData("data:text/html,<script>alert(1)</script>", false)]
    [InlineData("//evil.example/", false)]
    [InlineData("https://example.com/a?b=1&c=\"2\"", true)]
    public void Links_from_archived_pages_are_links_only_when_http(string url, bool linked)
    {
        var html = Layout.ExternalLink(url).Value;
        Assert.Equal(linked, html.Contains("href=", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"2\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2, null, "/diff?from=2&amp;to=3")]
    [InlineData(2, 3, "/diff?from=1&amp;to=2", null)]
    [InlineData(1, 3, "/diff?from=1&amp;to=2", null)]
    public void The_diff_page_pages_through_consecutive_changes(int from, int to, string? previous, string? next)
    {
        var head = TestRecords.Head("https://example.com/a", T0) with { LatestVersion = 3 };
        var diff = new VersionDiff
        {
            From = Version(head, from, "One two three."),
            To = Version(head, to, "One <b>two</b> four."),
            MetadataChanges = [new MetadataChange("title", "<i>Old</i>", "New")],
            Text = WordDiff.Compute("One two three.", "One <b>two</b> four."),
        };
        var page = DiffView.Render(head, diff, 3).Value;
        Assert.Equal(previous is not null, page.Contains("id=\"previous-change\"", StringComparison.Ordinal));
        Assert.Equal(next is not null, page.Contains("id=\"next-change\"", StringComparison.Ordinal));
        Assert.Contains(previous ?? next!, page, StringComparison.Ordinal);
        Assert.Contains("<del>&lt;i&gt;Old&lt;/i&gt;</del>", page, StringComparison.Ordinal);
        Assert.Matches("<ins>[^<]*four", page);
        Assert.Matches("<del>[^<]*three", page);
        Assert.Contains("&lt;b&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Atom_keeps_archived_markup_as_text_and_drops_characters_xml_cannot_hold()
    {
        var xml = AtomFeed.Write(
            new Uri("http://127.0.0.1:7071/"), "urn:archive:changes", "Changes", PageRoutes.ArchiveFeed, PageRoutes.Home, T0,
            [new FeedEntry("urn:archive:x:v2", "<script>alert(1)</script>\u0001 & more 🎉", T0, PageRoutes.Diff("x", 1, 2), "]]> </summary>")]);
        var feed = XDocument.Parse(xml);
        XNamespace atom = "http://www.w3.org/2005/Atom";
        var entry = Assert.Single(feed.Root!.Elements(atom + "entry"));
        Assert.Equal("<script>alert(1)</script> & more 🎉", entry.Element(atom + "title")!.Value);
        Assert.Equal("]]> </summary>", entry.Element(atom + "summary")!.Value);
        Assert.Equal("http://127.0.0.1:7071/articles/x/diff?from=1&to=2", entry.Element(atom + "link")!.Attribute("href")!.Value);
    }

    [Fact]
    public async Task Malformed_page_requests_are_answered_with_error_pages_without_touching_storage()
    {
        var article = new ArticlePage(null!);
        var request = FunctionHttp.Request(query: "?version=-1");
        var bad = await FunctionHttp.ExecuteAsync(request, await article.Run(request, "0123456789abcdef0123456789abcdef", CancellationToken.None));
        Assert.Equal(400, bad.Status);
        Assert.Equal("text/html; charset=utf-8", bad.ContentType);
        Assert.Equal(PageResult.ContentSecurityPolicy, bad.Headers.ContentSecurityPolicy.ToString());
        Assert.Contains("version number", bad.Text, StringComparison.Ordinal);

        var feed = new ArticleFeed(null!);
        var feedRequest = FunctionHttp.Request();
        var badId = await FunctionHttp.ExecuteAsync(feedRequest, await feed.Run(feedRequest, "<script>", CancellationToken.None));
        Assert.Equal(400, badId.Status);
        Assert.DoesNotContain("<script>", badId.Text, StringComparison.Ordinal);
    }

    private static ArticleVersion Version(ArticleHead head, int number, string text) => new()
    {
        Record = new VersionRecord
        {
            ArticleId = head.Id.Value,
            Number = number,
            Url = head.Url,
            Capture = new CaptureEvidence
            {
                RequestedUrl = head.Url, FinalUrl = head.Url, FetchStartedAt = T0, FetchCompletedAt = T0, StatusCode = 200, HttpVersion = "1.1", Headers = [], ByteLength = text.Length,
            },
            OriginalSha256 = new string('a', 64),
            CleanTextSha256 = new string('b', 64),
            TextSha256 = new string('c', 64),
            TextLength = text.Length,
            Extractor = new ExtractorInfo("test", "1"),
            Metadata = new ArticleMetadata { Title = "<i>Title</i>" },
            Submission = new SubmissionInfo([], null, "submit"),
        },
        RecordSha256 = new string('d', 64),
        FirstSeenAt = T0.AddHours(number),
        LastSeenAt = T0.AddHours(number),
    };
}
