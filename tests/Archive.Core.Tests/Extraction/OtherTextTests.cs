using System.Text;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

/// <summary>
/// The page's other readable text: what a re-check compares when the article text is unchanged. It must move with a
/// paragraph the body left out, and must not move with the parts of a page that change on every visit.
/// </summary>
public sealed class OtherTextTests
{
    private const string Sentence = "The harbour authority confirmed on Tuesday that the new ferry terminal will open next spring, two years later than planned.";

    private static ExtractionResult Extract(string html) =>
        new HtmlArticleExtractor().Extract(new HtmlSource(Encoding.UTF8.GetBytes(html), "text/html; charset=utf-8"));

    /// <summary>An article page whose rotating parts (comments, related stories, teasers, counts) come from <paramref name="visit"/>.</summary>
    private static string Page(int visit, string editorsNote = "The harbour authority has asked readers to send photographs of the old pier for an exhibition next year.")
    {
        var comments = string.Concat(Enumerable.Range(visit, 3).Select(i =>
            $"<li class=\"comment\"><div class=\"comment-author\">Reader{i} Name{i * 7}</div><p>Comment {i}: I have taken this ferry every week for {i + 10} years and the delays are the worst I remember, frankly.</p></li>"));
        var related = string.Concat(Enumerable.Range(visit, 4).Select(i =>
            $"<div><h3><a href=\"/s/{i}\">Other story number {i} about the harbour</a></h3><p>The council met on Tuesday to discuss story {i} and decided that the plans would be...</p></div>"));
        return "<html><head><title>Ferry terminal delayed | Courier</title></head><body>" +
               "<header><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav></header>" +
               "<main><article><h1>Ferry terminal delayed</h1>" +
               string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>Paragraph {i}. {Sentence}</p>")) +
               $"<p>Also read: <a href=\"/r/{visit}\">Bus lanes approved for the harbour road, part {visit}</a></p>" +
               $"<p><a href=\"#comments\">{visit * 13} comments</a></p>" +
               "</article>" +
               $"<div class=\"editors-note\"><div class=\"note-box\"><p>{editorsNote}</p></div></div>" +
               $"<section class=\"related-stories\"><h2>Related</h2>{related}</section>" +
               $"<div class=\"more\">{related}</div>" +
               $"<section id=\"comments\"><h2>{visit * 13} Comments</h2><ol>{comments}</ol></section>" +
               "<div class=\"cookie\"><p>This website uses cookies to improve your experience; by continuing you accept them.</p></div>" +
               "</main><footer><p>© 2025 Courier. All rights reserved.</p></footer></body></html>";
    }

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
}
