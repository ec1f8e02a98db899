namespace Archive.Testing;

/// <summary>
/// A news page as it changes between visits: its comments, related stories, teaser and comment count come from the
/// visit's number, while the article and an editor's note beside it (prose the article text leaves out) stay the same
/// unless the note is given.
/// </summary>
public static class RotatingNewsPage
{
    /// <summary>A sentence of the article; the article is six paragraphs of it.</summary>
    public const string Sentence = "The harbour authority confirmed on Tuesday that the new ferry terminal will open next spring, two years later than planned.";

    /// <summary>The editor's note outside the article element.</summary>
    public const string Note = "The harbour authority has asked readers to send photographs of the old pier for an exhibition next year.";

    /// <summary>The page on <paramref name="visit"/>, with <paramref name="note"/> as the editor's note.</summary>
    public static string Html(int visit, string note = Note)
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
               $"<div class=\"editors-note\"><div class=\"note-box\"><p>{note}</p></div></div>" +
               $"<section class=\"related-stories\"><h2>Related</h2>{related}</section>" +
               $"<div class=\"more\">{related}</div>" +
               $"<section id=\"comments\"><h2>{visit * 13} Comments</h2><ol>{comments}</ol></section>" +
               "<div class=\"cookie\"><p>This website uses cookies to improve your experience; by continuing you accept them.</p></div>" +
               "</main><footer><p>© 2025 Courier. All rights reserved.</p></footer></body></html>";
    }
}
