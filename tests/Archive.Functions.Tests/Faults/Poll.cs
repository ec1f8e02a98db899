namespace Archive.Functions.Tests.Faults;

/// <summary>Waits for a condition by polling, instead of sleeping for a fixed time.</summary>
public static class Poll
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan limit, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{what ?? "The condition"} did not hold within {limit}; last seen: {last}");
            }

            await Task.Delay(100);
        }
    }
}
