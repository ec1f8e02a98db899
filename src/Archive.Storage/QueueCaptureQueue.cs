using System.Text.Json;
using Archive.Core;
using Archive.Core.Capture;
using Azure.Storage.Queues;

namespace Archive.Storage;

/// <summary>Queues capture messages as Base64 JSON, the encoding the Functions queue trigger expects.</summary>
public sealed class QueueCaptureQueue(QueueServiceClient queues, ResolvedStorageNames names) : ICaptureQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(names.CaptureQueue);

    /// <inheritdoc />
    public async Task EnqueueAsync(CaptureMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(message, ArchiveJson.Options);
        await _queue.SendMessageAsync(json, visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
