using Archive.Core.Capture;
using Archive.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Capture;

/// <summary>The capture queue's trigger: one message, one capture. Transient failures throw so the queue redelivers.</summary>
public sealed class CaptureArticle(CaptureService capture)
{
    /// <summary>Captures the article a message names.</summary>
    [Function(nameof(CaptureArticle))]
    public async Task Run(
        [QueueTrigger(StorageNames.CaptureQueue, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var work = CaptureMessages.Read(message);
        await capture.CaptureAsync(work, (int)Math.Min(message.DequeueCount, int.MaxValue), cancellationToken).ConfigureAwait(false);
    }
}
