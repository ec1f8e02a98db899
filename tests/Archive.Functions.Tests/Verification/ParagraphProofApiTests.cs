using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Content;
using Archive.Core.Provenance;
using Archive.Core.Verification;
using Archive.Core.Versions;
using Archive.Testing;

namespace Archive.Functions.Tests.Verification;

/// <summary>Paragraph proofs through the app on Azurite: the seed article's two versions, every paragraph of each.</summary>
public sealed class ParagraphProofApiTests : IAsyncLifetime
{
    private ApiStack _stack = null!;
    private string _id = null!;

    public async Task InitializeAsync()
    {
        _stack = await ApiStack.StartAsync();
        _id = await _stack.CaptureAsync("story", "article-syria-2024.html");
        _stack.Pages.SetFile("story", "article-syria-2024-edited.html");
        await _stack.RecheckAsync(_id, 2);
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private async Task<JsonElement> VerifyAsync(string passage)
    {
        using var response = await _stack.Http.PostAsJsonAsync("api/verify", new { articleId = _id, passage });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<IReadOnlyList<string>> ParagraphsOfAsync(int version)
    {
        var body = await _stack.Http.GetFromJsonAsync<JsonElement>($"api/articles/{_id}/versions/{version}");
        return ParagraphTree.Split(body.GetProperty("text").GetString()!);
    }

    private static ParagraphProof ProofOf(JsonElement answer, int version) =>
        answer.GetProperty("versions").EnumerateArray().Single(v => v.GetProperty("number").GetInt32() == version)
            .GetProperty("paragraphProof").Deserialize<ParagraphProof>(ArchiveJson.Options)!;

    [Fact]
    public async Task Every_paragraph_of_both_versions_has_a_proof_that_verifies_from_the_record_hash_alone()
    {
        var rows = await _stack.Http.GetFromJsonAsync<JsonElement>($"api/articles/{_id}/versions");
        var recordHashes = rows.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("recordSha256").GetString()).ToList();
        var proven = 0;
        foreach (var version in new[] { 1, 2 })
        {
            var paragraphs = await ParagraphsOfAsync(version);
            Assert.True(paragraphs.Count >= 4, $"version {version} has {paragraphs.Count} paragraphs");
            for (var i = 0; i < paragraphs.Count; i++)
            {
                var proof = ProofOf(await VerifyAsync(paragraphs[i]), version);
                Assert.Equal((version, i, paragraphs.Count, recordHashes[version - 1]), (proof.Version, Assert.Single(proof.Paragraphs).Index, proof.TreeSize, proof.RecordSha256));
                Assert.All(ParagraphProofChecker.Check(proof), s => Assert.True(s.Passed, $"v{version} ¶{i} {s.Name}: {s.Detail}"));
                proven++;
            }
        }

        Assert.True(proven >= 8);
    }

    [Fact]
    public async Task A_paragraph_changed_by_one_character_fails_and_gets_no_proof()
    {
        var paragraph = (await ParagraphsOfAsync(2))[1];
        var proof = ProofOf(await VerifyAsync(paragraph), 2);
        var changedText = paragraph[..10] + (paragraph[10] == 'x' ? 'y' : 'x') + paragraph[11..];
        var forged = proof with { Paragraphs = [proof.Paragraphs[0] with { Text = changedText }] };
        var failed = ParagraphProofChecker.Check(forged).Where(s => !s.Passed).Select(s => s.Name);
        Assert.Equal(["paragraph 1"], failed);

        var answer = await VerifyAsync(changedText);
        Assert.False(answer.GetProperty("found").GetBoolean());
        Assert.DoesNotContain("paragraphProof", answer.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Consecutive_paragraphs_prove_together_and_part_of_a_paragraph_says_why_it_has_no_proof()
    {
        var paragraphs = await ParagraphsOfAsync(1);
        var proof = ProofOf(await VerifyAsync(paragraphs[1] + "\n" + paragraphs[2]), 1);
        Assert.Equal([1, 2], proof.Paragraphs.Select(p => p.Index));
        Assert.All(ParagraphProofChecker.Check(proof), s => Assert.True(s.Passed, s.Name));

        var words = paragraphs[1].Split(' ');
        var part = await VerifyAsync(string.Join(' ', words.Take(words.Length - 1)));
        var version = part.GetProperty("versions").EnumerateArray().First();
        Assert.False(version.TryGetProperty("paragraphProof", out _));
        Assert.Contains("whole paragraphs", version.GetProperty("paragraphProofUnavailable").GetString(), StringComparison.Ordinal);
    }
}

/// <summary>Records sealed before paragraph roots (schema 1) keep verifying exactly as they were stored.</summary>
public sealed class SchemaOneRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_chain_of_schema_1_records_verifies_with_content_and_a_passage_in_them_says_why_there_is_no_proof()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IArticleStore>();
        var content = scope.Get<IContentStore>();
        var head = (await store.AddHeadAsync(TestRecords.Head("https://example.com/old", T0)))!;
        foreach (var text in new[] { "First paragraph.\n\nSecond paragraph.", "First paragraph.\n\nSecond paragraph, edited." })
        {
            // TestRecords names the original "<p>" + text + "</p>"; the content check reads it.
            var original = System.Text.Encoding.UTF8.GetBytes("<p>" + text + "</p>");
            await content.PutOriginalAsync(Archive.Core.Hashing.ContentHash.Of(original), original, "text/html");
        }

        var v1 = await TestRecords.StoredVersionAsync(content, head, 1, "First paragraph.\n\nSecond paragraph.", T0);
        await TestRecords.CommitVersionAsync(store, head, v1, T0);
        head = (await store.GetHeadAsync(head.Id))!;
        var v2 = await TestRecords.StoredVersionAsync(content, head, 2, "First paragraph.\n\nSecond paragraph, edited.", T0.AddHours(1), v1.RecordSha256);
        await TestRecords.CommitVersionAsync(store, head, v2, T0.AddHours(1));

        var stored = System.Text.Encoding.UTF8.GetString((await content.GetRecordAsync(Archive.Core.Hashing.ContentHash.Parse(v2.RecordSha256)))!);
        Assert.Contains("\"schema\":\"archive.version/1\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("paragraphs", stored, StringComparison.Ordinal);

        var report = (await scope.Get<ChainVerifier>().VerifyAsync(head.Id, checkContent: true))!;
        Assert.True(report.Valid, string.Join("; ", report.Links.SelectMany(l => l.Problems).Concat(report.Problems)));

        var answer = (await scope.Get<VerificationService>().VerifyAsync(new VerifyRequest(ArticleId: head.Id.Value, Passage: "First paragraph.")))!;
        Assert.Equal([1, 2], answer.Versions.Select(v => v.Number));
        Assert.All(answer.Versions, v => Assert.Null(v.ParagraphProof));
        Assert.All(answer.Versions, v => Assert.Contains("archive.version/1", v.ParagraphProofUnavailable, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schema_2_text_whose_paragraphs_no_longer_give_the_root_fails_the_content_check()
    {
        await using var stack = await ApiStack.StartAsync();
        var id = await stack.CaptureAsync("story", "article-syria-2024.html");
        var version = await stack.Http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/1");
        var verifier = stack.Scope.Get<ChainVerifier>();
        var articleId = Archive.Core.Urls.ArticleId.TryParse(id, out var parsed) ? parsed : throw new InvalidOperationException(id);
        var report = (await verifier.VerifyAsync(articleId, checkContent: true))!;
        Assert.True(report.Valid, string.Join("; ", report.Links.SelectMany(l => l.Problems)));

        // The stored text rewritten behind the write-once store's back, keeping its name: every content check fails, the paragraph root's too.
        var names = stack.Scope.Get<Archive.Storage.ResolvedStorageNames>();
        var blob = stack.Scope.Get<Azure.Storage.Blobs.BlobServiceClient>().GetBlobContainerClient(names.TextsContainer).GetBlobClient(version.GetProperty("cleanTextSha256").GetString());
        await blob.UploadAsync(BinaryData.FromString("One paragraph only."), overwrite: true);
        var after = (await verifier.VerifyAsync(articleId, checkContent: true))!;
        Assert.False(after.Valid);
        var problems = string.Join("; ", after.Links.SelectMany(l => l.Problems));
        Assert.Contains("1 paragraph(s) give the root", problems, StringComparison.Ordinal);
    }
}
