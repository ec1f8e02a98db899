using System.ComponentModel.DataAnnotations;

namespace Archive.Core.Recheck;

/// <summary>One step of the re-check cadence: while an article has been quiet for at most <see cref="QuietFor"/>, check it every <see cref="Interval"/>.</summary>
public sealed class CadenceStep
{
    /// <summary>How long the article has gone without a change.</summary>
    public TimeSpan QuietFor { get; set; }

    /// <summary>How often to check it meanwhile.</summary>
    public TimeSpan Interval { get; set; }
}

/// <summary>When articles are re-checked. Bound from the <c>Recheck</c> configuration section.</summary>
public sealed class RecheckOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Recheck";

    /// <summary>The app setting holding the timer's NCRONTAB schedule (six fields, with seconds). Example: <c>0 */5 * * * *</c>.</summary>
    public const string ScheduleSetting = "RECHECK_SCHEDULE";

    /// <summary>The schedule the local runner uses when <see cref="ScheduleSetting"/> is not set: every minute.</summary>
    public const string DefaultSchedule = "0 * * * * *";

    /// <summary>Whether captures schedule re-checks at all. Default: true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The cadence, from the quietest-recent step to the longest. Default, as the field found works: every 15 minutes
    /// while the article changed in the last 3 hours, hourly within a day, every 3 hours within a week, every 3 days
    /// within a month, every 30 days within a year, then stop.
    /// </summary>
    public IList<CadenceStep>? Cadence { get; set; }

    /// <summary>The most re-checks one timer run queues. Default: 10,000.</summary>
    [Range(1, 1_000_000)]
    public int MaxPerRun { get; set; } = 10_000;

    /// <summary>How many due articles one timer run queues at once. Default: 16.</summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 16;

    /// <summary>The cadence in effect (the configured one, or the default).</summary>
    public IReadOnlyList<CadenceStep> Steps => Cadence is { Count: > 0 } configured ? [.. configured] : DefaultCadence;

    /// <summary>The default cadence.</summary>
    public static IReadOnlyList<CadenceStep> DefaultCadence { get; } =
    [
        new() { QuietFor = TimeSpan.FromHours(3), Interval = TimeSpan.FromMinutes(15) },
        new() { QuietFor = TimeSpan.FromDays(1), Interval = TimeSpan.FromHours(1) },
        new() { QuietFor = TimeSpan.FromDays(7), Interval = TimeSpan.FromHours(3) },
        new() { QuietFor = TimeSpan.FromDays(30), Interval = TimeSpan.FromDays(3) },
        new() { QuietFor = TimeSpan.FromDays(365), Interval = TimeSpan.FromDays(30) },
    ];

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var previous = TimeSpan.Zero;
        foreach (var step in Steps)
        {
            if (step.Interval <= TimeSpan.Zero || step.QuietFor <= previous)
            {
                yield return new ValidationResult("Recheck:Cadence steps need positive intervals and increasing QuietFor values.", [nameof(Cadence)]);
                yield break;
            }

            previous = step.QuietFor;
        }
    }
}
