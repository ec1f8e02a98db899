using System.Globalization;
using System.Text.Json;
using Archive.Cli.Client;
using Archive.Core;
using Archive.Core.Urls;

namespace Archive.Cli.Batch;

/// <summary>How a batch reports as it goes.</summary>
public enum BatchDisplay
{
    /// <summary>One plain line per URL as it finishes (pipes, logs, files).</summary>
    Lines,

    /// <summary>A progress bar redrawn in place (a terminal).</summary>
    ProgressBar,

    /// <summary>One JSON object per URL, then one for the summary (scripts).</summary>
    Json,
}

/// <summary>
/// Captures many URLs through the API at once: submits them a hundred to a request, waits for each capture (one
/// long-polling request per article, <c>concurrency</c> at a time), reports progress, and ends with a summary table
/// (captured, unchanged, failed with reasons).
/// </summary>
public sealed class BatchCapture(ArchiveApiClient client, TextWriter output, BatchDisplay display, int concurrency, TimeSpan timeout)
{
    private const int BarWidth = 30;

    // URLs per submission request: the API's default limit (Capture:MaxBatchSize).
    private const int MaxPerSubmission = 100;
    private readonly Lock _gate = new();
    private readonly List<BatchResult> _results = [];
    private int _total;

    /// <summary>Captures every item; answers the results in list order.</summary>
    public async Task<IReadOnlyList<BatchResult>> RunAsync(IReadOnlyList<CaptureItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        _total = items.Count;
        Draw();
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = cancellationToken };
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var unique = new List<(CaptureItem Item, string Url)>();
        foreach (var item in items)
        {
            if (!UrlCanonicalizer.TryCanonicalize(item.Url, out var canonical, out var error))
            {
                Report(new BatchResult(item, "invalid", null, null, error));
            }
            else if (seen.TryGetValue(canonical.ToString(), out var first))
            {
                Report(new BatchResult(item, BatchResult.Duplicate, null, null, $"The same article as line {first}; captured once."));
            }
            else
            {
                seen[canonical.ToString()] = item.Line;
                unique.Add((item, canonical.ToString()));
            }
        }

        // Submitted a hundred to a request, then waited for with one long-polling request per article.
        var submitted = new List<(CaptureItem Item, string Id, int ChecksBefore)>();
        foreach (var chunk in unique.Chunk(MaxPerSubmission))
        {
            submitted.AddRange(await SubmitAsync(chunk, cancellationToken).ConfigureAwait(false));
        }

        await Parallel.ForEachAsync(submitted, options, async (work, ct) => Report(await WaitAsync(work.Item, work.Id, work.ChecksBefore, ct).ConfigureAwait(false))).ConfigureAwait(false);
        if (display == BatchDisplay.ProgressBar)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
        }

        var results = _results.OrderBy(r => r.Item.Line).ToList();
        await WriteSummaryAsync(results).ConfigureAwait(false);
        return results;
    }

    // One request for the chunk; when the API refuses it (some item is invalid), each item on its own, so the others still go.
    private async Task<List<(CaptureItem Item, string Id, int ChecksBefore)>> SubmitAsync((CaptureItem Item, string Url)[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = (await client.SubmitManyAsync(chunk.Select(w => (w.Url, w.Item.Tags, w.Item.Source)), cancellationToken).ConfigureAwait(false)).GetProperty("articles");
            return [.. chunk.Select((w, i) => (w.Item, accepted[i].GetProperty("id").GetString()!, accepted[i].GetProperty("checkCount").GetInt32()))];
        }
        catch (ApiProblemException ex) when (ex.Status == System.Net.HttpStatusCode.BadRequest && chunk.Length > 1)
        {
            var one = new List<(CaptureItem, string, int)>();
            foreach (var work in chunk)
            {
                one.AddRange(await SubmitAsync([work], cancellationToken).ConfigureAwait(false));
            }

            return one;
        }
        catch (ApiProblemException ex)
        {
            foreach (var work in chunk)
            {
                Report(new BatchResult(work.Item, ex.Status == System.Net.HttpStatusCode.BadRequest ? "invalid" : "error", null, null, ex.Detail ?? ex.Title));
            }

            return [];
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            foreach (var work in chunk)
            {
                Report(new BatchResult(work.Item, "error", null, null, ex.Message));
            }

            return [];
        }
    }

    private async Task<BatchResult> WaitAsync(CaptureItem item, string id, int checksBefore, CancellationToken cancellationToken)
    {
        try
        {
            var head = await client.WaitForCheckAsync(id, checksBefore, timeout, cancellationToken).ConfigureAwait(false);
            var outcome = head.GetProperty("lastOutcome");
            var code = outcome.GetProperty("code").GetString() ?? "unknown";
            var latest = head.GetProperty("latestVersion").GetInt32();
            return new BatchResult(item, code, id, latest > 0 ? latest : null, outcome.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
        }
        catch (ApiProblemException ex)
        {
            return new BatchResult(item, "error", id, null, ex.Detail ?? ex.Title);
        }
        catch (Exception ex) when (ex is TimeoutException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new BatchResult(item, "error", id, null, ex.Message);
        }
    }

    private void Report(BatchResult result)
    {
        lock (_gate)
        {
            _results.Add(result);
            switch (display)
            {
                case BatchDisplay.Json:
                    output.WriteLine(JsonSerializer.Serialize(
                        new { type = "result", line = result.Item.Line, url = result.Item.Url, outcome = result.Outcome, group = result.Group, id = result.Id, version = result.Version, reason = result.Reason },
                        ArchiveJson.Options));
                    break;
                case BatchDisplay.Lines:
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_results.Count}/{_total}] {result.Outcome,-12} {result.Item.Url}{(result.Succeeded ? string.Empty : $"  ({result.Reason})")}"));
                    break;
                default:
                    Draw();
                    break;
            }
        }
    }

    // Redraws the bar in place: done/total, and how many landed in each group so far.
    private void Draw()
    {
        if (display != BatchDisplay.ProgressBar)
        {
            return;
        }

        lock (_gate)
        {
            var done = _results.Count;
            var filled = _total == 0 ? BarWidth : done * BarWidth / _total;
            output.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', BarWidth - filled)}] {done}/{_total}  captured {Count("captured")}  unchanged {Count("unchanged")}  failed {Count("failed")} "));
            output.Flush();
        }
    }

    private int Count(string group) => _results.Count(r => r.Group == group);

    private async Task WriteSummaryAsync(IReadOnlyList<BatchResult> results)
    {
        var (captured, unchanged, skipped, failed) = (results.Count(r => r.Group == "captured"), results.Count(r => r.Group == "unchanged"), results.Count(r => r.Group == "skipped"), results.Count(r => r.Failed));
        if (display == BatchDisplay.Json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { type = "summary", total = results.Count, captured, unchanged, skipped, failed }, ArchiveJson.Options)).ConfigureAwait(false);
            return;
        }

        var urlWidth = Math.Clamp(results.Select(r => r.Item.Url.Length).DefaultIfEmpty(3).Max(), 3, 60);
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"{"line",4}  {"outcome",-12} {"version",7}  {"url".PadRight(urlWidth)}  reason").ConfigureAwait(false);
        foreach (var r in results)
        {
            var url = r.Item.Url.Length > urlWidth ? r.Item.Url[..(urlWidth - 1)] + "…" : r.Item.Url.PadRight(urlWidth);
            var version = r.Version?.ToString(CultureInfo.InvariantCulture) ?? "-";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{r.Item.Line,4}  {r.Outcome,-12} {version,7}  {url}  {(r.Succeeded ? string.Empty : r.Reason)}")).ConfigureAwait(false);
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{results.Count} URL(s): {captured} captured, {unchanged} unchanged, {failed} failed{(skipped > 0 ? $", {skipped} duplicate(s) skipped" : string.Empty)}")).ConfigureAwait(false);
    }
}
