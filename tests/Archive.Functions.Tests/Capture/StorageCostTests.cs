using Archive.Local;
using Archive.Core.Activity;
using Archive.Core.Capture;
using Archive.Core.Versions;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Archive.Functions.Tests.Capture;

/// <summary>
/// What a batch of first captures, re-checks by hand and timer re-checks cost in storage requests, counted exactly by
/// the storage clients (the queue's own receive and delete of each message come on top; see the README's cost section).
/// These are the counts the cost section is computed from; a change that adds a request to the capture path fails here.
/// </summary>
public sealed class StorageCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Articles = 20;
    private readonly StorageOperationCounter _counter = new();
    private StorageScope _scope = null!;
    private PageServer _pages = null!;

    public async Task InitializeAsync()
    {
        // Activity entries wait for an explicit flush, so the counts do not depend on timing.
        _scope = await StorageScope.CreateAsync(
            await SharedAzurite.GetAsync(), SharedAzurite.NewPrefix(), new Dictionary<string, string?> { ["Storage:ActivityGatherFor"] = "00:05:00" }, s => s.AddSingleton(_counter));
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        for (var i = 0; i < Articles; i++)
        {
            _pages.SetFile($"cost/{i}", "article-syria-2024.html");
        }
    }

    public async Task DisposeAsync()
    {
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private Dictionary<string, int> Take()
    {
        var counts = _counter.ByKind.ToDictionary();
        _counter.Reset();
        return counts;
    }

    private void Show(string what, Dictionary<string, int> counts) =>
        output.WriteLine($"{what}: {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"))}");

    // Receives the queued messages as the queue trigger would (not counted) and captures them all at once.
    private async Task<IReadOnlyList<CaptureResult>> CaptureQueuedAsync()
    {
        var queue = _scope.Get<QueueServiceClient>().GetQueueClient(_scope.Get<ResolvedStorageNames>().CaptureQueue);
        var messages = new List<CaptureMessage>();
        while (messages.Count < Articles)
        {
            foreach (var received in (await queue.ReceiveMessagesAsync(32)).Value)
            {
                messages.Add(CaptureMessageCodec.Decode(received.Body, received.MessageId));
                await queue.DeleteMessageAsync(received.MessageId, received.PopReceipt);
            }
        }

        _counter.Reset();
        var capture = _scope.Get<CaptureService>();
        return await Task.WhenAll(messages.Select(m => capture.CaptureAsync(m)));
    }

    private async Task<Dictionary<string, int>> FlushActivityAsync()
    {
        _counter.Reset();
        await ((TableActivityLog)_scope.Get<IActivityLog>()).FlushAsync();
        return Take();
    }

    [Fact]
    public async Task A_batch_of_first_captures_and_unchanged_rechecks_cost_a_fixed_number_of_requests_and_read_no_blob()
    {
        _counter.Reset();
        var accepted = await _scope.Get<SubmissionService>().SubmitAsync([.. Enumerable.Range(0, Articles).Select(i => new CaptureSubmission(_pages.Url($"cost/{i}").AbsoluteUri))]);
        var submitted = Take();
        Show("submission of 20", submitted);
        // One transaction for every article's first due entry (one slot), one insert per head, one message each.
        Assert.Equal(new Dictionary<string, int> { ["table POST batch"] = 1, ["table POST"] = Articles, ["queue POST"] = Articles }, submitted);

        var first = await CaptureQueuedAsync();
        var captured = Take();
        Show("20 first captures", captured);
        Assert.All(first, r => Assert.Equal(CaptureOutcome.Captured, r.Outcome));
        // Original, text and record for each, then one transaction: the head came with the message, nothing is read.
        Assert.Equal(new Dictionary<string, int> { ["blob PUT"] = 3 * Articles, ["table POST batch"] = Articles }, captured);

        var activity = await FlushActivityAsync();
        Show("activity index", activity);
        Assert.Equal(new Dictionary<string, int> { ["table POST batch"] = 2 }, activity);

        var ids = accepted.Select(a => a.Id).ToList();
        foreach (var id in ids)
        {
            Assert.NotNull(await _scope.Get<RecheckRequests>().RequestAsync(id));
        }

        var requested = Take();
        var rechecked = await CaptureQueuedAsync();
        var byHand = Take();
        Show("20 re-checks asked for: requests", requested);
        Show("20 re-checks asked for: captures", byHand);
        Assert.All(rechecked, r => Assert.Equal(CaptureOutcome.NotModified, r.Outcome));
        Assert.Equal(new Dictionary<string, int> { ["table GET"] = Articles, ["queue POST"] = Articles }, requested);
        // The head the request read travels with the message; the due entry stays where it is: one transaction.
        Assert.Equal(new Dictionary<string, int> { ["table POST batch"] = Articles }, byHand);
        Assert.Equal(new Dictionary<string, int> { ["table POST batch"] = 1 }, await FlushActivityAsync());

        _scope.Clock.Advance(TimeSpan.FromMinutes(16));
        _counter.Reset();
        var run = await _scope.Get<DueRechecks>().EnqueueDueAsync();
        var timer = Take();
        Assert.Equal(Articles, run.Enqueued);
        var scheduled = await CaptureQueuedAsync();
        var byTimer = Take();
        Show("timer run over 20 due", timer);
        Show("20 timer re-checks", byTimer);
        Assert.All(scheduled, r => Assert.Equal(CaptureOutcome.NotModified, r.Outcome));
        // One query for what is due, one transaction for the successors' slot and one for the taken slot.
        Assert.Equal(new Dictionary<string, int> { ["table GET"] = 1, ["table POST batch"] = 2, ["queue POST"] = Articles }, timer);
        // The timer reads no head, so each check reads it; the timer already moved its due entry: one transaction.
        Assert.Equal(new Dictionary<string, int> { ["table GET"] = Articles, ["table POST batch"] = Articles }, byTimer);

        var head = (await _scope.Get<IArticleStore>().GetHeadAsync(ids[0]))!;
        Assert.Equal((3, 3), (head.LatestSeenCount, head.CheckCount));
        Assert.InRange(head.NextCheckAt!.Value, _scope.Clock.GetUtcNow().AddMinutes(14), _scope.Clock.GetUtcNow().AddMinutes(15));
    }
}
