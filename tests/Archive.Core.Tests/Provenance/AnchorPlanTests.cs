using Archive.Core.Provenance;
using Archive.Core.Versions;

namespace Archive.Core.Tests.Provenance;

public sealed class AnchorPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_run_covers_everything_sealed_until_the_settling_time()
    {
        var window = AnchorPlan.Window(new AnchorState(), Now, TimeSpan.FromMinutes(2));
        Assert.Equal((DateTimeOffset.MinValue, Now.AddMinutes(-2)), window);
    }

    [Fact]
    public void A_run_starts_where_the_last_one_stopped_and_an_empty_interval_is_no_run()
    {
        var state = new AnchorState { AnchoredUntil = Now.AddMinutes(-12) };
        Assert.Equal((Now.AddMinutes(-12), Now.AddMinutes(-2)), AnchorPlan.Window(state, Now, TimeSpan.FromMinutes(2)));
        Assert.Null(AnchorPlan.Window(state with { AnchoredUntil = Now.AddMinutes(-2) }, Now, TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public void Leaves_are_ordered_once_each_and_every_proof_leads_to_the_root()
    {
        var versions = Enumerable.Range(0, 13)
            .Select(i => new AnchoredVersion($"{12 - i:x32}", 1 + (i % 3), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([(byte)i]))))
            .ToList();
        var plan = AnchorPlan.Build([.. versions, versions[4]]);
        Assert.Equal(13, plan.Leaves.Count);
        Assert.Equal(plan.Leaves.OrderBy(l => l.ArticleId, StringComparer.Ordinal).ThenBy(l => l.Number), plan.Leaves);
        foreach (var proof in plan.Proofs())
        {
            Assert.Equal(13, proof.TreeSize);
            Assert.True(MerkleTree.VerifyInclusion(AnchorPlan.LeafHash(proof.RecordSha256), proof.LeafIndex, proof.TreeSize, [.. proof.Path.Select(Convert.FromHexString)], plan.Root));
        }
    }

    [Fact]
    public void Stragglers_are_the_versions_sealed_by_the_anchored_end_that_have_no_proof()
    {
        var article = new string('c', 32);
        var until = Now.AddMinutes(-2);
        VersionSummary Version(int number, DateTimeOffset firstSeen) => new()
        {
            Number = number,
            RecordSha256 = $"{number:x64}",
            TextSha256 = new string('1', 64),
            CleanTextSha256 = new string('2', 64),
            OriginalSha256 = new string('3', 64),
            FirstSeenAt = firstSeen,
            LastSeenAt = firstSeen,
        };

        // 1 is anchored, 2 and 3 (3 sealed exactly at the end) were missed, 4 is newer than the end: the next regular
        // run's business, not the catch-up's.
        VersionSummary[] versions = [Version(1, until.AddHours(-3)), Version(2, until.AddHours(-1)), Version(3, until), Version(4, until.AddTicks(1))];
        var stragglers = AnchorPlan.Stragglers(article, versions, new HashSet<int> { 1 }, until).ToList();
        Assert.Equal([new AnchoredVersion(article, 2, $"{2:x64}"), new AnchoredVersion(article, 3, $"{3:x64}")], stragglers);

        Assert.Empty(AnchorPlan.Stragglers(article, versions, new HashSet<int> { 1, 2, 3 }, until));
        Assert.Empty(AnchorPlan.Stragglers(article, versions, new HashSet<int>(), anchoredUntil: null));
        Assert.Equal(4, AnchorPlan.Stragglers(article, versions, new HashSet<int>(), Now).Count());
    }

    [Fact]
    public void Only_absolute_http_urls_are_accepted_for_the_authority()
    {
        static bool Valid(string url) => !new ProvenanceOptions { TimestampAuthorityUrl = new Uri(url, UriKind.RelativeOrAbsolute) }
            .Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).Any();
        Assert.True(Valid("http://127.0.0.1:8080/tsa"));
        Assert.True(Valid("https://tsa.example/"));
        Assert.False(Valid("ftp://tsa.example/"));
        Assert.False(Valid("/tsa"));
        Assert.True(Valid(string.Empty));
        Assert.Null(new ProvenanceOptions { TimestampAuthorityUrl = new Uri(string.Empty, UriKind.RelativeOrAbsolute) }.Authority);
    }
}
