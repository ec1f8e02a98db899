using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Core.Verification;

/// <summary>What a researcher asks: does this passage, or this hash, belong to this article, and when?</summary>
/// <param name="ArticleId">The article's id (or give <paramref name="Url"/>).</param>
/// <param name="Url">The article's URL (or give <paramref name="ArticleId"/>).</param>
/// <param name="Passage">A passage of text to look for.</param>
/// <param name="Sha256">A SHA-256 of original bytes, normalized text, clean text or a version record.</param>
public sealed record VerifyRequest(string? ArticleId = null, string? Url = null, string? Passage = null, string? Sha256 = null);

/// <summary>A version that holds the passage or the hash, with its evidence.</summary>
public sealed record VersionEvidence
{
    /// <summary>The version.</summary>
    public required int Number { get; init; }

    /// <summary>When it was first seen.</summary>
    public required DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When it was last seen.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>How many checks saw it.</summary>
    public required int SeenCount { get; init; }

    /// <summary>SHA-256 of its record (which names every other hash and the previous record).</summary>
    public required string RecordSha256 { get; init; }

    /// <summary>SHA-256 of its original bytes.</summary>
    public required string OriginalSha256 { get; init; }

    /// <summary>SHA-256 of its normalized text.</summary>
    public required string TextSha256 { get; init; }

    /// <summary>SHA-256 of its clean text.</summary>
    public required string CleanTextSha256 { get; init; }

    /// <summary>Which of its hashes matched, for a hash query: <c>original</c>, <c>text</c>, <c>clean-text</c> or <c>record</c>.</summary>
    public string? MatchedHash { get; init; }

    /// <summary>The passage in its surroundings (normalized text), for a passage query.</summary>
    public string? Context { get; init; }

    /// <summary>For a passage that is whole paragraphs of this version: the proof that they are in it.</summary>
    public ParagraphProof? ParagraphProof { get; init; }

    /// <summary>For a passage query without <see cref="ParagraphProof"/>: why there is none.</summary>
    public string? ParagraphProofUnavailable { get; init; }
}

/// <summary>A check (not a version) whose bytes had the hash asked for: the page was re-served with other bytes but the same article.</summary>
public sealed record CheckEvidence(DateTimeOffset At, string Outcome, int? Version, string OriginalSha256);

/// <summary>The version closest to a passage that no version holds.</summary>
/// <param name="Number">The version.</param>
/// <param name="Similarity">Share of the passage's words found together in that version (0 to 1).</param>
/// <param name="Excerpt">The stretch of that version most like the passage.</param>
/// <param name="Differences">A word diff from the passage to that stretch.</param>
public sealed record ClosestVersion(int Number, double Similarity, string Excerpt, IReadOnlyList<DiffSpan> Differences);

/// <summary>The answer: where the passage or hash was found, with evidence, or that it was not.</summary>
public sealed record VerifyResult
{
    /// <summary>The article.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The article's URL.</summary>
    public required string Url { get; init; }

    /// <summary><c>passage</c> or <c>sha256</c>.</summary>
    public required string Query { get; init; }

    /// <summary>The passage after normalization, as it was searched for.</summary>
    public string? NormalizedPassage { get; init; }

    /// <summary>The hash searched for.</summary>
    public string? Sha256 { get; init; }

    /// <summary>True when some version (or, for a hash, some check) holds it.</summary>
    public required bool Found { get; init; }

    /// <summary>A sentence for people.</summary>
    public required string Summary { get; init; }

    /// <summary>The versions that hold it, oldest first.</summary>
    public IReadOnlyList<VersionEvidence> Versions { get; init; } = [];

    /// <summary>Checks whose bytes had the hash, for a hash that no version's original has.</summary>
    public IReadOnlyList<CheckEvidence> Checks { get; init; } = [];

    /// <summary>When a passage was not found: the closest version.</summary>
    public ClosestVersion? Closest { get; init; }
}

/// <summary>The request cannot be answered as asked.</summary>
public sealed class VerifyRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public VerifyRequestException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public VerifyRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public VerifyRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Answers verification questions: which versions hold a passage (matched after the same normalization the versions'
/// text hashes use) or a hash, when each was first and last seen, with the hashes as evidence; for a passage made of
/// whole paragraphs, each version's paragraph proof.
/// </summary>
public sealed class VerificationService(ArticleReader reader, ParagraphProver prover)
{
    /// <summary>The longest passage accepted, in characters.</summary>
    public const int MaxPassageLength = 20_000;

    /// <summary>Answers <paramref name="request"/>; null when the article is unknown.</summary>
    /// <exception cref="VerifyRequestException">The request is incomplete or contradictory.</exception>
    public async Task<VerifyResult?> VerifyAsync(VerifyRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = ResolveArticle(request);
        var hasPassage = !string.IsNullOrWhiteSpace(request.Passage);
        var hasHash = !string.IsNullOrWhiteSpace(request.Sha256);
        if (hasPassage == hasHash)
        {
            throw new VerifyRequestException("Give either a passage or a sha256, not both and not neither.");
        }

        var head = await reader.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var timeline = await reader.ListTimelineAsync(id, cancellationToken).ConfigureAwait(false);
        if (hasHash)
        {
            if (!ContentHash.TryParse(request.Sha256, out var hash))
            {
                throw new VerifyRequestException("sha256 must be 64 hex characters.");
            }

            return await VerifyHashAsync(head, timeline, hash, cancellationToken).ConfigureAwait(false);
        }

        if (request.Passage!.Length > MaxPassageLength)
        {
            throw new VerifyRequestException($"The passage is longer than {MaxPassageLength} characters.");
        }

        return await VerifyPassageAsync(head, timeline, request.Passage, cancellationToken).ConfigureAwait(false);
    }

    private static ArticleId ResolveArticle(VerifyRequest request)
    {
        ArticleId? byId = null;
        if (!string.IsNullOrWhiteSpace(request.ArticleId))
        {
            if (!Urls.ArticleId.TryParse(request.ArticleId.Trim(), out var parsed))
            {
                throw new VerifyRequestException("articleId must be 32 hex characters.");
            }

            byId = parsed;
        }

        ArticleId? byUrl = null;
        if (!string.IsNullOrWhiteSpace(request.Url))
        {
            if (!UrlCanonicalizer.TryCanonicalize(request.Url, out var url, out var error))
            {
                throw new VerifyRequestException(error);
            }

            byUrl = Urls.ArticleId.For(url);
        }

        if (byId is { } a && byUrl is { } b && a != b)
        {
            throw new VerifyRequestException("articleId and url name different articles.");
        }

        return byId ?? byUrl ?? throw new VerifyRequestException("Name the article by articleId or url.");
    }

    private async Task<VerifyResult> VerifyHashAsync(ArticleHead head, IReadOnlyList<VersionSummary> timeline, ContentHash hash, CancellationToken cancellationToken)
    {
        var matches = new List<VersionEvidence>();
        foreach (var version in timeline)
        {
            var which = hash.Hex == version.OriginalSha256 ? "original"
                : hash.Hex == version.TextSha256 ? "text"
                : hash.Hex == version.CleanTextSha256 ? "clean-text"
                : hash.Hex == version.RecordSha256 ? "record"
                : null;
            if (which is not null)
            {
                matches.Add(Evidence(version) with { MatchedHash = which });
            }
        }

        var checks = new List<CheckEvidence>();
        if (matches.Count == 0)
        {
            foreach (var check in await reader.ListChecksAsync(head.Id, 1000, cancellationToken).ConfigureAwait(false))
            {
                if (check.OriginalSha256 == hash.Hex)
                {
                    checks.Add(new CheckEvidence(check.At, check.Outcome.ToCode(), check.Version, hash.Hex));
                }
            }

            checks.Reverse();
        }

        var found = matches.Count > 0 || checks.Count > 0;
        var summary = matches.Count > 0
            ? $"{hash} is the {matches[0].MatchedHash} hash of version(s) {string.Join(", ", matches.Select(m => m.Number))}."
            : checks.Count > 0
                ? $"{hash} is the hash of bytes received by {checks.Count} check(s), first at {checks[0].At:O}; their article text matched version {checks[0].Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}."
                : $"No version or check of this article has the hash {hash}.";
        return new VerifyResult { ArticleId = head.Id.Value, Url = head.Url, Query = "sha256", Sha256 = hash.Hex, Found = found, Summary = summary, Versions = matches, Checks = checks };
    }

    private async Task<VerifyResult> VerifyPassageAsync(ArticleHead head, IReadOnlyList<VersionSummary> timeline, string passage, CancellationToken cancellationToken)
    {
        var needle = TextNormalizer.NormalizeInline(passage);
        if (WordDiff.CountWords(needle) == 0)
        {
            throw new VerifyRequestException("The passage holds no words.");
        }

        var matches = new List<VersionEvidence>();
        ClosestVersion? closest = null;
        foreach (var version in timeline)
        {
            var full = await reader.GetVersionAsync(head.Id, version.Number, cancellationToken).ConfigureAwait(false);
            var haystack = TextNormalizer.NormalizeInline(full?.Text ?? string.Empty);
            var at = haystack.IndexOf(needle, StringComparison.Ordinal);
            if (at >= 0)
            {
                var (proof, unavailable) = await prover.ProveAsync(full!.Version, full.Text!, passage, cancellationToken).ConfigureAwait(false);
                matches.Add(Evidence(version) with { Context = Around(haystack, at, needle.Length), ParagraphProof = proof, ParagraphProofUnavailable = unavailable });
                continue;
            }

            var candidate = PassageMatcher.Closest(needle, haystack);
            if (candidate is not null && (closest is null || candidate.Value.Similarity > closest.Similarity))
            {
                closest = new ClosestVersion(version.Number, Math.Round(candidate.Value.Similarity, 3), candidate.Value.Excerpt, WordDiff.Compute(needle, candidate.Value.Excerpt).Spans);
            }
        }

        var found = matches.Count > 0;
        string summary;
        if (found)
        {
            var absent = timeline.Select(v => v.Number).Except(matches.Select(m => m.Number)).ToList();
            summary = $"The passage appears in version(s) {string.Join(", ", matches.Select(m => m.Number))}, first seen {matches[0].FirstSeenAt:O}, last seen {matches.Max(m => m.LastSeenAt):O}."
                      + (absent.Count > 0 ? $" It is not in version(s) {string.Join(", ", absent)}." : string.Empty);
        }
        else
        {
            summary = closest is null
                ? "The passage does not appear in any version of this article."
                : $"The passage does not appear in any version of this article; the closest is version {closest.Number} ({closest.Similarity:P0} of its words).";
        }

        return new VerifyResult
        {
            ArticleId = head.Id.Value,
            Url = head.Url,
            Query = "passage",
            NormalizedPassage = needle,
            Found = found,
            Summary = summary,
            Versions = matches,
            Closest = found ? null : closest,
        };
    }

    private static VersionEvidence Evidence(VersionSummary version) => new()
    {
        Number = version.Number,
        FirstSeenAt = version.FirstSeenAt,
        LastSeenAt = version.LastSeenAt,
        SeenCount = version.SeenCount,
        RecordSha256 = version.RecordSha256,
        OriginalSha256 = version.OriginalSha256,
        TextSha256 = version.TextSha256,
        CleanTextSha256 = version.CleanTextSha256,
    };

    private static string Around(string text, int at, int length)
    {
        const int Margin = 80;
        var start = Math.Max(0, at - Margin);
        var end = Math.Min(text.Length, at + length + Margin);
        return (start > 0 ? "…" : string.Empty) + text[start..end] + (end < text.Length ? "…" : string.Empty);
    }
}
