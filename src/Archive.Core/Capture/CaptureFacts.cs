using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Core.Capture;

/// <summary>One delivery of a capture message: which article, and which attempt at it.</summary>
/// <param name="Id">The article.</param>
/// <param name="Url">Its canonical URL.</param>
/// <param name="Message">The message.</param>
/// <param name="Number">The attempt, from 1 (earlier messages' attempts included).</param>
public sealed record CaptureAttempt(ArticleId Id, CanonicalUrl Url, CaptureMessage Message, int Number);

/// <summary>What the fetch stage learned: a response (and the hash of its bytes when it is a 2xx), or why there was none.</summary>
public sealed record FetchedPage
{
    /// <summary>The response; null when the fetch failed.</summary>
    public FetchResult? Response { get; init; }

    /// <summary>Why the fetch failed; null when there was a response.</summary>
    public FetchFailedException? Failure { get; init; }

    /// <summary>How long the fetch took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>SHA-256 of the original bytes of a 2xx response.</summary>
    public ContentHash? OriginalHash { get; init; }

    /// <summary>True for a 2xx response: its bytes are kept.</summary>
    public bool IsSuccess => Response is { StatusCode: >= 200 and <= 299 };

    /// <summary>True for a 2xx response whose type may hold an article: text and metadata are extracted from it.</summary>
    public bool IsReadable => IsSuccess && Response!.MediaType is null or "text/html" or "application/xhtml+xml" or "application/xml" or "text/xml";
}

/// <summary>What the extraction stage produced, with the hashes the decision compares.</summary>
/// <param name="Result">The extraction.</param>
/// <param name="Extractor">Which extractor produced it.</param>
public sealed record ExtractedPage(ExtractionResult Result, ExtractorInfo Extractor)
{
    /// <summary>The version identity of the extraction (normalized text and identifying metadata).</summary>
    public VersionIdentity Identity { get; } = VersionIdentity.Of(Result);

    /// <summary>SHA-256 of the clean text as extracted.</summary>
    public ContentHash CleanHash { get; } = ContentHash.OfText(Result.Text);

    /// <summary>The fingerprint of the page's other readable text (<see cref="OtherTextChanges.Fingerprint"/>).</summary>
    public string OtherTextSha256 { get; } = OtherTextChanges.Fingerprint(Result.OtherText);
}

/// <summary>The other readable text of the page the head's <see cref="ArticleHead.OtherTextSha256"/> was read from, read again from its original bytes.</summary>
/// <param name="Text">That text, by the current extractor; null when its original bytes could not be read.</param>
public sealed record EarlierOtherText(string? Text);

/// <summary>Everything a capture decision depends on: no I/O happens inside the decision.</summary>
/// <param name="Attempt">The attempt.</param>
/// <param name="Head">The article's head as read (or as the message carried it).</param>
/// <param name="Page">What the fetch found.</param>
/// <param name="Extracted">What was extracted, when the page was readable.</param>
/// <param name="Now">When the decision is made.</param>
public sealed record CaptureFacts(CaptureAttempt Attempt, ArticleHead Head, FetchedPage Page, ExtractedPage? Extracted, DateTimeOffset Now)
{
    /// <summary>The latest version with its text, when the decision needs to compare texts (<see cref="CaptureDecider.NeedsPrevious"/>).</summary>
    public PreviousVersion? Previous { get; init; }

    /// <summary>The other text last seen, when the decision must compare it (<see cref="CaptureDecider.NeedsEarlierOtherText"/>).</summary>
    public EarlierOtherText? EarlierOtherText { get; init; }
}

/// <summary>A new version as decided: its row, its sealed record, its text and, after the first, its change-log entry.</summary>
/// <param name="Row">The version's table row.</param>
/// <param name="Record">The sealed record's bytes (stored under <see cref="VersionSummary.RecordSha256"/>).</param>
/// <param name="CleanTextHash">The name of the clean text.</param>
/// <param name="Text">The clean text.</param>
public sealed record NewVersion(VersionSummary Row, ReadOnlyMemory<byte> Record, ContentHash CleanTextHash, string Text)
{
    /// <summary>The change-log entry's row and sealed bytes, for versions after the first.</summary>
    public (ChangeSummary Row, ReadOnlyMemory<byte> Bytes)? Change { get; init; }
}

/// <summary>What a capture decided: the check to record, the head as the check leaves it, and what else to write.</summary>
/// <param name="Check">The check.</param>
/// <param name="Head">The head after the check (its next check is planned at commit).</param>
public sealed record CaptureDecision(CheckRecord Check, ArticleHead Head)
{
    /// <summary>The version the check created, if any.</summary>
    public NewVersion? NewVersion { get; init; }

    /// <summary>The version the check saw again, if any.</summary>
    public VersionSighting? SeenAgain { get; init; }

    /// <summary>How the check ended.</summary>
    public CaptureOutcome Outcome => Check.Outcome;

    /// <summary>True when the check failed transiently and will be retried.</summary>
    public bool WillRetry => Check.WillRetry;

    /// <summary>The result as callers see it.</summary>
    public CaptureResult Result => new(Head.Id.Value, Check.Outcome, Check.Reason, Check.Version);
}
