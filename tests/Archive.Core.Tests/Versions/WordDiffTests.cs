using Archive.Core.Versions;

namespace Archive.Core.Tests.Versions;

public sealed class WordDiffTests
{
    [Fact]
    public void Finds_changed_words_and_counts_them()
    {
        var diff = WordDiff.Compute("the army withdrew roughly 10 kilometres from the capital.", "the army withdrew roughly 25 kilometres from the capital, not 10 as reported.");
        Assert.Equal(1, diff.WordsRemoved);
        Assert.Equal(5, diff.WordsAdded);
        Assert.Contains(diff.Spans, s => s is { Op: DiffOperation.Delete, Text: "10" });
        Assert.Contains(diff.Spans, s => s is { Op: DiffOperation.Insert, Text: "25" });
        Assert.Equal("the army withdrew roughly [-10-]{+25+} kilometres from the capital{+, not 10 as reported+}.", diff.RenderText());
    }

    [Fact]
    public void Rebuilds_both_texts_from_its_spans()
    {
        var older = "One two three.\n\nFour five six.";
        var newer = "One 2 three.\n\nFour five six seven.\n\nEight.";
        var diff = WordDiff.Compute(older, newer);
        Assert.Equal(older, string.Concat(diff.Spans.Where(s => s.Op != DiffOperation.Insert).Select(s => s.Text)));
        Assert.Equal(newer, string.Concat(diff.Spans.Where(s => s.Op != DiffOperation.Delete).Select(s => s.Text)));
    }

    [Fact]
    public void Is_empty_for_equal_texts()
    {
        var diff = WordDiff.Compute("Same text.", "Same text.");
        Assert.True(diff.IsEmpty);
        Assert.Equal("Same text.", diff.RenderText());
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("one", 1)]
    [InlineData("al-Assad's 24 hours, Damascus!", 6)]
    [InlineData("Дамаск пал", 2)]
    public void Counts_words(string text, int words) => Assert.Equal(words, WordDiff.CountWords(text));
}
