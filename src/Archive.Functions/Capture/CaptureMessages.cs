using System.Text.Json;
using Archive.Core;
using Archive.Core.Capture;
using Azure.Storage.Queues.Models;

namespace Archive.Functions.Capture;

/// <summary>Reads capture messages from queue messages, for the capture queue and its poison queue alike.</summary>
public static class CaptureMessages
{
    /// <summary>The capture message a queue message carries.</summary>
    /// <exception cref="InvalidCaptureMessageException">The body is not a capture message.</exception>
    public static CaptureMessage Read(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        CaptureMessage? work;
        try
        {
            work = JsonSerializer.Deserialize<CaptureMessage>(message.Body, ArchiveJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidCaptureMessageException($"Message {message.MessageId} is not a capture message: {ex.Message}", ex);
        }

        return work ?? throw new InvalidCaptureMessageException($"Message {message.MessageId} is empty.");
    }
}
