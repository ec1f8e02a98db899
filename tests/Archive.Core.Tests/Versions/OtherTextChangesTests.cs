using Archive.Core.Versions;

namespace Archive.Core.Tests.Versions;

/// <summary>Comparing the page's other readable text between two visits: what counts as a change, and the passage kept.</summary>
public sealed class OtherTextChangesTests
{
    private const string Note = "The harbour authority has asked readers to send photographs of the old pier for an exhibition next year.";

    [Fact]
    public void Typography_white_space_and_rotating_boilerplate_paragraphs_are_not_a_change()
    {
        var earlier = Note + "\n\nAlso read: Bus lanes approved for the harbour road\n\n12 comments";
        var later = Note.Replace(" ", "  ", StringComparison.Ordinal).Replace("year.", "year.\u00a0", StringComparison.Ordinal) + "\n\nAlso read: A new story about something else entirely\n\n57 comments";

        Assert.Null(OtherTextChanges.Compare(earlier, later));
        Assert.Equal(OtherTextChanges.Fingerprint(earlier), OtherTextChanges.Fingerprint(later));
    }

    [Fact]
    public void A_changed_word_is_a_change_with_its_context()
    {
        var change = OtherTextChanges.Compare(Note, Note.Replace("next year", "this winter", StringComparison.Ordinal));

        Assert.NotNull(change);
        Assert.Equal((2, 2), (change.WordsAdded, change.WordsRemoved));
        Assert.Equal("The harbour authority has asked readers to send photographs of the old pier for an exhibition [-next-]{+this+} [-year-]{+winter+}.", change.Render());
        Assert.NotEqual(OtherTextChanges.Fingerprint(Note), OtherTextChanges.Fingerprint(Note.Replace("next year", "this winter", StringComparison.Ordinal)));
    }

    [Fact]
    public void Long_unchanged_stretches_are_cut_to_their_ends_and_the_passage_is_bounded()
    {
        var filler = string.Join(' ', Enumerable.Range(1, 200).Select(i => $"word{i}"));
        var change = OtherTextChanges.Compare($"{filler} alpha {filler}", $"{filler} beta {filler}")!;
        var text = change.Render();

        Assert.StartsWith("… word189", text, StringComparison.Ordinal);
        Assert.Contains("[-alpha-]{+beta+}", text, StringComparison.Ordinal);
        Assert.EndsWith("word12 …", text, StringComparison.Ordinal);

        var huge = string.Join(' ', Enumerable.Range(1, 5000).Select(i => $"new{i}"));
        var bounded = OtherTextChanges.Compare("", huge)!;
        Assert.True(bounded.Render().Length <= OtherTextChanges.MaxPassageChars + 10);
        Assert.Equal(5000, bounded.WordsAdded);
    }
}
