using Archive.Cli.Bench;

namespace Archive.Cli.Tests.Bench;

/// <summary>Reading Azurite's request log (<c>--debug FILE</c>) into operations and marks.</summary>
public sealed class AzuriteRequestLogTests
{
    private const string Probe = "archive-bench-probe";

    private static IEnumerable<string> Request(string id, string service, string operation, string agent = "azsdk-net-Data.Tables/12.11.0", string? clientRequestId = null) =>
    [
        $"2026-12-04T05:13:25.153Z {id} info: {service}StorageContextMiddleware: RequestMethod=PUT RequestURL=http://127.0.0.1/devstoreaccount1/x RequestHeaders:{{\"user-agent\":\"{agent}\",\"x-ms-client-request-id\":\"{clientRequestId ?? Guid.NewGuid().ToString()}\"}} ClientIP=127.0.0.1 Protocol=http HTTPVersion=1.1",
        $"2026-12-04T05:13:25.156Z {id} debug: {service.ToLowerInvariant()}StorageContextMiddleware: Dispatch pattern string: /x",
        $"2026-12-04T05:13:25.157Z {id} verbose: DispatchMiddleware: Dispatching request...",
        $"2026-12-04T05:13:25.157Z {id} info: DispatchMiddleware: Operation={operation}",
        $"2026-12-04T05:13:25.169Z {id} info: EndMiddleware: End response. TotalTimeInMS=16 StatusCode=204",
    ];

    [Fact]
    public void Operations_are_read_in_log_order_with_their_service_leaving_out_the_benchmarks_own_requests_and_cutting_at_marks()
    {
        var lines = new[]
        {
            "2026-12-04T05:13:25.029Z \t info: Azurite Table service successfully listens on http://127.0.0.1:41003",
        }
            .Concat(Request("a1", "Table", "Table_Create"))
            .Concat(Request("m1", "Queue", "Queue_GetProperties", $"{Probe} azsdk-net-Storage.Queues/12.24.0", AzuriteRequestLog.MarkPrefix + "start"))
            .Concat(Request("b1", "Blob", "BlockBlob_Upload"))
            .Concat(Request("p1", "Queue", "Queue_GetProperties", $"{Probe} azsdk-net-Storage.Queues/12.24.0"))
            .Concat(Request("q1", "Queue", "Service_GetProperties"))
            .Concat(Request("t1", "Table", "Table_Batch"))
            .Concat(Request("m2", "Queue", "Queue_GetProperties", $"{Probe} azsdk-net-Storage.Queues/12.24.0", AzuriteRequestLog.MarkPrefix + "end"))
            .Concat(Request("t2", "Table", "Table_QueryEntities"));

        var log = AzuriteRequestLog.Parse(lines, Probe);

        Assert.Equal(
            [new("table", "Table_Create"), new("blob", "BlockBlob_Upload"), new("queue", "Service_GetProperties"), new("table", "Table_Batch"), new("table", "Table_QueryEntities")],
            log.Operations);
        Assert.Equal([new("blob", "BlockBlob_Upload"), new("queue", "Service_GetProperties"), new StorageOperation("table", "Table_Batch")], log.Between("start", "end"));
        Assert.Throws<InvalidOperationException>(() => log.Between("start", "missing"));
    }

    [Fact]
    public async Task Waiting_for_a_mark_looks_from_where_the_log_ended_when_it_was_sent_and_sees_it_even_when_written_in_pieces()
    {
        var path = Path.GetTempFileName();
        try
        {
            var before = string.Join('\n', Request("m0", "Queue", "Queue_GetProperties", Probe, AzuriteRequestLog.MarkPrefix + "end")) + "\n";
            await File.WriteAllTextAsync(path, before);
            var offset = new FileInfo(path).Length;

            // An earlier mark of the same name is not this one.
            await Assert.ThrowsAsync<TimeoutException>(() => AzuriteRequestLog.WaitForMarkAsync(path, "end", offset, TimeSpan.FromMilliseconds(300)));

            var waiting = AzuriteRequestLog.WaitForMarkAsync(path, "end", offset, TimeSpan.FromSeconds(30));
            var line = string.Join('\n', Request("m1", "Queue", "Queue_GetProperties", Probe, AzuriteRequestLog.MarkPrefix + "end")) + "\n";
            var split = line.IndexOf("mark-end", StringComparison.Ordinal) + 4;
            await File.AppendAllTextAsync(path, line[..split]);
            await Task.Delay(300);
            Assert.False(waiting.IsCompleted);
            await File.AppendAllTextAsync(path, line[split..]);
            await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("blob", "BlockBlob_Upload", "blob upload")]
    [InlineData("blob", "Blob_Download", "blob read")]
    [InlineData("table", "Table_InsertEntity", "table insert")]
    [InlineData("table", "Table_UpdateEntity", "table update")]
    [InlineData("table", "Table_MergeEntity", "table update")]
    [InlineData("table", "Table_QueryEntitiesWithPartitionAndRowKey", "table point read")]
    [InlineData("table", "Table_QueryEntities", "table query")]
    [InlineData("table", "Table_Batch", "table batch")]
    [InlineData("table", "Table_DeleteEntity", "table delete")]
    [InlineData("queue", "Messages_Enqueue", "queue put")]
    [InlineData("queue", "Messages_Dequeue", "queue get")]
    [InlineData("queue", "MessageId_Update", "queue update")]
    [InlineData("queue", "MessageId_Delete", "queue delete")]
    [InlineData("queue", "Service_GetProperties", "queue Service_GetProperties")]
    public void Each_operation_has_the_kind_a_storage_bill_would_name(string service, string name, string kind) =>
        Assert.Equal(kind, new StorageOperation(service, name).Kind);

    [Fact]
    public void Counts_are_per_item_by_kind_and_in_total_by_operation()
    {
        var counts = OperationCounts.Of(
            [new("blob", "BlockBlob_Upload"), new("blob", "BlockBlob_Upload"), new("table", "Table_UpdateEntity"), new("table", "Table_MergeEntity")], items: 2);

        Assert.Equal(4, counts.Total);
        Assert.Equal(2.0, counts.PerItem);
        Assert.Equal(new Dictionary<string, double> { ["blob upload"] = 1.0, ["table update"] = 1.0 }, counts.PerItemByKind);
        Assert.Equal(new Dictionary<string, int> { ["blob BlockBlob_Upload"] = 2, ["table Table_MergeEntity"] = 1, ["table Table_UpdateEntity"] = 1 }, counts.ByOperation);
    }

    [Fact]
    public void Percentiles_are_by_nearest_rank()
    {
        Assert.Equal(new Distribution(50, 95, 100), Distribution.Of(Enumerable.Range(1, 100).Select(i => (double)(101 - i))));
        Assert.Equal(new Distribution(7, 7, 7), Distribution.Of([7.0]));
        Assert.Equal(new Distribution(0, 0, 0), Distribution.Of([]));
    }
}
