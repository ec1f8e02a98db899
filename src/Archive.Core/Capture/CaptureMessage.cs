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
