using Archive.Core.Capture;
using Archive.Storage;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Capture;

/// <summary>
/// The capture poison queue's trigger: the queue gave up on a capture message after its last delivery, so the
/// article's head and check log say so, with how the last attempt ended.
/// </summary>
public sealed partial class CaptureGaveUp(CaptureFailures failures, ILogger<CaptureGaveUp> logger)
{
    /// <summary>Records that capture gave up on the article a poisoned message names.</summary>
    [Function(nameof(CaptureGaveUp))]
    public async Task Run(
        [QueueTrigger(StorageNames.CapturePoisonQueue, Connection = "AzureWebJobsStorage")] QueueMessage message,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            var result = await failures.GiveUpAsync(CaptureMessageCodec.Decode(message.Body, message.MessageId), cancellationToken).ConfigureAwait(false);
            LogGaveUp(logger, message.MessageId, result?.ArticleId ?? "(unknown)");
        }
        catch (InvalidCaptureMessageException ex)
        {
            // Nothing to record on any article; throwing would only move it to yet another poison queue.
            LogUnreadable(logger, message.MessageId, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Capture gave up on message {MessageId} for article {ArticleId}")]
    private static partial void LogGaveUp(ILogger logger, string messageId, string articleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Poisoned message {MessageId} names no article: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string messageId, string error);
}
