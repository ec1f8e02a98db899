using System.Text;
using Archive.Core.Provenance;
using Archive.Core.Versions;
using Archive.Local;
using Archive.Testing;
using Microsoft.Extensions.Options;

namespace Archive.Core.Tests.Provenance;

/// <summary>
/// A bundle checked offline: every step passes on the bundle as made, and a change to one part of the evidence fails
/// exactly the step about that part. The token comes from the local authority through the real client.
/// </summary>
public sealed class EvidenceBundleTests : IAsyncLifetime
{
    private const string Text1 = "The council met on Tuesday.\n\nIt approved the budget.";
    private const string Text2 = "The council met on Tuesday.\n\nIt rejected the budget.";
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private LocalTimestampAuthority _authority = null!;
    private EvidenceBundle _bundle = null!;
    private byte[] _tokenDer = null!;
    private string _root = null!;

    public async Task InitializeAsync()
    {
        _authority = await LocalTimestampAuthority.StartAsync();
        var head = TestRecords.Head("https://news.example/council", At);
        var (bytes1, hash1) = ArticleVersion.Seal(TestRecords.Record(head, 1, Text1, At));
        var (bytes2, hash2) = ArticleVersion.Seal(TestRecords.Record(head, 2, Text2, At.AddHours(1), hash1.Hex));
        var others = Enumerable.Range(0, 5).Select(i => new AnchoredVersion($"{i:x32}", 1, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)i]))));
        var plan = AnchorPlan.Build([new AnchoredVersion(head.Id.Value, 1, hash1.Hex), new AnchoredVersion(head.Id.Value, 2, hash2.Hex), .. others]);
        var token = await Client().TimestampAsync(plan.Root);
        _tokenDer = token.Der;
        _root = Convert.ToHexStringLower(plan.Root);
        var anchor = new AnchorRecord
        {
            Root = _root,
            AnchoredAt = token.GeneratedAt,
            Authority = token.Authority.AbsoluteUri,
            Token = Convert.ToBase64String(token.Der),
            Certificates = [.. token.Certificates.Select(Convert.ToBase64String)],
            Leaves = plan.Leaves,
            SealedUntil = At.AddHours(2),
        };
        var proof = plan.Proofs().Single(p => p.ArticleId == head.Id.Value && p.Number == 2);
        _bundle = EvidenceService.Assemble(head.Id.Value, 2, hash2.Hex, bytes2, hash1.Hex, proof, anchor);
    }

    public async Task DisposeAsync() => await _authority.DisposeAsync();

    [Fact]
    public void Every_step_passes_on_the_bundle_as_made()
    {
        var report = Verify(_bundle);
        Assert.True(report.Verified, Describe(report));
        Assert.Equal(["record", "chain", "original", "text", "merkle", "token", "authority"], report.Steps.Select(s => s.Name));
    }

    [Fact]
    public void The_bundle_survives_its_own_json()
    {
        var json = JsonBytes(_bundle);
        Assert.True(Verify(EvidenceBundle.Parse(json)).Verified);
    }

    [Fact]
    public void A_changed_byte_of_the_record_fails_the_record_step_only()
    {
        var record = Convert.FromBase64String(_bundle.Record);
        var at = Encoding.UTF8.GetString(record).IndexOf("council", StringComparison.Ordinal);
        record[at] ^= 0x01; // 'c' to 'b', still JSON
        AssertOnlyFails("record", Verify(_bundle with { Record = Convert.ToBase64String(record) }));
    }

    [Fact]
    public void A_changed_byte_of_the_proof_fails_the_merkle_step_only()
    {
        var path = _bundle.Anchor!.Path.ToArray();
        path[0] = Flip(path[0]);
        AssertOnlyFails("merkle", Verify(_bundle with { Anchor = _bundle.Anchor with { Path = path } }));
        AssertOnlyFails("merkle", Verify(_bundle with { Anchor = _bundle.Anchor with { LeafIndex = _bundle.Anchor.LeafIndex + 1 } }));
    }

    [Fact]
    public void A_changed_byte_of_the_token_fails_the_token_step_only()
    {
        var token = _tokenDer.ToArray();
        token[^1] ^= 0x01; // the last byte of the signature
        AssertOnlyFails("token", Verify(_bundle with { Anchor = _bundle.Anchor! with { Token = Convert.ToBase64String(token) } }));
    }

    [Fact]
    public void A_changed_byte_of_the_original_fails_the_original_step_only()
    {
        var original = Encoding.UTF8.GetBytes(TestRecords.Original(Text2));
        original[5] ^= 0x01;
        AssertOnlyFails("original", Verify(_bundle, original: original));
    }

    [Fact]
    public void A_changed_byte_of_the_text_fails_the_text_step_only()
    {
        var text = Encoding.UTF8.GetBytes(Text2);
        text[4] ^= 0x01;
        AssertOnlyFails("text", Verify(_bundle, text: text));
    }

    [Fact]
    public void The_normalized_text_is_accepted_as_the_text()
    {
        var report = Verify(_bundle, text: Encoding.UTF8.GetBytes(Core.Hashing.TextNormalizer.Normalize(Text2) + "  \n"));
        Assert.Equal(StepStatus.Pass, report["text"].Status);
    }

    [Fact]
    public void Another_previous_record_fails_the_chain_step_only()
    {
        AssertOnlyFails("chain", Verify(_bundle with { PreviousRecordSha256 = Flip(_bundle.PreviousRecordSha256!) }));
    }

    [Fact]
    public void An_authority_outside_the_trust_roots_fails_the_authority_step_only()
    {
        using var stranger = TestTimestampCa.Create(At);
        AssertOnlyFails("authority", BundleVerifier.Verify(_bundle, Original(), TextBytes(), [stranger.Root]));
        AssertOnlyFails("authority", BundleVerifier.Verify(_bundle, Original(), TextBytes(), []));
    }

    [Fact]
    public void A_version_not_anchored_yet_verifies_its_record_and_chain_and_says_so()
    {
        var report = Verify(_bundle with { Anchor = null, AnchorStatus = "not-anchored" });
        Assert.All(report.Steps.Take(4), s => Assert.Equal(StepStatus.Pass, s.Status));
        Assert.All(report.Steps.Skip(4), s => Assert.Equal(StepStatus.NotAnchored, s.Status));
        Assert.False(report.Verified);
    }

    [Fact]
    public void A_file_that_is_not_a_bundle_is_refused_with_a_reason()
    {
        Assert.Throws<FormatException>(() => EvidenceBundle.Parse("{\"schema\":\"something/1\"}"u8));
        Assert.Throws<FormatException>(() => EvidenceBundle.Parse("not json"u8));
    }

    [Fact]
    public async Task Openssl_accepts_the_token_with_the_test_ca()
    {
        var folder = Directory.CreateTempSubdirectory("archive-tsa-");
        try
        {
            var token = Path.Combine(folder.FullName, "token.der");
            var ca = Path.Combine(folder.FullName, "ca.pem");
            var tsa = Path.Combine(folder.FullName, "tsa.pem");
            await File.WriteAllBytesAsync(token, _tokenDer);
            await File.WriteAllTextAsync(ca, _authority.Ca.RootPem);
            await File.WriteAllTextAsync(tsa, _authority.Ca.AuthorityPem);
            var accepted = await ToolProcess.RunAsync("openssl", ["ts", "-verify", "-digest", _root, "-token_in", "-in", token, "-CAfile", ca, "-untrusted", tsa], TimeSpan.FromSeconds(30));
            Assert.True(accepted.ExitCode == 0, accepted.Output + accepted.Error);
            Assert.Contains("Verification: OK", accepted.Output, StringComparison.Ordinal);

            var refused = await ToolProcess.RunAsync("openssl", ["ts", "-verify", "-digest", Flip(_root), "-token_in", "-in", token, "-CAfile", ca, "-untrusted", tsa], TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, refused.ExitCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task The_client_refuses_a_token_over_another_digest_and_an_authority_that_is_down()
    {
        _authority.Mode = TimestampAuthorityMode.WrongDigest;
        await Assert.ThrowsAsync<TimestampAuthorityException>(() => Client().TimestampAsync(new byte[32]));
        _authority.Mode = TimestampAuthorityMode.Unavailable;
        var down = await Assert.ThrowsAsync<TimestampAuthorityException>(() => Client().TimestampAsync(new byte[32]));
        Assert.Contains("503", down.Message, StringComparison.Ordinal);
    }

    private Rfc3161TimestampClient Client() =>
        new(new HttpClient(), Options.Create(new ProvenanceOptions { TimestampAuthorityUrl = _authority.Url }));

    private BundleReport Verify(EvidenceBundle bundle, byte[]? original = null, byte[]? text = null) =>
        BundleVerifier.Verify(bundle, original ?? Original(), text ?? TextBytes(), [_authority.Ca.Root]);

    private static byte[] Original() => Encoding.UTF8.GetBytes(TestRecords.Original(Text2));

    private static byte[] TextBytes() => Encoding.UTF8.GetBytes(Text2);

    private static byte[] JsonBytes(EvidenceBundle bundle) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(bundle, ArchiveJson.Indented);

    private static string Flip(string hex) => (hex[0] == '0' ? '1' : '0') + hex[1..];

    private static void AssertOnlyFails(string step, BundleReport report)
    {
        Assert.Equal(StepStatus.Fail, report[step].Status);
        Assert.All(report.Steps.Where(s => s.Name != step), s => Assert.True(s.Status == StepStatus.Pass, $"{s.Name} should pass: {s.Detail}"));
    }

    private static string Describe(BundleReport report) => string.Join("\n", report.Steps.Select(s => $"{s.Name}: {s.Status} {s.Detail}"));
}
