using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Local.Hostile;

/// <summary>How one hostile case ended: its outcome code, reason, and how long from submission to a final check.</summary>
public sealed record HostileResult(HostileCase Case, string ArticleId, string? Outcome, string? Reason, TimeSpan Elapsed)
{
    /// <summary>True when the capture ended in the case's documented outcome with a reason that says what it must.</summary>
    public bool AsDocumented => Outcome == Archive.Core.Versions.CaptureOutcomes.ToCode(Case.Outcome) && Reason is not null && Reason.Contains(Case.ReasonSays, StringComparison.Ordinal);
}

/// <summary>
/// Submits every hostile case to a running Archive API and waits until each article's last check is final (no retry
/// pending): what the hostile-publisher tests and <c>archive bench hostile</c> both run.
/// </summary>
public static class HostileRun
{
    /// <summary>
    /// Settings that keep a run short and every case concurrent: short fetch time limits, room for every case at
    /// once on 127.0.0.1, two attempts with a short backoff.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Fetch:TotalTimeout"] = "00:00:03",
        ["Fetch:HeadersTimeout"] = "00:00:01",
        ["Fetch:MaxConcurrentPerHost"] = "64",
        ["Capture:MaxAttempts"] = "2",
        ["Capture:RetryDelay"] = "00:00:00.2",
        ["Capture:MaxRetryDelay"] = "00:00:01",
    };

    /// <summary>Runs every case once against <paramref name="api"/> (the app's base address), each under its own path suffix.</summary>
    public static async Task<IReadOnlyList<HostileResult>> RunAsync(HttpClient api, HostilePublisher publisher, string round, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(publisher);
        var started = Stopwatch.StartNew();
        var submitted = new List<(HostileCase Case, string Id)>();
        foreach (var hostile in HostileCases.All)
        {
            // The query makes each round's URL (and article) new; the publisher answers by path.
            var url = $"{publisher.Url(hostile).AbsoluteUri}?round={round}";
            using var response = await api.PostAsJsonAsync("api/captures", new { url }, cancellationToken).ConfigureAwait(false);
            response.EnsureSuccessStatusCode();
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("id").GetString()!;
            submitted.Add((hostile, id));
        }

        var results = new Dictionary<string, HostileResult>();
        while (results.Count < submitted.Count && started.Elapsed < timeout)
        {
            foreach (var (hostile, id) in submitted.Where(s => !results.ContainsKey(s.Id)))
            {
                var article = await api.GetFromJsonAsync<JsonElement>($"api/articles/{id}", cancellationToken).ConfigureAwait(false);
                if (article.TryGetProperty("lastOutcome", out var last) && last.ValueKind == JsonValueKind.Object && !last.GetProperty("willRetry").GetBoolean())
                {
                    results[id] = new HostileResult(hostile, id, last.GetProperty("code").GetString(), last.GetProperty("reason").GetString(), started.Elapsed);
                }
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }

        return [.. submitted.Select(s => results.TryGetValue(s.Id, out var r) ? r : new HostileResult(s.Case, s.Id, null, null, started.Elapsed))];
    }
}
