using Archive.Core.Recheck;
using Archive.Core.Versions;

namespace Archive.Core.Capture;

/// <summary>The work item on the capture queue: fetch this article now.</summary>
public sealed record CaptureMessage
{
    /// <summary>The article's id (derived from <see cref="Url"/>).</summary>
    public required string ArticleId { get; init; }

    /// <summary>The canonical URL to fetch.</summary>
    public required string Url { get; init; }

    /// <summary>Tags the submitter gave.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Where the submitter found the article, or who they are.</summary>
    public string? Source { get; init; }

    /// <summary>Why the capture was asked for: <c>submit</c>, <c>recheck</c> or <c>manual</c>.</summary>
    public string Trigger { get; init; } = CaptureTriggers.Submit;

    /// <summary>When it was asked for.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>Attempts already made for this request by earlier messages (a retry is queued as a new, delayed message).</summary>
    public int PreviousAttempts { get; init; }

    /// <summary>
    /// The article's head as the producer of the message last saw it, with its ETag (without labels); null when it did
    /// not read it. The capture starts from it instead of reading the head: every commit is conditional on the ETag, so
    /// a head that changed meanwhile only costs a read and a second decision.
    /// </summary>
    public ArticleHead? Head { get; init; }

    /// <summary>When the timer queued the message: the due entry it took and where it scheduled the next check.</summary>
    public ScheduledCheck? Schedule { get; init; }
}

/// <summary>Why a capture was asked for.</summary>
public static class CaptureTriggers
{
    /// <summary>An archivist submitted the URL.</summary>
    public const string Submit = "submit";

    /// <summary>The schedule found the article due.</summary>
    public const string Recheck = "recheck";

    /// <summary>Someone asked for a re-check by hand.</summary>
    public const string Manual = "manual";
}

/// <summary>Where capture work is queued.</summary>
public interface ICaptureQueue
{
    /// <summary>Queues a capture, optionally invisible for <paramref name="delay"/>.</summary>
    Task EnqueueAsync(CaptureMessage message, TimeSpan? delay = null, CancellationToken cancellationToken = default);
}
