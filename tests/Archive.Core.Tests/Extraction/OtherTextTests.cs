using System.Text;
using Archive.Core.Extraction;
using Archive.Testing;

namespace Archive.Core.Tests.Extraction;

/// <summary>
/// The page's other readable text: what a re-check compares when the article text is unchanged. It must move with a
/// paragraph the body left out, and must not move with the parts of a page that change on every visit.
/// </summary>
public sealed class OtherTextTests
{
    private const string Sentence = RotatingNewsPage.Sentence;

    private static ExtractionResult Extract(string html) =>
        new HtmlArticleExtractor().Extract(new HtmlSource(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));

    private static string Page(int visit, string editorsNote = RotatingNewsPage.Note) => RotatingNewsPage.Html(visit, editorsNote);

    [Fact]
    public void A_paragraph_outside_the_body_is_other_text_and_furniture_is_not()
    {
        var result = Extract(Page(1));

        Assert.Equal(6, result.Text.Split("\n\n").Length);
        Assert.Equal("The harbour authority has asked readers to send photographs of the old pier for an exhibition next year.", result.OtherText);
    }

    [Fact]
    public void Rotating_comments_related_stories_teasers_and_counts_leave_the_other_text_unchanged()
    {
        var first = Extract(Page(1));
        var second = Extract(Page(5));

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.OtherText, second.OtherText);
        Assert.NotEqual(Page(1), Page(5));
    }

    [Fact]
    public void An_edited_paragraph_the_body_left_out_changes_the_other_text()
    {
        var first = Extract(Page(1));
        var edited = Extract(Page(1, "The harbour authority has asked readers to send photographs of the old quay for an exhibition next year."));

        Assert.Equal(first.Text, edited.Text);
        Assert.NotEqual(first.OtherText, edited.OtherText);
        Assert.Contains("old quay", edited.OtherText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_bytes_give_the_same_other_text()
    {
        var page = Page(3);

        Assert.Equal(Extract(page).OtherText, Extract(page).OtherText);
    }

    [Fact]
    public void The_other_text_is_bounded()
    {
        var notes = string.Concat(Enumerable.Range(1, 400).Select(i => $"<div class=\"note-box\"><p>Note {i}. {Sentence}</p></div>"));
        var result = Extract($"<html><body><article><h1>Ferry</h1>{string.Concat(Enumerable.Range(1, 500).Select(i => $"<p>Paragraph {i}. {Sentence}</p>"))}</article><div class=\"box\">{notes}</div></body></html>");

        Assert.InRange(result.OtherText.Length, 1, 20_000);
    }

    [Fact]
    public void A_page_without_other_prose_has_empty_other_text()
    {
        var result = Extract($"<html><body><article><h1>Ferry</h1>{string.Concat(Enumerable.Range(1, 5).Select(i => $"<p>Paragraph {i}. {Sentence}</p>"))}</article><footer><a href=\"/\">Home</a></footer></body></html>");

        Assert.Equal("", result.OtherText);
    }

    [Fact]
    public void A_short_article_with_related_cards_outside_its_article_element_stays_an_article_on_every_visit()
    {
        // The related stories' text grows and shrinks between visits; the page kind must not follow it.
        foreach (var visit in Enumerable.Range(1, 12))
        {
            var result = Extract(Page(visit));
            Assert.True(result.Kind == PageKind.Article, $"visit {visit}: {result.Kind} ({result.Reason})");
        }
    }
}
