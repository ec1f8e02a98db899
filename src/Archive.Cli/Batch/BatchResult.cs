using Archive.Core.Versions;

namespace Archive.Cli.Batch;

/// <summary>How one URL of a batch ended.</summary>
/// <param name="Item">The URL and where it came from.</param>
/// <param name="Outcome">The outcome code of its check (<c>captured</c>, <c>unchanged</c>, <c>http-4xx</c>, ...), or <c>invalid</c> or <c>error</c> when it never reached a check.</param>
/// <param name="Id">The article id, once submitted.</param>
/// <param name="Version">The version the check created or saw.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record BatchResult(CaptureItem Item, string Outcome, string? Id, int? Version, string? Reason)
{
    /// <summary>True when the page was read and is on record.</summary>
    public bool Succeeded => CaptureOutcomes.FromCode(Outcome) is { } outcome && outcome.IsSuccess();

    /// <summary>The outcome of a line that repeats an earlier line's article (captured once, not a failure).</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The summary group: <c>captured</c>, <c>unchanged</c> (also not-modified and noise), <c>skipped</c> (duplicates) or <c>failed</c>.</summary>
    public string Group => Outcome == Duplicate ? "skipped" : !Succeeded ? "failed" : Outcome == "captured" ? "captured" : "unchanged";

    /// <summary>True when this URL failed.</summary>
    public bool Failed => Group == "failed";
}
