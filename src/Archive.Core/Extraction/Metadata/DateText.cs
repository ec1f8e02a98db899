using System.Globalization;
using System.Text.RegularExpressions;

namespace Archive.Core.Extraction.Metadata;

/// <summary>Whether a date shown on a page is said to be the publication or the last update.</summary>
internal enum DateLabel
{
    /// <summary>No word says which.</summary>
    None,

    /// <summary>"Published", "Posted", "Veröffentlicht", "Publié"...</summary>
    Published,

    /// <summary>"Updated", "Last modified", "Aktualisiert", "Mis à jour"...</summary>
    Updated,
}

/// <summary>A calendar day found in text, where it was and what the words before it call it.</summary>
internal readonly record struct TextDate(DateOnly Day, int Index, int Length, DateLabel Label);

/// <summary>
/// Reads the days people write on pages, in the main languages of the web: "November 14, 2025", "Nov. 14, 2025 at
/// 9:24 pm ET", "14 November 2025", "14. November 2025", "14 de noviembre de 2025", "14 ноября 2025 г.", "2025-11-14",
/// "14.11.2025", "11/14/2025", "2025年11月14日". Only whole days count: a month and year alone, or a relative date
/// ("2 hours ago", "yesterday"), is not read, as the extractor has no clock to read it against.
/// </summary>
internal static class DateText
{
    /// <summary>Years outside this range are taken for something else (a number, a model, a price).</summary>
    public const int MinYear = 1990;

    public const int MaxYear = 2100;

    // Month names and abbreviations; an abbreviation shared by several languages means the same month in all of them.
    private static readonly Dictionary<string, int> Months = BuildMonths();

    private static readonly string[] PublishedWords =
    [
        "published", "posted", "released", "submitted", "created", "written", "date", "veröffentlicht", "erschienen", "publiziert",
        "erstellt", "publié", "publiée", "mis en ligne", "publicado", "publicada", "publicación", "pubblicato", "pubblicata",
        "gepubliceerd", "geplaatst", "publicerad", "publiceret", "publisert", "opublikowano", "publikováno", "опубликовано",
        "опубликован", "дата публикации", "yayınlanma", "発行", "公開", "发布", "發佈", "게시", "등록", "입력",
    ];

    private static readonly string[] UpdatedWords =
    [
        "updated", "update", "modified", "revised", "edited", "refreshed", "aktualisiert", "geändert", "zuletzt",
        "stand", "mis à jour", "mise à jour", "modifié", "actualizado", "actualizada", "actualización", "atualizado", "atualizada",
        "atualização", "aggiornato", "aggiornata", "aggiornamento", "bijgewerkt", "gewijzigd", "uppdaterad", "opdateret", "oppdatert",
        "zaktualizowano", "aktualizováno", "обновлено", "обновлён", "обновлен", "изменено", "更新", "수정",
    ];

    private static readonly Regex NamedMonth = new(
        """
        (?<![\p{L}\d])(?:
            (?<month1>\p{L}{3,10})\.?\s{0,3}(?<day1>\d{1,2})(?:st|nd|rd|th)?\s{0,3}(?:,|\s)\s{0,3}(?<year1>\d{4})
          | (?<day2>\d{1,2})(?:st|nd|rd|th|er|e|º|°|\.)?\s{0,3}(?:de\s+|of\s+)?(?<month2>\p{L}{3,10})\.?,?\s{0,3}(?:de\s+|del\s+)?(?<year2>\d{4})
        )(?!\d)
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled);

    private static readonly Regex Numeric = new(
        """
        (?<![\d.\-/])(?:
            (?<y1>\d{4})(?<s1>[-/.])(?<m1>\d{1,2})\k<s1>(?<d1>\d{1,2})
          | (?<a>\d{1,2})(?<s2>[-/.])(?<b>\d{1,2})\k<s2>(?<y2>\d{4})
          | (?<y3>\d{4})\s?[年년]\s?(?<m3>\d{1,2})\s?[月월]\s?(?<d3>\d{1,2})
        )(?![\d/]|[.\-]\d)
        """,
        RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.Compiled);

    /// <summary>The days written in <paramref name="text"/>, in order, with the label the words before each give it.</summary>
    /// <param name="text">A short piece of text (a byline, a dateline).</param>
    /// <param name="monthFirst">Read "03/04/2025" as March 4 (American English) rather than 3 April.</param>
    public static List<TextDate> Find(string text, bool monthFirst)
    {
        var found = new List<TextDate>();
        if (text.Length < 8 || !text.AsSpan().ContainsAny("0123456789"))
        {
            return found;
        }

        foreach (Match match in NamedMonth.Matches(text))
        {
            var first = match.Groups["month1"].Success;
            var month = MonthOf(match.Groups[first ? "month1" : "month2"].Value);
            var day = int.Parse(match.Groups[first ? "day1" : "day2"].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(match.Groups[first ? "year1" : "year2"].Value, CultureInfo.InvariantCulture);
            if (month > 0 && Day(year, month, day) is { } date)
            {
                found.Add(new TextDate(date, match.Index, match.Length, LabelBefore(text, match.Index)));
            }
        }

        foreach (Match match in Numeric.Matches(text))
        {
            if (Overlaps(found, match.Index))
            {
                continue;
            }

            DateOnly? date;
            if (match.Groups["y1"].Success)
            {
                date = Day(Number(match, "y1"), Number(match, "m1"), Number(match, "d1"));
            }
            else if (match.Groups["y3"].Success)
            {
                date = Day(Number(match, "y3"), Number(match, "m3"), Number(match, "d3"));
            }
            else
            {
                var (a, b, year) = (Number(match, "a"), Number(match, "b"), Number(match, "y2"));
                // A part above 12 can only be the day; otherwise the page's language decides (dotted dates are always day first).
                var dayFirst = a > 12 || (b <= 12 && (!monthFirst || match.Groups["s2"].Value == "."));
                date = dayFirst ? Day(year, b, a) : Day(year, a, b);
            }

            if (date is { } day)
            {
                found.Add(new TextDate(day, match.Index, match.Length, LabelBefore(text, match.Index)));
            }
        }

        found.Sort((x, y) => x.Index.CompareTo(y.Index));
        return found;
    }

    /// <summary>What the words just before <paramref name="index"/> call the date there; the nearest label wins.</summary>
    public static DateLabel LabelBefore(string text, int index)
    {
        var from = Math.Max(0, index - 40);
        var before = text[from..index].ToLowerInvariant();
        var published = LastIndexOfAny(before, PublishedWords);
        var updated = LastIndexOfAny(before, UpdatedWords);
        if (published < 0 && updated < 0)
        {
            return DateLabel.None;
        }

        return updated > published ? DateLabel.Updated : DateLabel.Published;
    }

    /// <summary>The month a name or abbreviation stands for (1-12), or 0.</summary>
    public static int MonthOf(string name) =>
        Months.TryGetValue(name.TrimEnd('.').ToLowerInvariant(), out var month) ? month : 0;

    private static int LastIndexOfAny(string text, string[] words)
    {
        var best = -1;
        foreach (var word in words)
        {
            var at = text.LastIndexOf(word, StringComparison.Ordinal);
            // A word, not part of one: "date" but not "update", "stand" but not "standard" (scripts without spaces aside).
            var spaced = word[0] < '\u3000';
            while (at >= 0 && spaced && ((at > 0 && char.IsLetter(text[at - 1])) || (at + word.Length < text.Length && char.IsLetter(text[at + word.Length]))))
            {
                at = at > 0 ? text.LastIndexOf(word, at - 1, StringComparison.Ordinal) : -1;
            }

            best = Math.Max(best, at);
        }

        return best;
    }

    private static bool Overlaps(List<TextDate> found, int index)
    {
        foreach (var date in found)
        {
            if (index >= date.Index && index < date.Index + date.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static DateOnly? Day(int year, int month, int day) =>
        year is >= MinYear and <= MaxYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    private static Dictionary<string, int> BuildMonths()
    {
        string[][] names =
        [
            // English, German, French, Spanish, Portuguese, Italian, Dutch, Swedish, Danish and Norwegian, Polish, Czech, Turkish, Russian, Ukrainian.
            ["january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "janeiro", "gennaio", "gen", "januari", "stycznia", "styczeń", "ledna", "leden", "ocak", "января", "январь", "янв", "січня"],
            ["february", "feb", "februar", "feber", "février", "févr", "fév", "febrero", "fevereiro", "fev", "febbraio", "februari", "lutego", "luty", "února", "únor", "şubat", "февраля", "февраль", "фев", "лютого"],
            ["march", "mar", "märz", "mrz", "mars", "marzo", "março", "maart", "mrt", "marts", "marca", "marzec", "března", "březen", "mart", "марта", "март", "мар", "березня"],
            ["april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "kwiecień", "dubna", "duben", "nisan", "апреля", "апрель", "апр", "квітня"],
            ["may", "mai", "mayo", "maio", "maggio", "mag", "mei", "maj", "maja", "května", "květen", "mayıs", "мая", "май", "травня"],
            ["june", "jun", "juni", "juin", "junio", "junho", "giugno", "giu", "czerwca", "czerwiec", "června", "červen", "haziran", "июня", "июнь", "июн", "червня"],
            ["july", "jul", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug", "lipca", "lipiec", "července", "červenec", "temmuz", "июля", "июль", "июл", "липня"],
            ["august", "aug", "août", "agosto", "ago", "augustus", "augusti", "sierpnia", "sierpień", "srpna", "srpen", "ağustos", "августа", "август", "авг", "серпня"],
            ["september", "sep", "sept", "septembre", "septiembre", "setiembre", "setembro", "set", "settembre", "wrzesień", "września", "září", "eylül", "сентября", "сентябрь", "сен", "сент", "вересня"],
            ["october", "oct", "oktober", "okt", "octobre", "octubre", "outubro", "out", "ottobre", "ott", "października", "październik", "října", "říjen", "ekim", "октября", "октябрь", "окт", "жовтня"],
            ["november", "nov", "novembre", "noviembre", "novembro", "listopada", "listopad", "listopadu", "kasım", "ноября", "ноябрь", "ноя", "листопада"],
            ["december", "dec", "dezember", "dez", "décembre", "déc", "diciembre", "dic", "dezembro", "dicembre", "grudnia", "grudzień", "prosince", "prosinec", "aralık", "декабря", "декабрь", "дек", "грудня"],
        ];
        var months = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            foreach (var name in names[i])
            {
                months[name] = i + 1;
            }
        }

        return months;
    }
}
