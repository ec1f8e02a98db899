using Archive.Core.Hashing;

namespace Archive.Core.Tests.Hashing;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("Assad’s “regime”", "Assad's \"regime\"")]
    [InlineData("a\u00A0b", "a b")]
    [InlineData("co\u00ADoperate", "cooperate")]
    [InlineData("zero\u200Bwidth", "zerowidth")]
    [InlineData("  many   spaces\there ", "many spaces here")]
    [InlineData("dash – and — here", "dash - and - here")]
    [InlineData("wait…", "wait...")]
    [InlineData("e\u0301", "é")]
    [InlineData("ﬁne", "fine")]
    public void Folds_what_readers_do_not_call_an_edit(string input, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(input));

    [Fact]
    public void Keeps_paragraphs_as_single_blank_lines()
    {
        Assert.Equal("First.\n\nSecond.", TextNormalizer.Normalize("First.\n\n\n\n  Second.  \n"));
        Assert.Equal("First.\n\nSecond.", TextNormalizer.Normalize("First.\r\nSecond."));
    }

    [Theory]
    [InlineData("10 kilometres", "25 kilometres")]
    [InlineData("Assad", "assad")]
    [InlineData("fell.", "fell!")]
    [InlineData("the rebels", "the  rebels'")]
    public void Keeps_every_real_change(string before, string after) =>
        Assert.NotEqual(TextNormalizer.Normalize(before), TextNormalizer.Normalize(after));

    [Fact]
    public void Inline_form_joins_paragraphs_with_spaces() =>
        Assert.Equal("One. Two.", TextNormalizer.NormalizeInline("One.\n\nTwo."));
}
