using System.Text.Json;

namespace Archive.Testing.Warc;

/// <summary>One record as warcio read it, with what the check found.</summary>
public sealed record CheckedRecord(JsonElement Json)
{
    public string Type => Json.GetProperty("type").GetString()!;

    public string Id => Json.GetProperty("id").GetString()!;

    public string? Uri => Json.GetProperty("uri").GetString();

    public long Offset => Json.GetProperty("offset").GetInt64();

    public string? RefersTo => Json.GetProperty("refersTo").GetString();

    public string? ConcurrentTo => Json.GetProperty("concurrentTo").GetString();

    public string? Profile => Json.GetProperty("profile").GetString();

    public string? PayloadDigest => Json.GetProperty("payloadDigest").GetString();

    public bool BlockChecked => Json.GetProperty("blockChecked").GetBoolean();

    public bool PayloadChecked => Json.GetProperty("payloadChecked").GetBoolean();

    public string? Text => Json.TryGetProperty("text", out var t) ? t.GetString() : null;

    public string? HttpHead => Json.TryGetProperty("httpHead", out var h) ? h.GetString() : null;

    public string? Date => Json.GetProperty("date").GetString();

    public string? RefersToTargetUri => Json.GetProperty("refersToTargetUri").GetString();

    public string? RefersToDate => Json.GetProperty("refersToDate").GetString();

    /// <summary>SHA-256 (hex) of the HTTP payload, for requests and responses.</summary>
    public string? PayloadSha256 => Json.TryGetProperty("payloadSha256", out var p) ? p.GetString() : null;

    /// <summary>SHA-256 (hex) of the whole block.</summary>
    public string BlockSha256 => Json.GetProperty("blockSha256").GetString()!;
}

/// <summary>What <c>warc-check.mjs</c> reported: every record warcio read, and every digest or length that did not match.</summary>
/// <param name="Completed">False when the parser had to be killed (warcio can spin forever on a truncated file).</param>
/// <param name="ExitCode">The script's exit code: 1 when any check failed.</param>
/// <param name="Records">Every record warcio read, in file order.</param>
/// <param name="Errors">Every length or digest that did not match.</param>
/// <param name="Diagnostics">What node wrote to standard error.</param>
public sealed record WarcCheckResult(bool Completed, int ExitCode, IReadOnlyList<CheckedRecord> Records, IReadOnlyList<string> Errors, string Diagnostics)
{
    /// <summary>True when warcio read the whole file and every check passed.</summary>
    public bool Valid => Completed && ExitCode == 0 && Errors.Count == 0;
}

/// <summary>Reads a WARC file with warcio (npm), an independent parser, under a time limit.</summary>
public static class WarcCheck
{
    /// <summary>Runs the check on <paramref name="path"/>.</summary>
    public static async Task<WarcCheckResult> RunAsync(string path, TimeSpan? timeout = null)
    {
        var run = await NodeScript.RunAsync(Path.Combine("tests", "Archive.Testing", "Warc", "warc-check.mjs"), [path], timeout ?? TimeSpan.FromSeconds(30));
        if (!run.Completed)
        {
            return new WarcCheckResult(false, -1, [], ["warcio did not finish in time"], run.Error);
        }

        if (run.Output.Length == 0 || run.Output[0] != '{')
        {
            return new WarcCheckResult(true, run.ExitCode, [], [$"warcio failed: {run.Error}"], run.Error);
        }

        var json = JsonDocument.Parse(run.Output).RootElement.Clone();
        return new WarcCheckResult(
            true,
            run.ExitCode,
            json.GetProperty("records").EnumerateArray().Select(r => new CheckedRecord(r)).ToList(),
            json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList(),
            run.Error);
    }
}
