using Archive.Core.Extraction;
using Archive.Core.Fetching;

namespace Archive.Core.Versions;

/// <summary>
/// The immutable evidence of one version, stored as JSON under its own SHA-256. It names the record before it, so the
/// versions of an article form a hash chain: changing any stored record breaks every link after it.
/// </summary>
public sealed record VersionRecord
{
    /// <summary>The first record format: no paragraph root.</summary>
    public const string SchemaV1 = "archive.version/1";

    /// <summary>The record format of versions sealed with their paragraphs' Merkle root (<see cref="Paragraphs"/>).</summary>
    public const string SchemaV2 = "archive.version/2";

    /// <summary>
    /// The record format: <see cref="SchemaV1"/> (the default, and what records sealed before paragraph roots say) or
    /// <see cref="SchemaV2"/>.
    /// </summary>
    public string Schema { get; init; } = SchemaV1;

    /// <summary>The article's id.</summary>
    public required string ArticleId { get; init; }

    /// <summary>The version number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>The canonical URL of the article.</summary>
    public required string Url { get; init; }

    /// <summary>How the page was fetched.</summary>
    public required CaptureEvidence Capture { get; init; }

    /// <summary>SHA-256 of the original bytes.</summary>
    public required string OriginalSha256 { get; init; }

    /// <summary>SHA-256 of the clean text as extracted (UTF-8), the name of the stored text.</summary>
    public required string CleanTextSha256 { get; init; }

    /// <summary>SHA-256 of the normalized text (UTF-8): the comparison key between versions.</summary>
    public required string TextSha256 { get; init; }

    /// <summary>Length of the clean text in characters.</summary>
    public required int TextLength { get; init; }

    /// <summary>Which extractor produced the text.</summary>
    public required ExtractorInfo Extractor { get; init; }

    /// <summary>The metadata the page declared.</summary>
    public required ArticleMetadata Metadata { get; init; }

    /// <summary>Who asked for this capture, as they described it.</summary>
    public required SubmissionInfo Submission { get; init; }

    /// <summary>SHA-256 of the previous version's record; null for version 1.</summary>
    public string? PreviousRecordSha256 { get; init; }

    /// <summary>
    /// From <see cref="SchemaV2"/>: the Merkle root of the normalized paragraphs of the clean text, so one paragraph can
    /// be shown to belong to this version without the rest of the text. Absent (not null) in <see cref="SchemaV1"/>
    /// records, whose stored bytes therefore stay exactly as they were sealed.
    /// </summary>
    public ParagraphRoot? Paragraphs { get; init; }
}

/// <summary>The Merkle root of a version's paragraphs (README, "Paragraph proofs", says how to recompute it).</summary>
/// <param name="Root">The RFC 6962 root over the paragraphs' leaf hashes, 64 lowercase hex characters.</param>
/// <param name="Count">How many paragraphs (leaves) the tree has.</param>
public sealed record ParagraphRoot(string Root, int Count);

/// <summary>The HTTP exchange behind a version.</summary>
public sealed record CaptureEvidence
{
    /// <summary>The URL asked for.</summary>
    public required string RequestedUrl { get; init; }

    /// <summary>The URL of the final response.</summary>
    public required string FinalUrl { get; init; }

    /// <summary>Each redirect followed.</summary>
    public IReadOnlyList<RedirectHop> Redirects { get; init; } = [];

    /// <summary>When the fetch started (UTC).</summary>
    public required DateTimeOffset FetchStartedAt { get; init; }

    /// <summary>When the fetch completed (UTC).</summary>
    public required DateTimeOffset FetchCompletedAt { get; init; }

    /// <summary>The HTTP status.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The HTTP version.</summary>
    public required string HttpVersion { get; init; }

    /// <summary>The response headers as received.</summary>
    public required IReadOnlyList<HeaderField> Headers { get; init; }

    /// <summary>The Content-Type header value.</summary>
    public string? ContentType { get; init; }

    /// <summary>The charset the server declared.</summary>
    public string? Charset { get; init; }

    /// <summary>The encoding the text was decoded with, and where it came from.</summary>
    public string? DecodedAs { get; init; }

    /// <summary>Length of the original bytes.</summary>
    public required long ByteLength { get; init; }

    /// <summary>Builds the evidence of a fetch.</summary>
    public static CaptureEvidence From(FetchResult fetch, string? decodedAs)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return new CaptureEvidence
        {
            RequestedUrl = fetch.RequestedUrl.AbsoluteUri,
            FinalUrl = fetch.FinalUrl.AbsoluteUri,
            Redirects = fetch.Redirects,
            FetchStartedAt = fetch.StartedAt,
            FetchCompletedAt = fetch.CompletedAt,
            StatusCode = fetch.StatusCode,
            HttpVersion = fetch.HttpVersion,
            Headers = fetch.Headers,
            ContentType = fetch.ContentType,
            Charset = fetch.Charset,
            DecodedAs = decodedAs,
            ByteLength = fetch.Body.LongLength,
        };
    }
}

/// <summary>The extractor that produced a text.</summary>
public sealed record ExtractorInfo(string Name, string Version);

/// <summary>What the submitter said about a capture.</summary>
public sealed record SubmissionInfo(IReadOnlyList<string> Tags, string? Source, string Reason);
