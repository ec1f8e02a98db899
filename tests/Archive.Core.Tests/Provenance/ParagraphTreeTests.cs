using Archive.Core.Provenance;

namespace Archive.Core.Tests.Provenance;

public sealed class ParagraphTreeTests
{
    private const string Text =
        "The rebel forces entered the capital on Sunday morning.\n\n" +
        "Observers say the army withdrew \u201croughly 10 kilometres\u201d from the capital.\n" +
        "The rebels are also freeing detainees from a notorious prison.\n\n\n" +
        "  Hours earlier, the rebels claimed the major city to the north.  \n\n" +
        "A commander said the final phase had begun.";

    [Fact]
    public void Paragraphs_are_the_normalized_text_split_at_its_paragraph_breaks()
    {
        Assert.Equal(
            [
                "The rebel forces entered the capital on Sunday morning.",
                "Observers say the army withdrew \"roughly 10 kilometres\" from the capital.",
                "The rebels are also freeing detainees from a notorious prison.",
                "Hours earlier, the rebels claimed the major city to the north.",
                "A commander said the final phase had begun.",
            ],
            ParagraphTree.Split(Text));
        Assert.Empty(ParagraphTree.Split(" \n\n "));
    }

    [Fact]
    public void Every_paragraph_proves_into_the_root_and_a_paragraph_changed_by_one_character_does_not()
    {
        var tree = ParagraphTree.Of(Text);
        for (var i = 0; i < tree.Count; i++)
        {
            Assert.True(ParagraphTree.Verify(tree.Paragraphs[i], i, tree.Count, tree.AuditPath(i), tree.RootHex));
            var changed = tree.Paragraphs[i].Replace('e', 'a');
            Assert.False(ParagraphTree.Verify(changed, i, tree.Count, tree.AuditPath(i), tree.RootHex));
            Assert.False(ParagraphTree.Verify(tree.Paragraphs[i], (i + 1) % tree.Count, tree.Count, tree.AuditPath(i), tree.RootHex));
        }
    }

    [Fact]
    public void A_passage_of_whole_consecutive_paragraphs_is_found_whatever_its_white_space_and_quotes()
    {
        var tree = ParagraphTree.Of(Text);
        Assert.Equal((1, 1), tree.FindWhole("Observers say the army   withdrew \"roughly 10 kilometres\u201d from the capital."));
        Assert.Equal((1, 2), tree.FindWhole("Observers say the army withdrew \u201croughly 10 kilometres\u201d from the capital.\r\nThe rebels are also freeing detainees from a notorious prison."));
        Assert.Equal((1, 2), tree.FindWhole("Observers say the army withdrew \"roughly 10 kilometres\" from the capital. The rebels are also freeing detainees from a notorious prison."));
        Assert.Equal((0, 5), tree.FindWhole(Text));
    }

    [Fact]
    public void A_passage_that_is_not_whole_paragraphs_is_not_found()
    {
        var tree = ParagraphTree.Of(Text);
        Assert.Null(tree.FindWhole("the army withdrew"));
        Assert.Null(tree.FindWhole("The rebel forces entered the capital on Sunday"));
        Assert.Null(tree.FindWhole("morning. Observers say the army withdrew \"roughly 10 kilometres\" from the capital."));
        Assert.Null(tree.FindWhole("   "));
    }

    [Fact]
    public void Malformed_proof_values_are_refused_not_thrown()
    {
        var tree = ParagraphTree.Of(Text);
        Assert.False(ParagraphTree.Verify(tree.Paragraphs[0], 0, tree.Count, ["zz"], tree.RootHex));
        Assert.False(ParagraphTree.Verify(tree.Paragraphs[0], 0, tree.Count, tree.AuditPath(0), "not-hex"));
        Assert.False(ParagraphTree.Verify(tree.Paragraphs[0], -1, tree.Count, tree.AuditPath(0), tree.RootHex));
    }
}
