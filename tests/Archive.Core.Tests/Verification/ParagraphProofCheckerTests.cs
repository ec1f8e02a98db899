using System.Text;
using System.Text.Json;
using Archive.Core.Hashing;
using Archive.Core.Provenance;
using Archive.Core.Verification;

namespace Archive.Core.Tests.Verification;

public sealed class ParagraphProofCheckerTests
{
    private static readonly string[] Paragraphs = ["First paragraph.", "Second paragraph, with \"quotes\".", "Third.", "Fourth and last."];

    // A proof as the API gives it, over a record that names the root (a stand-in for a sealed version record).
    private static ParagraphProof Proof(int index)
    {
        var tree = ParagraphTree.Of(string.Join("\n\n", Paragraphs));
        var record = JsonSerializer.Serialize(new { schema = "archive.version/2", articleId = "a1", number = 2, paragraphs = new { root = tree.RootHex, count = tree.Count } });
        return new ParagraphProof
        {
            ArticleId = "a1",
            Version = 2,
            RecordSha256 = ContentHash.OfText(record).Hex,
            Record = record,
            Root = tree.RootHex,
            TreeSize = tree.Count,
            Paragraphs = [new ProvenParagraph(index, tree.Paragraphs[index], tree.AuditPath(index))],
        };
    }

    private static Dictionary<string, bool> Steps(ParagraphProof proof) => ParagraphProofChecker.Check(proof).ToDictionary(s => s.Name, s => s.Passed);

    [Fact]
    public void A_proof_of_each_paragraph_holds_at_every_step()
    {
        for (var i = 0; i < Paragraphs.Length; i++)
        {
            Assert.All(ParagraphProofChecker.Check(Proof(i)), s => Assert.True(s.Passed, s.Name + ": " + s.Detail));
        }
    }

    [Fact]
    public void A_changed_record_fails_the_record_hash_step()
    {
        var proof = Proof(1);
        var steps = Steps(proof with { Record = proof.Record.Replace("\"number\":2", "\"number\":3", StringComparison.Ordinal) });
        Assert.False(steps["record hash"]);
        Assert.True(steps["paragraph 1"]);
    }

    [Fact]
    public void A_paragraph_changed_by_one_character_fails_its_step_only()
    {
        var proof = Proof(1);
        var changed = proof with { Paragraphs = [proof.Paragraphs[0] with { Text = proof.Paragraphs[0].Text.Replace("Second", "Secund", StringComparison.Ordinal) }] };
        var steps = Steps(changed);
        Assert.Equal((true, true, false), (steps["record hash"], steps["root named in the record"], steps["paragraph 1"]));
    }

    [Fact]
    public void A_changed_audit_path_fails_and_a_root_claimed_by_the_proof_alone_is_not_believed()
    {
        var proof = Proof(2);
        var path = proof.Paragraphs[0].AuditPath.ToArray();
        path[0] = path[0][..^1] + (path[0][^1] == '0' ? '1' : '0');
        Assert.False(Steps(proof with { Paragraphs = [proof.Paragraphs[0] with { AuditPath = path }] })["paragraph 2"]);

        // A proof for another text, claiming its own root, against this record: the record's root decides.
        var other = ParagraphTree.Of("Invented.\n\nText.");
        var forged = proof with { Root = other.RootHex, TreeSize = other.Count, Paragraphs = [new ProvenParagraph(0, "Invented.", other.AuditPath(0))] };
        var steps = Steps(forged);
        Assert.False(steps["root named in the record"]);
        Assert.False(steps["paragraph 0"]);
    }

    [Fact]
    public void A_record_without_a_paragraph_root_fails_with_the_reason()
    {
        var record = Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(new { schema = "archive.version/1", articleId = "a1", number = 2 }));
        var proof = Proof(0) with { Record = record, RecordSha256 = ContentHash.OfText(record).Hex };
        var step = Assert.Single(ParagraphProofChecker.Check(proof), s => s.Name == "root named in the record");
        Assert.False(step.Passed);
        Assert.Contains("no paragraph root", step.Detail, StringComparison.Ordinal);
    }
}
