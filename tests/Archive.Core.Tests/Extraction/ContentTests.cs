using System.Text;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

/// <summary>What the main-content algorithm keeps and drops, on small pages built for one rule each.</summary>
public sealed class ContentTests
{
    private const string Sentence = "The harbour authority confirmed on Tuesday that the new ferry terminal will open next spring, two years later than planned.";

    private static string Extract(string body) =>
        new HtmlArticleExtractor().Extract(new HtmlSource(Encoding.UTF8.GetBytes($"<html><head><title>Ferry terminal delayed | Courier</title></head><body>{body}</body></html>"), "text/html")).Text;

    private static string Prose(string tag = "p", int count = 4) => string.Concat(Enumerable.Range(1, count).Select(i => $"<{tag}>{i}. {Sentence}</{tag}>"));

    [Fact]
    public void Headings_lists_and_quotes_are_kept_in_reading_order()
    {
        var text = Extract($"<article><h1>Ferry terminal delayed</h1><p>First. {Sentence}</p><h2>What happens next</h2><p>Second. {Sentence}</p>" +
                           $"<ul><li>Ferries keep the old pier.</li><li>Buses connect to the town.</li></ul><blockquote><p>Quoted. {Sentence}</p></blockquote><p>Last. {Sentence}</p></article>");

        Assert.Equal(
            $"First. {Sentence}\n\nWhat happens next\n\nSecond. {Sentence}\n\nFerries keep the old pier.\n\nBuses connect to the town.\n\nQuoted. {Sentence}\n\nLast. {Sentence}",
            text);
    }

    [Fact]
    public void The_title_is_not_repeated_in_the_text()
    {
        var text = Extract($"<article><h1>Ferry terminal delayed</h1>{Prose()}</article>");

        Assert.DoesNotContain("Ferry terminal delayed", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<nav><a href=/a>News</a> <a href=/b>Sport</a> <a href=/c>Weather</a></nav>", "Weather")]
    [InlineData("<div class=\"share-buttons\"><a href=#>Share on Facebook</a> <a href=#>Tweet</a></div>", "Facebook")]
    [InlineData("<div class=\"newsletter-box\"><p>Get our morning briefing delivered to your inbox every day for free.</p></div>", "briefing")]
    [InlineData("<div class=\"related-articles\"><h3>Related</h3><ul><li><a href=/x>Port expansion approved by the council</a></li></ul></div>", "expansion")]
    [InlineData("<div id=\"comments\"><p>What a waste of taxpayers' money, this council never learns from its mistakes at all.</p></div>", "taxpayers")]
    [InlineData("<div class=\"cookie-banner\"><p>We use cookies to give you the best experience on our website.</p></div>", "cookies")]
    [InlineData("<div class=\"ad-container\"><p>Advertisement</p></div>", "Advertisement")]
    [InlineData("<figure><img src=a.jpg><figcaption>The old ferry pier at dawn. Photo: Jane Doe</figcaption></figure>", "dawn")]
    [InlineData("<p>Read more: Council votes on port budget</p>", "Read more")]
    public void Furniture_is_dropped(string furniture, string marker)
    {
        var text = Extract($"<article>{Prose(count: 2)}{furniture}{Prose(count: 2)}</article>");

        Assert.DoesNotContain(marker, text, StringComparison.Ordinal);
        Assert.Contains(Sentence, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_section_after_a_related_heading_is_dropped()
    {
        var teasers = string.Concat(Enumerable.Range(1, 4).Select(i => $"<div><p>Teaser {i}: a long summary of another story that has nothing to do with this one, about schools and roads.</p></div>"));
        var text = Extract($"<div class=\"main\"><article>{Prose()}</article><section><h3>You may also like</h3>{teasers}</section></div>");

        Assert.DoesNotContain("Teaser", text, StringComparison.Ordinal);
        Assert.Contains(Sentence, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Div_soup_and_line_breaks_give_paragraphs()
    {
        var text = Extract($"<div class=\"x\"><div>{Sentence}</div><div>Two. {Sentence}</div><div>Three. {Sentence}<br><br>Four. {Sentence}</div></div>");

        Assert.Equal(4, text.Split("\n\n").Length);
    }

    [Fact]
    public void The_densest_block_wins_over_a_sidebar_of_teasers()
    {
        var sidebar = string.Concat(Enumerable.Range(1, 10).Select(i => $"<li><a href=\"/s/{i}\">Sidebar story {i} with a fairly long headline about something</a></li>"));
        var text = Extract($"<div class=\"layout\"><div class=\"col\">{Prose(count: 6)}</div><div class=\"col2\"><ul>{sidebar}</ul></div></div>");

        Assert.DoesNotContain("Sidebar", text, StringComparison.Ordinal);
        Assert.Equal(6, text.Split("\n\n").Length);
    }

    [Fact]
    public void A_wrapper_with_a_furniture_word_in_its_class_still_counts_when_it_holds_the_article()
    {
        var text = Extract($"<div class=\"modal-enabled\"><div class=\"entry-content-read-more\">{Prose(count: 6)}</div></div><div class=\"footer\"><a href=/>Home</a></div>");

        Assert.Equal(6, text.Split("\n\n").Length);
    }

    [Fact]
    public void A_content_element_holding_a_large_share_of_the_prose_is_kept_whatever_its_layout_wrapper_is_called()
    {
        var toc = "<nav class=\"toc\"><a href=\"#a\">Part one</a> <a href=\"#b\">Part two</a></nav>";
        var text = Extract($"<div class=\"grid-toc-content-sidebar\">{toc}<div class=\"article-body\">{Prose(count: 6)}</div></div>" +
                           $"<aside>{string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>Elsewhere {i}: {Sentence}</p>"))}</aside>" +
                           $"<footer>{string.Concat(Enumerable.Range(1, 4).Select(i => $"<p>Elsewhere too {i}: {Sentence}</p>"))}</footer>");

        Assert.Equal(6, text.Split("\n\n").Length);
        Assert.StartsWith("1. ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Elsewhere", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Entities_and_white_space_are_normalised()
    {
        var text = Extract($"<article><p>Caf&eacute; &amp; bar&nbsp;reopen   after\n\n  the   flood &#8212; {Sentence}</p>{Prose()}</article>");

        Assert.StartsWith("Café & bar reopen after the flood — ", text, StringComparison.Ordinal);
    }
}
