using System.Globalization;

namespace Archive.Cli.Bench;

/// <summary>The middle, the 95th percentile and the largest of some measurements (nearest rank).</summary>
public sealed record Distribution(double P50, double P95, double Max)
{
    /// <summary>The distribution of <paramref name="values"/>; zeros when there are none.</summary>
    public static Distribution Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? new Distribution(0, 0, 0) : new Distribution(Rank(sorted, 0.50), Rank(sorted, 0.95), sorted[^1]);

        static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>Storage operations of one phase, from Azurite's request log.</summary>
/// <param name="Total">Every request.</param>
/// <param name="PerItem">Requests per capture or re-check.</param>
/// <param name="PerItemByKind">Requests per item by kind (<see cref="StorageOperation.Kind"/>).</param>
/// <param name="ByOperation">Request totals by Azurite's operation name.</param>
public sealed record OperationCounts(int Total, double PerItem, IReadOnlyDictionary<string, double> PerItemByKind, IReadOnlyDictionary<string, int> ByOperation)
{
    /// <summary>Counts <paramref name="operations"/> done for <paramref name="items"/> items.</summary>
    public static OperationCounts Of(IReadOnlyCollection<StorageOperation> operations, int items)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var per = Math.Max(items, 1);
        return new OperationCounts(
            operations.Count,
            (double)operations.Count / per,
            new SortedDictionary<string, double>(operations.CountBy(o => o.Kind).ToDictionary(k => k.Key, k => (double)k.Value / per), StringComparer.Ordinal),
            new SortedDictionary<string, int>(operations.CountBy(o => $"{o.Service} {o.Name}").ToDictionary(), StringComparer.Ordinal));
    }
}

/// <summary>CPU time spent during one phase.</summary>
/// <param name="AppSeconds">By the process hosting the app (which also runs the benchmark's publisher and client).</param>
/// <param name="AzuriteSeconds">By Azurite.</param>
/// <param name="AzuriteMsPerItem">Azurite's milliseconds per capture or re-check.</param>
public sealed record CpuUse(double AppSeconds, double AzuriteSeconds, double AzuriteMsPerItem);

/// <summary>How the first captures were submitted.</summary>
/// <param name="Batches">POST /api/captures requests, one after another.</param>
/// <param name="BatchSize">URLs per request (the last one may have fewer).</param>
/// <param name="AcceptSeconds">How long a batch took to be accepted (202).</param>
public sealed record SubmissionReport(int Batches, int BatchSize, Distribution AcceptSeconds)
{
    /// <summary>One batch accepted with the app warm and the worker idle, measured after the phases.</summary>
    public IdleBatch? IdleBatch { get; init; }
}

/// <summary>Batches POSTed one at a time with the app warm and nothing else running.</summary>
/// <param name="Urls">URLs in each batch.</param>
/// <param name="AcceptSeconds">How long each POST took to be answered.</param>
public sealed record IdleBatch(int Urls, Distribution AcceptSeconds);

/// <summary>One phase: the first captures, or the unchanged re-checks.</summary>
/// <param name="Items">Captures or re-checks asked for.</param>
/// <param name="Recorded">Of those, how many have a recorded check (not one that will be retried).</param>
/// <param name="Seconds">From the first request to the last recorded check (queues empty, nothing running).</param>
/// <param name="PerSecond">Recorded items per second.</param>
/// <param name="Outcomes">Recorded checks by outcome.</param>
/// <param name="LatencySeconds">From submission (or the timer run) to each recorded check.</param>
/// <param name="Operations">Storage requests of the phase; null when Azurite's request log was off.</param>
/// <param name="Cpu">CPU time of the phase.</param>
public sealed record PhaseReport(
    int Items, int Recorded, double Seconds, double PerSecond, IReadOnlyDictionary<string, int> Outcomes, Distribution LatencySeconds, OperationCounts? Operations, CpuUse Cpu)
{
    /// <summary>How the phase was started.</summary>
    public required string TriggeredBy { get; init; }

    /// <summary>For the first captures: the submission requests.</summary>
    public SubmissionReport? Submission { get; init; }
}

/// <summary>The peak working set (resident memory) of each process, over its whole run.</summary>
public sealed record MemoryUse(long AppBytes, long AzuriteBytes);

/// <summary>The machine the figures come from.</summary>
/// <param name="Processors">Logical processors.</param>
/// <param name="LoadAtStart">The load averages (1, 5, 15 minutes) when the run began, if the system tells.</param>
/// <param name="LoadAtEnd">The same when it ended.</param>
public sealed record MachineInfo(int Processors, string? LoadAtStart, string? LoadAtEnd)
{
    /// <summary>The 1, 5 and 15 minute load averages, on systems that have <c>/proc/loadavg</c>.</summary>
    public static string? LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : null;
}

/// <summary>What <c>archive bench capture</c> measured.</summary>
public sealed record CaptureBenchReport(
    int Captures, int Publishers, int Pages, bool Conditional, bool RequestLog, PhaseReport FirstCaptures, PhaseReport Rechecks, MemoryUse PeakWorkingSet, MachineInfo Machine)
{
    /// <summary>Captures made by a throwaway app before the measured one started (none counted).</summary>
    public int WarmupCaptures { get; init; }

    /// <summary>Writes the report for people.</summary>
    public void WriteText(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"{Captures:N0} articles on {Publishers} publishers (127.0.1.x), {Pages} distinct pages; publishers {(Conditional ? "answer conditional requests with 304" : "send no validators, full page every time")}"));
        output.WriteLine(WarmupCaptures > 0
            ? string.Create(c, $"process warmed up by {WarmupCaptures:N0} captures of a throwaway app on its own Azurite, not counted")
            : "no warm-up (--warmup 0): the figures include compiling the app's code in this fresh process");
        output.WriteLine(string.Create(c, $"machine: {Machine.Processors} processors, load average {Machine.LoadAtStart ?? "unknown"} at start, {Machine.LoadAtEnd ?? "unknown"} at end"));
        Write(output, "First captures", "captures", "submission", FirstCaptures);
        Write(output, "Unchanged re-checks", "re-checks", "timer run", Rechecks);
        output.WriteLine();
        output.WriteLine(string.Create(c, $"Peak working set: app {PeakWorkingSet.AppBytes / 1048576.0:F0} MiB (the process also runs the publishers and the client), Azurite {PeakWorkingSet.AzuriteBytes / 1048576.0:F0} MiB"));
        output.WriteLine(RequestLog
            ? "Operations are counted from Azurite's request log (--debug), which Azurite writes as it goes: its CPU figures include that logging."
            : "Azurite's request log was off (--request-log false): operations are not counted, and Azurite's CPU figures are its storage work alone.");
    }

    private static void Write(TextWriter output, string title, string unit, string start, PhaseReport phase)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{title} ({phase.TriggeredBy}):"));
        if (phase.Submission is { } s)
        {
            if (s.IdleBatch is { } idle)
            {
                output.WriteLine(string.Create(c, $"  a POST of {idle.Urls} URLs with the worker idle (app warm, measured after the phases) accepted in p50 {idle.AcceptSeconds.P50:F2} s, max {idle.AcceptSeconds.Max:F2} s"));
            }

            output.WriteLine(string.Create(c, $"  submitted as {s.Batches} POSTs of up to {s.BatchSize} URLs, one after another while the worker captures; a POST accepted in p50 {s.AcceptSeconds.P50:F2} s, p95 {s.AcceptSeconds.P95:F2} s, max {s.AcceptSeconds.Max:F2} s"));
        }

        output.WriteLine(string.Create(c, $"  {phase.Recorded:N0} of {phase.Items:N0} recorded in {phase.Seconds:F1} s: {phase.PerSecond:F1} {unit}/s"));
        output.WriteLine("  outcomes: " + string.Join(", ", phase.Outcomes.Select(o => string.Create(c, $"{o.Key} {o.Value:N0}"))));
        output.WriteLine(string.Create(c, $"  from {start} to recorded check: p50 {phase.LatencySeconds.P50:F2} s, p95 {phase.LatencySeconds.P95:F2} s, max {phase.LatencySeconds.Max:F2} s"));
        if (phase.Operations is { } operations)
        {
            output.WriteLine(string.Create(c, $"  storage operations per item: {operations.PerItem:F2} ({operations.Total:N0} in all)"));
            output.WriteLine("    " + string.Join(", ", operations.PerItemByKind.Select(k => $"{k.Key} {k.Value.ToString(k.Value < 0.1 ? "F3" : "F2", c)}")));
            output.WriteLine("    Azurite: " + string.Join(", ", operations.ByOperation.Select(k => string.Create(c, $"{k.Key} {k.Value:N0}"))));
        }
        else
        {
            output.WriteLine("  storage operations: not counted (Azurite's request log off)");
        }
        output.WriteLine(string.Create(c, $"  CPU: app {phase.Cpu.AppSeconds:F1} s, Azurite {phase.Cpu.AzuriteSeconds:F1} s ({phase.Cpu.AzuriteMsPerItem:F1} ms per item)"));
    }
}
