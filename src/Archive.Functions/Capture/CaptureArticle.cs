using Archive.Core.Capture;
using Archive.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Capture;

/// <summary>
/// The capture queue's trigger: one message, one capture. Transient fetch failures are re-queued with backoff; storage
/// failures throw so the queue redelivers and finally moves the message to the poison queue.
/// </summary>
public sealed class CaptureArticle(CaptureDelivery delivery)
{
    /// <summary>Captures the article a message names.</summary>
    [Function(nameof(CaptureArticle))]
    public async Task Run(
        [QueueTrigger(StorageNames.CaptureQueue, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var work = CaptureMessageCodec.Decode(message.Body, message.MessageId);
        await delivery.ProcessAsync(work, message.DequeueCount, cancellationToken).ConfigureAwait(false);
    }
}
