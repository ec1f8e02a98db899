using Archive.Core.Capture;
using Azure.Storage.Queues;

namespace Archive.Storage;

/// <summary>Queues capture messages in the format <see cref="CaptureMessageCodec"/> defines.</summary>
public sealed class QueueCaptureQueue(QueueServiceClient queues, ResolvedStorageNames names) : ICaptureQueue
{
    private readonly QueueClient _queue = queues.GetQueueClient(names.CaptureQueue);

    /// <inheritdoc />
    public async Task EnqueueAsync(CaptureMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default) =>
        await _queue.SendMessageAsync(CaptureMessageCodec.Encode(message), visibilityTimeout: delay, cancellationToken: cancellationToken).ConfigureAwait(false);
}
