using Archive.Core.Fetching;
using Archive.Core.Provenance;
using Archive.Core.Versions;
using Microsoft.Extensions.Options;

namespace Archive.Core.Capture;

/// <summary>
/// Decides what one capture attempt means, as a pure function of what it found: the head, the fetched page, the
/// extraction and, when texts must be compared, the latest version. It says which outcome to record, how the head
/// changes, and which version to create or which one was seen again; it reads and writes nothing.
/// </summary>
/// <remarks>
/// To add an outcome: add it to <see cref="CaptureOutcome"/>, give it a route here (a new input on
/// <see cref="CaptureFacts"/> if it needs one, as <see cref="CaptureFacts.EarlierOtherText"/>) and say in
/// <see cref="Recheck.DueSchedule.NextCheck"/> whether it stops re-checks.
/// </remarks>
public sealed class CaptureDecider(IOptions<CaptureOptions> options)
{
    private enum Route
    {
        FetchFailed,
        NotModified,
        ServerError,
        ClientError,
        NotHtml,
        NotAnArticle,
        FirstVersion,
        Unchanged,
        Compare,
    }

    private int MaxAttempts => options.Value.MaxAttempts;

    /// <summary>True when deciding needs the latest version and its text (<see cref="CaptureFacts.Previous"/>): the cheap comparisons did not settle it.</summary>
    public static bool NeedsPrevious(CaptureFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.Previous is null && RouteOf(facts) == Route.Compare;
    }

    /// <summary>
    /// True when deciding needs the page's other text as last seen (<see cref="CaptureFacts.EarlierOtherText"/>): the
    /// article may be unchanged while the fingerprint of the rest of the page's prose is not the one on the head.
    /// </summary>
    public static bool NeedsEarlierOtherText(CaptureFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts.EarlierOtherText is null && facts.Head.OtherTextOriginalSha256 is not null && OtherTextMoved(facts) &&
               RouteOf(facts) is Route.Unchanged or Route.Compare;
    }

    /// <summary>Decides the attempt.</summary>
    /// <exception cref="InvalidOperationException">The decision needs <see cref="CaptureFacts.Previous"/> and it is missing.</exception>
    public CaptureDecision Decide(CaptureFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var response = facts.Page.Response;
        return RouteOf(facts) switch
        {
            Route.FetchFailed => FetchFailed(facts),
            Route.NotModified => Sighting(facts, CaptureOutcome.NotModified, "The server answered 304 Not Modified.", null),
            Route.ServerError => Failed(facts, CaptureOutcome.Http5xx, $"The server answered {response!.StatusCode} {response.ReasonPhrase}.", transient: true, response.StatusCode),
            Route.ClientError => Failed(facts, CaptureOutcome.Http4xx, $"The server answered {response!.StatusCode} {response.ReasonPhrase}.", transient: false, response.StatusCode),
            Route.NotHtml => CheckOnly(facts, CaptureOutcome.NotHtml, $"The response is '{response!.MediaType ?? "untyped"}', not HTML; its bytes are kept without text."),
            Route.NotAnArticle => CheckOnly(facts, CaptureOutcome.NotAnArticle, $"{facts.Extracted!.Result.Kind}: {facts.Extracted.Result.Reason}"),
            Route.FirstVersion => Captured(facts, null),
            Route.Unchanged => Sighting(facts, CaptureOutcome.Unchanged, "The article has not changed.", null),
            _ => Compare(facts),
        };
    }

    /// <summary>The queue gave up on the message: a check saying so, with how the last recorded attempt ended.</summary>
    public CaptureDecision GiveUp(CaptureAttempt attempt, ArticleHead head, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(head);
        var last = head.LastOutcome is { } o && !o.IsSuccess() && o != CaptureOutcome.GaveUp ? o : (CaptureOutcome?)null;
        var reason = $"Capture gave up after {MaxAttempts} deliveries of the message; " +
                     (last is { } l ? $"the last attempt ended in {l.ToCode()}: {head.LastOutcomeReason}" : "no attempt could be recorded (storage out of reach, or the capture was interrupted each time).");
        var facts = new CaptureFacts(attempt with { Number = MaxAttempts }, head, new FetchedPage(), null, now);
        var decision = CheckOnly(facts, CaptureOutcome.GaveUp, reason);
        return decision with { Check = decision.Check with { LastFailure = last } };
    }

    /// <summary>Storage failed during the attempt: a check saying so, marked for retry while attempts are left.</summary>
    public CaptureDecision StorageFailed(CaptureAttempt attempt, ArticleHead head, Exception failure, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(failure);
        var retry = attempt.Number < MaxAttempts;
        var reason = $"Storage failed: {FirstLine(failure.Message)}" + (retry ? $" Attempt {attempt.Number} of {MaxAttempts}; it will be retried." : $" Attempt {attempt.Number} of {MaxAttempts}.");
        return CheckOnly(new CaptureFacts(attempt, head, new FetchedPage(), null, now), CaptureOutcome.StorageFailure, reason, willRetry: retry);
    }

    private static string FirstLine(string message)
    {
        var line = message.AsSpan().Trim();
        var end = line.IndexOfAny('\r', '\n');
        line = end >= 0 ? line[..end] : line;
        return line.Length > 300 ? string.Concat(line[..300], "...") : line.ToString();
    }

    private static Route RouteOf(CaptureFacts facts)
    {
        if (facts.Page.Response is not { } response)
        {
            return Route.FetchFailed;
        }

        if (response.NotModified && facts.Head.LatestVersion > 0)
        {
            return Route.NotModified;
        }

        if (!facts.Page.IsSuccess)
        {
            return response.StatusCode >= 500 ? Route.ServerError : Route.ClientError;
        }

        if (!facts.Page.IsReadable)
        {
            return Route.NotHtml;
        }

        var fresh = facts.Extracted ?? throw new ArgumentException("A readable page is decided with its extraction.", nameof(facts));
        if (facts.Head.LatestVersion == 0)
        {
            return fresh.Result.IsArticle ? Route.FirstVersion : Route.NotAnArticle;
        }

        // The common re-check settles here, from the head alone: same version, same clean text.
        return fresh.Result.IsArticle && fresh.Identity == VersionIdentity.Of(facts.Head) && fresh.CleanHash.Hex == facts.Head.LatestCleanTextSha256
            ? Route.Unchanged
            : Route.Compare;
    }

    private CaptureDecision Compare(CaptureFacts facts)
    {
        var previous = facts.Previous ?? throw new InvalidOperationException("This decision compares texts: read the latest version first (CaptureDecider.NeedsPrevious).");
        var assessment = ChangeClassifier.Assess(previous.Version.Record, previous.Text, facts.Extracted!.Result, previous.All);
        return assessment.Verdict switch
        {
            ChangeVerdict.Unchanged => Sighting(facts, CaptureOutcome.Unchanged, assessment.Reason, null),
            ChangeVerdict.Noise => Sighting(facts, CaptureOutcome.Noise, assessment.Reason, assessment.Noise),
            ChangeVerdict.Suspect => CheckOnly(facts, CaptureOutcome.Suspect, assessment.Reason),
            _ => Captured(facts, assessment),
        };
    }

    private static CaptureDecision Captured(CaptureFacts facts, ChangeAssessment? assessment)
    {
        var (head, fresh, response, now) = (facts.Head, facts.Extracted!, facts.Page.Response!, facts.Now);
        var extraction = fresh.Result;
        var paragraphs = ParagraphTree.Of(extraction.Text);
        var record = new VersionRecord
        {
            Schema = VersionRecord.SchemaV2,
            ArticleId = head.Id.Value,
            Number = head.LatestVersion + 1,
            Url = facts.Attempt.Url.ToString(),
            Capture = CaptureEvidence.From(response, $"{extraction.Encoding} ({extraction.EncodingSource})"),
            OriginalSha256 = facts.Page.OriginalHash!.Value.Hex,
            CleanTextSha256 = fresh.CleanHash.Hex,
            TextSha256 = fresh.Identity.TextSha256,
            TextLength = extraction.Text.Length,
            Extractor = fresh.Extractor,
            Metadata = extraction.Metadata,
            Submission = new SubmissionInfo(facts.Attempt.Message.Tags, facts.Attempt.Message.Source, facts.Attempt.Message.Trigger),
            PreviousRecordSha256 = head.LatestRecordSha256,
            Paragraphs = new ParagraphRoot(paragraphs.RootHex, paragraphs.Count),
        };
        var (bytes, recordHash) = ArticleVersion.Seal(record);
        var row = new VersionSummary
        {
            Number = record.Number,
            RecordSha256 = recordHash.Hex,
            PreviousRecordSha256 = record.PreviousRecordSha256,
            TextSha256 = record.TextSha256,
            CleanTextSha256 = record.CleanTextSha256,
            OriginalSha256 = record.OriginalSha256,
            MetadataSha256 = fresh.Identity.MetadataSha256,
            Title = extraction.Metadata.Title,
            // A version's one instant is when the fetch that found it began: its WARC-Date and Memento-Datetime.
            FirstSeenAt = record.Capture.FetchStartedAt,
            LastSeenAt = now,
        };

        var version = new NewVersion(row, bytes, fresh.CleanHash, extraction.Text);
        var reason = $"Version {record.Number} recorded.";
        if (facts.Previous is { } previous && assessment is not null)
        {
            var diff = WordDiff.Compute(previous.Text, extraction.Text);
            var change = new ChangeRecord
            {
                ArticleId = head.Id.Value,
                FromVersion = previous.Version.Number,
                ToVersion = record.Number,
                At = now,
                Verdict = assessment.Verdict == ChangeVerdict.Flip ? "flip" : "edit",
                FlipOf = assessment.FlipOf,
                Kinds = assessment.Kinds,
                MetadataChanges = assessment.MetadataChanges,
                WordsAdded = diff.WordsAdded,
                WordsRemoved = diff.WordsRemoved,
                Diff = diff.Spans,
                FromRecordSha256 = previous.Version.RecordSha256,
                ToRecordSha256 = recordHash.Hex,
            };
            var (changeBytes, changeHash) = ArticleVersion.Seal(change);
            version = version with { Change = (new ChangeEntry(change, changeHash.Hex).Summary, changeBytes) };
            reason = $"Version {record.Number} recorded. {assessment.Reason} (+{diff.WordsAdded}/-{diff.WordsRemoved} words)";
        }

        var check = NewCheck(facts, CaptureOutcome.Captured, reason, record.Number);
        var after = WithOtherText(AfterCheck(head, check, response).WithLatest(row), facts) with
        {
            SiteName = extraction.Metadata.SiteName,
            FirstCapturedAt = head.FirstCapturedAt ?? now,
            LastChangedAt = now,
        };
        return new CaptureDecision(check, after) { NewVersion = version };
    }

    // The latest version seen again; when the rest of the page's prose changed meanwhile, the check says so with the passage.
    private static CaptureDecision Sighting(CaptureFacts facts, CaptureOutcome outcome, string reason, NoiseKind? noise)
    {
        var head = facts.Head;
        var seenCount = (facts.Previous?.Version.SeenCount ?? head.LatestSeenCount) + 1;
        var elsewhere = OtherTextMoved(facts) && facts.EarlierOtherText is { Text: { } earlier } ? OtherTextChanges.Compare(earlier, facts.Extracted!.Result.OtherText) : null;
        if (elsewhere is not null)
        {
            var excerpt = elsewhere.Render();
            reason = (outcome == CaptureOutcome.Noise ? $"{reason} " : "The article text has not changed. ") +
                     $"The page's other text changed (+{elsewhere.WordsAdded}/-{elsewhere.WordsRemoved} words): {(excerpt.Length > 300 ? excerpt[..300] + "…" : excerpt)}";
            outcome = CaptureOutcome.ChangedOutsideText;
        }

        var check = NewCheck(facts, outcome, reason, head.LatestVersion) with { Noise = noise, OtherTextChange = elsewhere };
        return new CaptureDecision(check, WithOtherText(AfterCheck(head, check, facts.Page.Response), facts) with { LatestSeenCount = seenCount })
        {
            SeenAgain = new VersionSighting(head.LatestVersion, facts.Now, seenCount),
        };
    }

    private static CaptureDecision CheckOnly(CaptureFacts facts, CaptureOutcome outcome, string reason, bool willRetry = false)
    {
        var check = NewCheck(facts, outcome, reason, null) with { WillRetry = willRetry };
        return new CaptureDecision(check, AfterCheck(facts.Head, check, facts.Page.Response));
    }

    private CaptureDecision FetchFailed(CaptureFacts facts)
    {
        var failure = facts.Page.Failure!;
        var (outcome, transient) = FetchFailureOutcomes.For(failure.Kind);
        return Failed(facts, outcome, failure.Message, transient, null);
    }

    // A failed fetch or an error status: nothing of the response is kept, and its validators do not replace the last good ones.
    private CaptureDecision Failed(CaptureFacts facts, CaptureOutcome outcome, string reason, bool transient, int? statusCode)
    {
        var number = facts.Attempt.Number;
        var retry = transient && number < MaxAttempts;
        var said = retry ? $"{reason} Attempt {number} of {MaxAttempts}; it will be retried." : reason;
        var failed = facts with { Page = new FetchedPage { Elapsed = facts.Page.Elapsed } };
        var decision = CheckOnly(failed, outcome, said, retry);
        return decision with { Check = decision.Check with { StatusCode = statusCode } };
    }

    private static CheckRecord NewCheck(CaptureFacts facts, CaptureOutcome outcome, string reason, int? version) => new()
    {
        At = facts.Now,
        Outcome = outcome,
        Reason = reason,
        Trigger = facts.Attempt.Message.Trigger,
        StatusCode = facts.Page.Response?.StatusCode,
        OriginalSha256 = facts.Page.OriginalHash?.Hex,
        TextSha256 = facts.Extracted?.Identity.TextSha256,
        Version = version,
        Attempt = facts.Attempt.Number,
        Duration = facts.Page.Elapsed,
    };

    private static bool OtherTextMoved(CaptureFacts facts) =>
        facts.Extracted is { } fresh && facts.Head.OtherTextSha256 is { } seen && seen != fresh.OtherTextSha256;

    // The fingerprint follows the latest page read as the article, with the name of the original bytes it was read from.
    private static ArticleHead WithOtherText(ArticleHead head, CaptureFacts facts) =>
        facts.Extracted is { } fresh && facts.Page.OriginalHash is { } original && fresh.OtherTextSha256 != head.OtherTextSha256
            ? head with { OtherTextSha256 = fresh.OtherTextSha256, OtherTextOriginalSha256 = original.Hex }
            : head;

    private static ArticleHead AfterCheck(ArticleHead head, CheckRecord check, FetchResult? response)
    {
        var updated = head with
        {
            LastCheckedAt = check.At,
            LastOutcome = check.Outcome,
            LastOutcomeReason = check.Reason,
            LastOutcomeWillRetry = check.WillRetry,
            CheckCount = head.CheckCount + 1,
        };
        return response is { StatusCode: >= 200 and <= 299 }
            ? updated with { ValidatorETag = response.Header("ETag"), ValidatorLastModified = response.Header("Last-Modified") }
            : updated;
    }
}
