namespace Archive.Core.Recheck;

/// <summary>Turns an article's quiet time into its next re-check time: often while it is young and changing, rarely once old.</summary>
public static class RecheckCadence
{
    /// <summary>
    /// The next check after <paramref name="now"/> for an article unchanged since <paramref name="quietSince"/>, or
    /// null when it has been quiet longer than the last step and is no longer checked.
    /// </summary>
    public static DateTimeOffset? NextCheck(IReadOnlyList<CadenceStep> steps, DateTimeOffset quietSince, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var quiet = now - quietSince;
        if (quiet < TimeSpan.Zero)
        {
            quiet = TimeSpan.Zero;
        }

        foreach (var step in steps)
        {
            if (quiet <= step.QuietFor)
            {
                return now + step.Interval;
            }
        }

        return null;
    }
}
