using Archive.Core.Extraction.Metadata;

namespace Archive.Core.Tests.Extraction;

/// <summary>Days as people write them on pages, in the main languages of the web.</summary>
public sealed class DateTextTests
{
    [Theory]
    [InlineData("November 14, 2025", "2025-11-14")]
    [InlineData("Nov. 14, 2025 at 9:24 pm ET", "2025-11-14")]
    [InlineData("Nov 14 2025", "2025-11-14")]
    [InlineData("November 14th, 2025", "2025-11-14")]
    [InlineData("14 November 2025", "2025-11-14")]
    [InlineData("Sat, 20 Dec 2025 - 06:36", "2025-12-20")]
    [InlineData("19 Dec, 2025", "2025-12-19")]
    [InlineData("2025-11-14", "2025-11-14")]
    [InlineData("2025/11/14", "2025-11-14")]
    [InlineData("14.11.2025", "2025-11-14")]
    [InlineData("14. November 2025, 09:24 Uhr", "2025-11-14")]
    [InlineData("3. März 2024", "2024-03-03")]
    [InlineData("1er novembre 2025", "2025-11-01")]
    [InlineData("14 décembre 2025", "2025-12-14")]
    [InlineData("14 de noviembre de 2025", "2025-11-14")]
    [InlineData("5 de março de 2024", "2024-03-05")]
    [InlineData("14 dicembre 2025", "2025-12-14")]
    [InlineData("14 ноября 2025 г.", "2025-11-14")]
    [InlineData("14 listopada 2025", "2025-11-14")]
    [InlineData("14 januari 2025", "2025-01-14")]
    [InlineData("2025年11月14日", "2025-11-14")]
    [InlineData("2025년 11월 14일", "2025-11-14")]
    public void Written_days_are_read(string text, string expected)
    {
        var found = DateText.Find(text, monthFirst: false);

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(found).Day);
    }

    [Theory]
    [InlineData("03/04/2025", true, "2025-03-04")]
    [InlineData("03/04/2025", false, "2025-04-03")]
    [InlineData("10/31/2024", false, "2024-10-31")]
    [InlineData("31/10/2024", true, "2024-10-31")]
    [InlineData("03.04.2025", true, "2025-04-03")]
    public void Numeric_days_follow_the_language_unless_a_part_can_only_be_the_day(string text, bool monthFirst, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(DateText.Find(text, monthFirst)).Day);

    [Theory]
    [InlineData("2 hours ago")]
    [InlineData("vor 3 Stunden")]
    [InlineData("yesterday at 9:24 pm")]
    [InlineData("May 2025")]
    [InlineData("Chapter 5, 2025")]
    [InlineData("32 December 2025")]
    [InlineData("February 30, 2024")]
    [InlineData("1.2.3.4567")]
    [InlineData("Version 14.11.2025.3 of the app")]
    public void Relative_partial_and_impossible_dates_are_not_read(string text) =>
        Assert.Empty(DateText.Find(text, monthFirst: true));

    [Theory]
    [InlineData("Published: November 14, 2025", "Published")]
    [InlineData("Posted on 14 November 2025", "Published")]
    [InlineData("Veröffentlicht am 14.11.2025", "Published")]
    [InlineData("Publié le 14 novembre 2025", "Published")]
    [InlineData("Updated Nov. 15, 2025", "Updated")]
    [InlineData("Last updated: 15 November 2025", "Updated")]
    [InlineData("Aktualisiert am 15.11.2025", "Updated")]
    [InlineData("Mis à jour le 15 novembre 2025", "Updated")]
    [InlineData("Atualizado em 15/11/2025", "Updated")]
    [InlineData("Обновлено 15 ноября 2025", "Updated")]
    [InlineData("November 14, 2025", "None")]
    [InlineData("Standard edition, 14 November 2025", "None")]
    public void The_words_before_a_date_say_what_it_is(string text, string label) =>
        Assert.Equal(label, Assert.Single(DateText.Find(text, monthFirst: true)).Label.ToString());

    [Fact]
    public void The_nearest_label_wins()
    {
        var found = DateText.Find("Published March 3, 2024 · Updated March 5, 2025", monthFirst: true);

        Assert.Equal([DateLabel.Published, DateLabel.Updated], found.Select(d => d.Label));
    }
}
