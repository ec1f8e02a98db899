namespace Archive.Cli.Bench;

/// <summary>One storage request as Azurite's request log shows it.</summary>
/// <param name="Service">blob, queue or table.</param>
/// <param name="Name">Azurite's operation name, such as <c>BlockBlob_Upload</c> or <c>Messages_Dequeue</c>.</param>
public readonly record struct StorageOperation(string Service, string Name)
{
    /// <summary>
    /// What kind of work it is, in words that match a storage bill: <c>blob upload</c>, <c>blob read</c>,
    /// <c>table insert</c>, <c>table update</c>, <c>table point read</c>, <c>table query</c>, <c>table batch</c>,
    /// <c>queue put</c>, <c>queue get</c>, <c>queue delete</c>…; other operations by their Azurite name.
    /// </summary>
    public string Kind => Name switch
    {
        "BlockBlob_Upload" or "BlockBlob_StageBlock" or "BlockBlob_CommitBlockList" or "BlockBlob_PutBlobFromUrl" => "blob upload",
        "Blob_Download" or "Blob_GetProperties" or "Blob_Query" or "BlockBlob_GetBlockList" => "blob read",
        "Container_ListBlobFlatSegment" or "Container_ListBlobHierarchySegment" => "blob list",
        "Table_InsertEntity" => "table insert",
        "Table_UpdateEntity" or "Table_MergeEntity" or "Table_MergeEntityWithMerge" => "table update",
        "Table_DeleteEntity" => "table delete",
        "Table_QueryEntitiesWithPartitionAndRowKey" => "table point read",
        "Table_QueryEntities" => "table query",
        "Table_Batch" => "table batch",
        "Messages_Enqueue" => "queue put",
        "Messages_Dequeue" => "queue get",
        "MessageId_Update" => "queue update",
        "MessageId_Delete" => "queue delete",
        _ => $"{Service} {Name}",
    };
}

/// <summary>The requests of Azurite's log, in the order Azurite dispatched them, and where the marks fell.</summary>
/// <param name="Operations">Every request but the benchmark's own.</param>
/// <param name="Marks">For each mark, how many of <see cref="Operations"/> came before it.</param>
public sealed record RequestLog(IReadOnlyList<StorageOperation> Operations, IReadOnlyDictionary<string, int> Marks)
{
    /// <summary>The operations between two marks.</summary>
    /// <exception cref="InvalidOperationException">A mark is not in the log.</exception>
    public IReadOnlyList<StorageOperation> Between(string from, string to) =>
        Marks.TryGetValue(from, out var start) && Marks.TryGetValue(to, out var end)
            ? [.. Operations.Skip(start).Take(end - start)]
            : throw new InvalidOperationException($"Azurite's request log lacks the mark '{(Marks.ContainsKey(from) ? to : from)}'.");
}

/// <summary>
/// Reads the request log Azurite writes when started with <c>--debug FILE</c>. Every request has a line
/// <c>&lt;time&gt; &lt;request id&gt; info: DispatchMiddleware: Operation=NAME</c>, preceded by one naming its service
/// and headers. Lines are in the order Azurite dispatched the requests, but their times lag when Azurite is busy (it
/// formats lines as it writes them), so a benchmark cuts the log at marks: requests of its own whose client request
/// id is <see cref="MarkPrefix"/> and a name. Requests whose user agent carries a given marker (the benchmark's own
/// probes and marks) are left out of the operations.
/// </summary>
public static class AzuriteRequestLog
{
    /// <summary>The start of a mark's client request id (<c>x-ms-client-request-id</c>); the name follows.</summary>
    public const string MarkPrefix = "archive-bench-mark-";

    private const string ContextMarker = "StorageContextMiddleware: RequestMethod=";
    private const string OperationMarker = "DispatchMiddleware: Operation=";

    /// <summary>The requests of the log file at <paramref name="path"/>.</summary>
    public static RequestLog Read(string path, string excludedAgent)
    {
        using var reader = new StreamReader(Open(path));
        return Parse(Lines(reader), excludedAgent);

        static IEnumerable<string> Lines(StreamReader reader)
        {
            while (reader.ReadLine() is { } line)
            {
                yield return line;
            }
        }
    }

    /// <summary>
    /// Waits until Azurite has written <paramref name="mark"/> to its log (it writes as it goes, and falls behind when
    /// busy), looking from <paramref name="offset"/>, the log's length when the mark was sent.
    /// </summary>
    /// <exception cref="TimeoutException">The mark was not written within <paramref name="limit"/>.</exception>
    public static async Task WaitForMarkAsync(string path, string mark, long offset, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        var wanted = MarkPrefix + mark + "\"";
        var waited = System.Diagnostics.Stopwatch.StartNew();
        using var reader = new StreamReader(Open(path));
        reader.BaseStream.Seek(offset, SeekOrigin.Begin);
        var seen = string.Empty;
        while (true)
        {
            // Keep the end of what was read, in case the mark is split across two reads.
            seen = seen[Math.Max(0, seen.Length - wanted.Length)..] + await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            if (seen.Contains(wanted, StringComparison.Ordinal))
            {
                return;
            }

            if (waited.Elapsed > limit)
            {
                throw new TimeoutException($"Azurite did not write the mark '{mark}' to its request log {path} within {limit.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The requests of <paramref name="lines"/>.</summary>
    public static RequestLog Parse(IEnumerable<string> lines, string excludedAgent)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentException.ThrowIfNullOrEmpty(excludedAgent);

        // Request id -> its service ("blob", "queue", "table"), or empty for a request to leave out.
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        var operations = new List<StorageOperation>();
        var marks = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var context = line.IndexOf(ContextMarker, StringComparison.Ordinal);
            if (context > 0 && RequestId(line) is { } request)
            {
                var mark = line.IndexOf(MarkPrefix, context, StringComparison.Ordinal);
                if (mark > 0)
                {
                    var name = line[(mark + MarkPrefix.Length)..];
                    marks.TryAdd(name[..Math.Max(0, name.IndexOf('"', StringComparison.Ordinal))], operations.Count);
                }

                // "... info: QueueStorageContextMiddleware: RequestMethod=...": the service is the start of that word.
                var word = line.LastIndexOf(' ', context - 1) + 1;
                services[request] = line.Contains(excludedAgent, StringComparison.Ordinal) ? string.Empty : line[word..context].ToLowerInvariant();
                continue;
            }

            var operation = line.IndexOf(OperationMarker, StringComparison.Ordinal);
            if (operation < 0 || RequestId(line) is not { } dispatched)
            {
                continue;
            }

            var op = line[(operation + OperationMarker.Length)..].Trim();
            var service = services.Remove(dispatched, out var known) ? known : ServiceOf(op);
            if (service.Length > 0)
            {
                operations.Add(new StorageOperation(service, op));
            }
        }

        return new RequestLog(operations, marks);
    }

    // "<time> <request id> <level>: <message>".
    private static string? RequestId(string line)
    {
        var first = line.IndexOf(' ', StringComparison.Ordinal);
        var second = first < 0 ? -1 : line.IndexOf(' ', first + 1);
        return second > first + 1 ? line[(first + 1)..second] : null;
    }

    private static FileStream Open(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);

    private static string ServiceOf(string name) =>
        name.StartsWith("Table_", StringComparison.Ordinal) ? "table"
        : name.StartsWith("Messages_", StringComparison.Ordinal) || name.StartsWith("MessageId_", StringComparison.Ordinal) || name.StartsWith("Queue_", StringComparison.Ordinal) ? "queue"
        : "blob";
}
