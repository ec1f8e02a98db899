using System.ComponentModel.DataAnnotations;

namespace Archive.Core.Capture;

/// <summary>Limits on submissions and retries. Bound from the <c>Capture</c> configuration section.</summary>
public sealed class CaptureOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Capture";

    /// <summary>The most URLs one submission may carry. Default: 100.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>The most tags one URL may carry. Default: 32.</summary>
    [Range(0, 1000)]
    public int MaxTags { get; set; } = 32;

    /// <summary>The longest tag, in characters. Default: 100.</summary>
    [Range(1, 1000)]
    public int MaxTagLength { get; set; } = 100;

    /// <summary>The longest source, in characters. Default: 500.</summary>
    [Range(1, 10_000)]
    public int MaxSourceLength { get; set; } = 500;

    /// <summary>
    /// Deliveries of one capture message before a transient failure is taken as final. Default: 5, which must match
    /// <c>extensions.queues.maxDequeueCount</c> in host.json (a test holds them together).
    /// </summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// The wait before the first retry of a transient fetch failure (timeout, 5xx, connection failed); each further
    /// retry waits twice as long, up to <see cref="MaxRetryDelay"/>. Default: 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between retries. Default: 15 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a capture re-reads and decides again after losing a write race. Default: 8.</summary>
    [Range(1, 100)]
    public int MaxConflictRetries { get; set; } = 8;
}
