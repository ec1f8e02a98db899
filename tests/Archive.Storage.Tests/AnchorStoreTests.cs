using Archive.Core.Activity;
using Archive.Core.Provenance;
using Archive.Core.Versions;
using Archive.Testing;

namespace Archive.Storage.Tests;

public sealed class AnchorStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 23, 58, 0, TimeSpan.Zero);

    [Fact]
    public async Task New_versions_are_listed_by_interval_after_exclusive_up_to_inclusive_across_months()
    {
        await using var scope = await StorageScope.CreateAsync();
        var log = scope.Get<IActivityLog>();
        var head = TestRecords.Head("https://example.com/interval", T0);
        var times = new[] { T0.AddMinutes(-1), T0, T0.AddMinutes(1), T0.AddMinutes(3), T0.AddMinutes(4) };
        for (var i = 0; i < times.Length; i++)
        {
            await log.RecordAsync(new ActivityEntry { Id = head.Id, Url = head.Url, At = times[i], Outcome = CaptureOutcome.Captured, Version = i + 1, NewVersion = true });
        }

        await log.RecordAsync(new ActivityEntry { Id = head.Id, Url = head.Url, At = T0.AddMinutes(2), Outcome = CaptureOutcome.Unchanged, Version = 3 });

        // T0 is excluded, T0+3 (in December, the next month) included, T0+4 after the interval; the unchanged check is no new version.
        var listed = await log.ListNewVersionsAsync(T0, T0.AddMinutes(3));
        Assert.Equal([3, 4], listed.Select(e => e.Version!.Value).Order());
        Assert.Equal(5, (await log.ListNewVersionsAsync(DateTimeOffset.MinValue, T0.AddHours(1))).Count);
        Assert.Empty(await log.ListNewVersionsAsync(T0.AddMinutes(3), T0.AddMinutes(3)));
    }

    [Fact]
    public async Task Proofs_and_anchors_are_written_once_and_the_state_is_replaced_on_its_etag()
    {
        await using var scope = await StorageScope.CreateAsync();
        var store = scope.Get<IAnchorStore>();
        var proof = new VersionProof { ArticleId = new string('a', 32), Number = 1, RecordSha256 = new string('1', 64), Root = new string('2', 64), LeafIndex = 0, TreeSize = 1, Path = [] };
        Assert.True(await store.PutProofAsync(proof));
        Assert.False(await store.PutProofAsync(proof with { Root = new string('3', 64) }));
        Assert.Equal(new string('2', 64), (await store.GetProofAsync(proof.ArticleId, 1))!.Root);
        Assert.Null(await store.GetProofAsync(proof.ArticleId, 2));

        // An article's anchored versions come from one listing of its proofs; another article's (same prefix of
        // characters, different id) are not among them.
        await store.PutProofAsync(proof with { Number = 12 });
        await store.PutProofAsync(proof with { ArticleId = new string('b', 32), Number = 3 });
        Assert.Equal([1, 12], (await store.ListAnchoredNumbersAsync(proof.ArticleId)).Order());
        Assert.Equal([3], await store.ListAnchoredNumbersAsync(new string('b', 32)));
        Assert.Empty(await store.ListAnchoredNumbersAsync(new string('c', 32)));

        var anchor = new AnchorRecord { Root = new string('2', 64), AnchoredAt = T0, Authority = "http://127.0.0.1/tsa", Token = "AA==", Certificates = [], Leaves = [new AnchoredVersion(proof.ArticleId, 1, proof.RecordSha256)], SealedUntil = T0 };
        await store.PutAnchorAsync(anchor);
        await store.PutAnchorAsync(anchor with { Token = "AQ==" });
        Assert.Equal("AA==", (await store.GetAnchorAsync(anchor.Root))!.Token);

        var empty = await store.GetStateAsync();
        Assert.Null(empty.ETag);
        Assert.True(await store.TrySaveStateAsync(empty with { AnchoredUntil = T0 }));
        Assert.False(await store.TrySaveStateAsync(empty with { AnchoredUntil = T0.AddMinutes(1) }));
        var saved = await store.GetStateAsync();
        Assert.Equal(T0, saved.AnchoredUntil);
        Assert.True(await store.TrySaveStateAsync(saved with { LastFailure = "HTTP 503", FailuresInARow = 1 }));
        Assert.False(await store.TrySaveStateAsync(saved with { LastFailure = "stale" }));
        Assert.Equal(("HTTP 503", 1), ((await store.GetStateAsync()).LastFailure, (await store.GetStateAsync()).FailuresInARow));
    }
}
