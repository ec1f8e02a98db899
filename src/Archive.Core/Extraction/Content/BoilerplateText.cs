using System.Globalization;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// Short lines that are page furniture in many languages (the wording is <see cref="PagePhrases"/>): share prompts,
/// "read more", advertisement labels, newsletter calls, copyright lines, photo credits, bylines. Matched at the start of
/// short blocks only, so an article sentence that happens to begin with one of these words is not touched.
/// </summary>
internal static class BoilerplateText
{
    /// <summary>Blocks longer than this (in characters) are never judged by their wording.</summary>
    public const int MaxLength = 120;

    /// <summary>True when a heading opens a section of other stories or comments ("Related", "Você pode gostar...").</summary>
    public static bool IsSectionHeading(string text)
    {
        if (text.Length > 50)
        {
            return false;
        }

        var trimmed = text.TrimStart(' ', '-', '—', '•', '»', '›', '>', '|', '#', '*');
        foreach (var phrase in PagePhrases.SectionHeadings)
        {
            // The heading names the section and little else: "Related stories", not "Related post: Pickled Sprouts".
            if (trimmed.StartsWith(phrase, StringComparison.OrdinalIgnoreCase) && trimmed.Length - phrase.Length <= 20 &&
                !trimmed.AsSpan(phrase.Length).Contains(':'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Blocks up to this long are furniture when they call to action anywhere ("... sign up for our newsletter").</summary>
    public const int MaxCallToActionLength = 160;

    /// <summary>True when a short block reads like page furniture.</summary>
    public static bool IsBoilerplate(string text)
    {
        if (text.Length <= MaxCallToActionLength && PagePhrases.FindIn(text, PagePhrases.CallsToAction) is not null)
        {
            return true;
        }

        if (text.Length > MaxLength)
        {
            return text.Length < 400 && IsCopyright(text);
        }

        if (text.Length < 80 && !EndsLikeSentence(text))
        {
            foreach (var prefix in PagePhrases.BylineOpenings)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && text.Length > prefix.Length && char.IsUpper(text[prefix.Length]))
                {
                    return true;
                }
            }
        }

        return PagePhrases.Opens(text, PagePhrases.TeaserOpenings) || PagePhrases.Opens(text, PagePhrases.FurnitureOpenings);
    }

    private static bool IsCopyright(string text) => PagePhrases.FindIn(text, PagePhrases.Copyright) is not null;

    /// <summary>True when the text ends like a sentence (in any script).</summary>
    public static bool EndsLikeSentence(string text)
    {
        for (var i = text.Length - 1; i >= 0 && i >= text.Length - 4; i--)
        {
            var c = text[i];
            switch (c)
            {
                case '.' or '!' or '?' or '。' or '！' or '？' or '…' or ':' or ';' or '다' or '요':
                    return true;
                case '"' or '”' or '’' or '\'' or ')' or '»' or '」' or '』' or ' ':
                    continue;
                default:
                    return CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherPunctuation && c is not ',' and not '、' and not '，';
            }
        }

        return false;
    }
}
