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

        var long1 = string.Join(' ', Enumerable.Range(1, 5000).Select(i => $"w{i}"));
        var long2 = string.Join(' ', Enumerable.Range(1, 5000).Select(i => i % 10 == 0 ? $"x{i}" : $"w{i}"));
        var bounded = OtherTextChanges.Compare(long1, long2)!;
        Assert.True(bounded.Render().Length <= OtherTextChanges.MaxPassageChars);
        Assert.True(bounded.Passage.Count <= OtherTextChanges.MaxPassageSpans);
        Assert.Equal(500, bounded.WordsAdded);
    }

    [Fact]
    public void Whole_paragraphs_coming_and_going_are_rotation_not_an_edit()
    {
        var earlier = Note + "\n\nGreat article, I have taken this ferry every week for years and it is always late.\n\nThe council approved the new bus lanes on the harbour road last night after a long debate.";
        var later = Note + "\n\nI disagree with the previous commenter, the ferry was on time twice this month already.";

        Assert.Null(OtherTextChanges.Compare(earlier, later));
        Assert.NotEqual(OtherTextChanges.Fingerprint(earlier), OtherTextChanges.Fingerprint(later));
    }

    [Fact]
    public void An_edited_paragraph_among_rotating_ones_is_the_change_and_the_passage_shows_only_it()
    {
        var earlier = "First comment about something else entirely, written by a reader last week.\n\n" + Note;
        var later = "Another comment on a different subject, written by another reader this morning.\n\n" + Note.Replace("old pier", "old quay", StringComparison.Ordinal);

        var change = OtherTextChanges.Compare(earlier, later)!;

        Assert.Equal((1, 1), (change.WordsAdded, change.WordsRemoved));
        Assert.DoesNotContain("comment", change.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_times_and_counters_ticking_are_not_an_edit()
    {
        var earlier = "Posted 3 hours ago by the harbour desk, read 1,204 views so far, about the ferry terminal delay.";
        var later = "Posted 4 hours ago by the harbour desk, read 1,377 views so far, about the ferry terminal delay.";

        Assert.Null(OtherTextChanges.Compare(earlier, later));
        Assert.Equal(OtherTextChanges.Fingerprint(earlier), OtherTextChanges.Fingerprint(later));
        Assert.NotNull(OtherTextChanges.Compare(earlier, later.Replace("ferry terminal", "bus station", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_edited_paragraph_pairs_with_the_first_like_it_in_page_order()
    {
        var earlier = "Readers can send photographs of the old pier to the harbour office before the end of March.";
        var later = "Readers can send photographs of the old quay to the harbour office before the end of March.\n\n" +
                    "Readers can send photographs of the old ferry to the harbour office before the end of March.";

        Assert.Contains("{+quay+}", OtherTextChanges.Compare(earlier, later)!.Render(), StringComparison.Ordinal);
    }
}
