using System.Text.RegularExpressions;

namespace Archive.Core.Versions;

/// <summary>
/// Recognises the short, rotating paragraphs that sit in or around an article without being part of it: "Also read"
/// and "Read more" links, related-story teasers, comment counts, newsletter and cookie prompts. A change confined to
/// them is noise, never an edit. Only short paragraphs qualify, so a real paragraph that happens to begin with such
/// words still counts as the body.
/// </summary>
public static partial class Boilerplate
{
    /// <summary>The longest paragraph, in words, that can be taken for boilerplate.</summary>
    public const int MaxWords = 30;

    /// <summary>True when <paramref name="paragraph"/> is boilerplate.</summary>
    public static bool IsBoilerplate(string paragraph)
    {
        ArgumentNullException.ThrowIfNull(paragraph);
        var text = paragraph.Trim();
        return text.Length > 0 && WordDiff.CountWords(text) <= MaxWords && (Lead().IsMatch(text) || Whole().IsMatch(text));
    }

    /// <summary>The paragraphs of <paramref name="text"/> that are not boilerplate, joined as paragraphs again.</summary>
    public static string Significant(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join("\n\n", Paragraphs(text).Where(p => !IsBoilerplate(p)));
    }

    /// <summary>The paragraphs of a clean text.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.Split(["\n\n", "\r\n\r\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // Openings of teaser and prompt lines, in the languages newsrooms most often publish in.
    [GeneratedRegex("""^(also read|read also|read more|more:|read:|related( stories| articles| coverage)?:?|see also|recommended( for you| reading)?|more from|you may also like|you might also like|don'?t miss|watch:|listen:|trending:|top stories|latest news|advertisement|sponsored|subscribe|sign up|newsletter|follow us|join our|share this|click here|leia também|leia mais|veja também|lesen sie auch|mehr zum thema|lire aussi|à lire aussi|leggi anche|lee también|baca juga|читайте также)\b""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Lead();

    // Lines that are nothing but a counter or a prompt.
    [GeneratedRegex("""^(\d[\d,.]*\s*(comments?|replies|shares|views|reactions)|(view|show|load|read)\s+(all\s+|more\s+)?\d*\s*comments?|comments?\s*\(?\d*\)?|we use cookies.*|this (site|website) uses cookies.*|accept( all)? cookies)$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Whole();
}
