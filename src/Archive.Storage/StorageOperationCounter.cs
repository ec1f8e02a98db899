using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Archive.Storage;

/// <summary>
/// Counts the requests the Azure Storage clients send, by service and method, when registered in the container.
/// Benchmarks use it to report what an operation costs in storage transactions (each request is one transaction).
/// </summary>
public sealed class StorageOperationCounter
{
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    /// <summary>Requests sent since the last reset.</summary>
    public int Total => _counts.Values.Sum();

    /// <summary>Requests by <c>service METHOD</c> (for example <c>table GET</c>).</summary>
    public IReadOnlyDictionary<string, int> ByKind => new SortedDictionary<string, int>(_counts, StringComparer.Ordinal);

    /// <summary>Starts counting from zero.</summary>
    public void Reset() => _counts.Clear();

    /// <summary>A pipeline policy that counts the requests of one service's client.</summary>
    public HttpPipelinePolicy PolicyFor(string service) => new Policy(this, service);

    private sealed class Policy(StorageOperationCounter counter, string service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            ArgumentNullException.ThrowIfNull(message);
            var batch = message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal) ? " batch" : string.Empty;
            counter._counts.AddOrUpdate($"{service} {message.Request.Method}{batch}", 1, (_, n) => n + 1);
        }
    }
}
