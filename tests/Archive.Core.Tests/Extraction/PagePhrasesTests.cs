using Archive.Core.Extraction;
using Archive.Core.Extraction.Content;
using Archive.Core.Versions;

namespace Archive.Core.Tests.Extraction;

/// <summary>One list of page phrases serves the extractor and the change classifier alike.</summary>
public sealed class PagePhrasesTests
{
    [Theory]
    [InlineData("Also read: Council approves the harbour budget")]
    [InlineData("Read more")]
    [InlineData("Leia também: Prefeitura aprova orçamento do porto")]
    [InlineData("Lesen Sie auch: Stadtrat billigt Hafenbudget")]
    [InlineData("À lire aussi : le conseil approuve le budget du port")]
    [InlineData("Leggi anche: il consiglio approva il bilancio del porto")]
    [InlineData("Lee también: el consejo aprueba el presupuesto del puerto")]
    [InlineData("Читайте также: совет утвердил бюджет порта")]
    [InlineData("Baca juga: Dewan menyetujui anggaran pelabuhan")]
    [InlineData("관련기사 항만 예산 승인")]
    [InlineData("関連記事 港の予算が承認")]
    [InlineData("相关阅读 港口预算获批")]
    public void A_teaser_line_is_furniture_to_the_extractor_and_noise_to_the_change_classifier(string line)
    {
        Assert.True(BoilerplateText.IsBoilerplate(line), "the extractor keeps it");
        Assert.True(Boilerplate.IsBoilerplate(line), "the change classifier counts it as an edit");
    }

    [Theory]
    [InlineData("Subscribers said the new timetable was confusing.")]
    [InlineData("Readers wrote in to complain about the delays.")]
    [InlineData("Relatedly, the council also approved the new bus lanes.")]
    public void An_article_sentence_opening_with_a_similar_word_is_neither(string line)
    {
        Assert.False(BoilerplateText.IsBoilerplate(line));
        Assert.False(Boilerplate.IsBoilerplate(line));
    }

    [Fact]
    public void Phrases_open_a_line_only_as_whole_words()
    {
        Assert.True(PagePhrases.Opens("Subscribe now", PagePhrases.TeaserOpenings));
        Assert.True(PagePhrases.Opens("SIGN UP for the briefing", PagePhrases.TeaserOpenings));
        Assert.False(PagePhrases.Opens("Subscribers said", PagePhrases.TeaserOpenings));
        Assert.False(PagePhrases.Opens("Newsletters are back", PagePhrases.TeaserOpenings));
    }

    [Theory]
    [InlineData("Subscribe to continue reading this article.")]
    [InlineData("Checking your browser before accessing the site.")]
    [InlineData("Страница не найдена")]
    [InlineData("ページが見つかりません")]
    public void Walls_and_error_pages_are_found_in_any_case(string text)
    {
        Assert.NotNull(PagePhrases.FindIn(text.ToUpperInvariant(), PagePhrases.Walls) ?? PagePhrases.FindIn(text.ToUpperInvariant(), PagePhrases.Errors));
    }
}
