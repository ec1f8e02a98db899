using System.ComponentModel.DataAnnotations;

namespace Archive.Core.Provenance;

/// <summary>How versions are anchored in time. Bound from the <c>Provenance</c> configuration section.</summary>
public sealed class ProvenanceOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Provenance";

    /// <summary>The app setting holding the anchor timer's NCRONTAB schedule (six fields, with seconds).</summary>
    public const string ScheduleSetting = "ANCHOR_SCHEDULE";

    /// <summary>The schedule when the setting is absent in the local runner: every 10 minutes.</summary>
    public const string DefaultSchedule = "0 */10 * * * *";

    /// <summary>The app setting holding the catch-up timer's NCRONTAB schedule (the versions the activity index missed).</summary>
    public const string SweepScheduleSetting = "ANCHOR_SWEEP_SCHEDULE";

    /// <summary>The catch-up's schedule when the setting is absent in the local runner: daily at 03:45 UTC.</summary>
    public const string DefaultSweepSchedule = "0 45 3 * * *";

    /// <summary>
    /// The RFC 3161 timestamp authority asked for one token per anchor (an absolute http or https URL). Default: none,
    /// and versions say "not anchored".
    /// </summary>
    public Uri? TimestampAuthorityUrl { get; set; }

    /// <summary>The authority in effect: <see cref="TimestampAuthorityUrl"/> unless it is empty (an app setting left blank).</summary>
    public Uri? Authority => TimestampAuthorityUrl is { OriginalString.Length: > 0 } url ? url : null;

    /// <summary>
    /// How long after a version is sealed it is anchored at the earliest: the activity index it is found in is written a
    /// moment after the commit, so an anchor covers versions sealed up to this long before it. Default: 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettleFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The longest one request to the authority may take. Default: 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many version rows one anchoring run reads at once. Default: 16.</summary>
    [Range(1, 256)]
    public int Parallelism { get; set; } = 16;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Authority is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("Provenance:TimestampAuthorityUrl must be an absolute http or https URL.", [nameof(TimestampAuthorityUrl)]);
        }
    }
}
