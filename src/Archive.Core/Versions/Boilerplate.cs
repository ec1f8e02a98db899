using System.Text.RegularExpressions;
using Archive.Core.Extraction;

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
        return text.Length > 0 && WordDiff.CountWords(text) <= MaxWords && (PagePhrases.Opens(text, PagePhrases.TeaserOpenings) || Whole().IsMatch(text));
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

    // Lines that are nothing but a counter or a prompt.
    [GeneratedRegex("""^(\d[\d,.]*\s*(comments?|replies|shares|views|reactions)|(view|show|load|read)\s+(all\s+|more\s+)?\d*\s*comments?|comments?\s*\(?\d*\)?|we use cookies.*|this (site|website) uses cookies.*|accept( all)? cookies)$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Whole();
}
