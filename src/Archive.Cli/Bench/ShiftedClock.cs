namespace Archive.Cli.Bench;

/// <summary>
/// The system clock moved forward by a settable amount: the capture benchmark hands it to the app, so it can make
/// every article due for its scheduled re-check without waiting for the re-check interval to pass. Timers still run
/// on real time; only the time the app reads moves.
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>How far ahead of the system clock this clock reads.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock <paramref name="by"/> forward (never backward).</summary>
    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
