using System.Text.Json;

namespace Archive.Local.Hosting;

/// <summary>The parts of host.json the local runner honours, read from the same file the Functions host reads.</summary>
public sealed record HostSettings
{
    /// <summary>The HTTP route prefix. host.json: <c>extensions.http.routePrefix</c>.</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>Messages fetched at once. host.json: <c>extensions.queues.batchSize</c>.</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>
    /// How few messages may be in flight before another batch is fetched: the runner keeps up to
    /// <see cref="BatchSize"/> + this many at once, as the Functions host does. host.json:
    /// <c>extensions.queues.newBatchThreshold</c>; default half the batch size.
    /// </summary>
    public int NewBatchThreshold { get; init; } = 8;

    /// <summary>Deliveries before a message goes to the poison queue. host.json: <c>extensions.queues.maxDequeueCount</c>.</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before its retry. host.json: <c>extensions.queues.visibilityTimeout</c>.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue. host.json: <c>extensions.queues.maxPollingInterval</c>.</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The longest one invocation may run. host.json: <c>functionTimeout</c>.</summary>
    public TimeSpan FunctionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a received message stays invisible; renewed at half of it while the function runs, so a slow run is
    /// not delivered twice, and a crashed runner's message comes back when it runs out. The Functions host uses 10
    /// minutes. Not in host.json; the local runner reads <c>Runner:MessageLease</c>.
    /// </summary>
    public TimeSpan MessageLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Applies the local runner's overrides from configuration: <c>Runner:MessageLease</c>, <c>Runner:RetryDelay</c>
    /// (host.json's visibilityTimeout) and <c>Runner:MaxPollingInterval</c>, as TimeSpans (tests shorten them).
    /// </summary>
    public HostSettings WithOverrides(Func<string, string?> setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return this with
        {
            MessageLease = Read(setting("Runner:MessageLease"), MessageLease),
            VisibilityTimeout = Read(setting("Runner:RetryDelay"), VisibilityTimeout),
            MaxPollingInterval = Read(setting("Runner:MaxPollingInterval"), MaxPollingInterval),
        };

        static TimeSpan Read(string? value, TimeSpan fallback) =>
            value is null ? fallback
            : TimeSpan.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= TimeSpan.Zero ? parsed
            : throw new InvalidOperationException($"'{value}' is not a time span (hh:mm:ss).");
    }

    /// <summary>Reads host.json from <paramref name="path"/>; defaults for what it leaves out.</summary>
    public static HostSettings Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        var settings = new HostSettings();
        if (root.TryGetProperty("functionTimeout", out var timeout) && TimeSpan.TryParse(timeout.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var t))
        {
            settings = settings with { FunctionTimeout = t };
        }

        if (!root.TryGetProperty("extensions", out var extensions))
        {
            return settings;
        }

        if (extensions.TryGetProperty("http", out var http) && http.TryGetProperty("routePrefix", out var prefix))
        {
            settings = settings with { RoutePrefix = prefix.GetString() ?? "api" };
        }

        if (extensions.TryGetProperty("queues", out var queues))
        {
            var batchSize = queues.TryGetProperty("batchSize", out var b) ? b.GetInt32() : settings.BatchSize;
            settings = settings with
            {
                BatchSize = batchSize,
                NewBatchThreshold = queues.TryGetProperty("newBatchThreshold", out var n) ? n.GetInt32() : batchSize / 2,
                MaxDequeueCount = queues.TryGetProperty("maxDequeueCount", out var m) ? m.GetInt32() : settings.MaxDequeueCount,
                VisibilityTimeout = queues.TryGetProperty("visibilityTimeout", out var v) ? TimeSpan.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : settings.VisibilityTimeout,
                MaxPollingInterval = queues.TryGetProperty("maxPollingInterval", out var p) ? TimeSpan.Parse(p.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : settings.MaxPollingInterval,
            };
        }

        return settings;
    }

    /// <summary>host.json beside the running program.</summary>
    public static HostSettings LoadDefault() => Load(Path.Combine(AppContext.BaseDirectory, "host.json"));
}
