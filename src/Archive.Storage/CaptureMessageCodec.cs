using System.Text.Json;
using Archive.Core;
using Archive.Core.Capture;

namespace Archive.Storage;

/// <summary>
/// The capture queue's message format, both ways, in one place: a <see cref="CaptureMessage"/> as JSON. The queue
/// client puts the JSON in Base64 on the wire (<see cref="ServiceCollectionExtensions.AddArchiveStorage"/>), the
/// encoding the Functions queue trigger expects: plain text would silently end in the poison queue. The local runner
/// moves a poisoned message's body as it is, so the poison queue holds the same format.
/// </summary>
public static class CaptureMessageCodec
{
    /// <summary>The body of a message carrying <paramref name="message"/>.</summary>
    public static BinaryData Encode(CaptureMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return BinaryData.FromObjectAsJson(message, ArchiveJson.Options);
    }

    /// <summary>The capture message a queue message's body carries.</summary>
    /// <param name="body">The body, as the queue client decoded it.</param>
    /// <param name="messageId">The queue's id of the message, for the error.</param>
    /// <exception cref="InvalidCaptureMessageException">The body is not a capture message.</exception>
    public static CaptureMessage Decode(BinaryData body, string messageId)
    {
        ArgumentNullException.ThrowIfNull(body);
        CaptureMessage? message;
        try
        {
            message = body.ToObjectFromJson<CaptureMessage>(ArchiveJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidCaptureMessageException($"Message {messageId} is not a capture message: {ex.Message}", ex);
        }

        return message ?? throw new InvalidCaptureMessageException($"Message {messageId} is empty.");
    }
}
