using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;

namespace Archive.Core.Export;

/// <summary>What an export wrote.</summary>
/// <param name="Articles">How many articles were exported.</param>
/// <param name="Records">How many records were written.</param>
/// <param name="Index">One CDXJ entry per record an index lists: responses, revisits, and the sealed records and texts under their URNs.</param>
public sealed record WarcExportResult(int Articles, int Records, IReadOnlyList<CdxjEntry> Index);

/// <summary>
/// Exports archived articles as WARC 1.1, the format web archives keep and replay tools read. For every version:
/// a <c>request</c> and a <c>response</c> record per redirect hop and for the final fetch (the original bytes as fetched),
/// a <c>metadata</c> record holding the version's sealed record (the hash-chain evidence, byte for byte), and a
/// <c>conversion</c> record with the clean text; then a <c>revisit</c> record for each re-check that found the same bytes.
/// The file starts with a <c>warcinfo</c> record naming the software.
/// </summary>
public sealed partial class WarcExporter(ArticleReader reader, IContentStore content, TimeProvider time, ILogger<WarcExporter> logger)
{
    /// <summary>The media type of a WARC file.</summary>
    public const string MediaType = "application/warc";

    /// <summary>The WARC 1.1 revisit profile for a fetch whose payload is identical to an earlier one.</summary>
    public const string IdenticalPayloadProfile = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest";

    /// <summary>The WARC 1.1 revisit profile for a fetch the server answered with 304 Not Modified.</summary>
    public const string NotModifiedProfile = "http://netpreserve.org/warc/1.1/revisit/server-not-modified";

    // A re-check list far longer than any article's is read whole; checks are small rows in the article's partition.
    private const int MaxChecks = 100_000;

    /// <summary>The software named in <c>warcinfo</c>: Archive and its version.</summary>
    public static string Software { get; } = "Archive/" + (typeof(WarcExporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0");

    /// <summary>Writes the articles as one gzipped WARC to <paramref name="output"/>; returns the CDXJ entries of its captures.</summary>
    /// <param name="ids">The articles, in the order to write them; unknown ids are skipped.</param>
    /// <param name="output">Where the WARC goes; written forward only.</param>
    /// <param name="fileName">The file's name, written in <c>warcinfo</c> and in the index.</param>
    /// <param name="createdAt">
    /// The date of the <c>warcinfo</c> record; default now. Give a time fixed by the history (such as the last check) and
    /// the same history exports to the same bytes, so an index made in another request fits the file.
    /// </param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <exception cref="RecordIntegrityException">A stored original does not hash to its name.</exception>
    public async Task<WarcExportResult> ExportAsync(IAsyncEnumerable<ArticleId> ids, Stream output, string fileName, DateTimeOffset? createdAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var writer = new WarcWriter(output);
        var index = new List<CdxjEntry>();
        var records = 1;
        await writer.WriteAsync(WarcInfo(fileName, createdAt ?? time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        var count = 0;
        await foreach (var id in ids.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var versions = await reader.ListVersionsAsync(id, cancellationToken).ConfigureAwait(false);
            if (versions.Count == 0)
            {
                continue;
            }

            var checks = (await reader.ListChecksAsync(id, MaxChecks, cancellationToken).ConfigureAwait(false)).Reverse().ToList();
            foreach (var version in versions)
            {
                records += await WriteVersionAsync(writer, version, fileName, index, cancellationToken).ConfigureAwait(false);
                foreach (var check in checks.Where(c => c.Version == version.Number && IsRevisit(c, version)))
                {
                    var position = await writer.WriteAsync(Revisit(version, check), cancellationToken).ConfigureAwait(false);
                    index.Add(Entry(version.Record.Capture.FinalUrl, RevisitDate(check), "warc/revisit", null, Payload(version), position, fileName));
                    records++;
                }
            }

            count++;
        }

        LogExported(logger, count, records, fileName);
        return new WarcExportResult(count, records, index);
    }

    // Only checks that saw exactly the bytes of the version become revisits: a 304, or a 200 whose bytes hash the same.
    // Noise and other checks fetched different bytes, which were not kept, so there is nothing to point at.
    private static bool IsRevisit(CheckRecord check, ArticleVersion version) =>
        check.Outcome == CaptureOutcome.NotModified
        || (check.Outcome == CaptureOutcome.Unchanged && check.OriginalSha256 == version.Record.OriginalSha256);

    private async Task<int> WriteVersionAsync(WarcWriter writer, ArticleVersion version, string fileName, List<CdxjEntry> index, CancellationToken cancellationToken)
    {
        var capture = version.Record.Capture;
        var key = $"{version.Record.ArticleId}/v{version.Number}";
        // The version's one instant, which its Memento-Datetime, TimeMap entry and pages show too.
        var date = version.FirstSeenAt;
        var written = 0;

        // Each redirect was kept as its URL, status and Location only: the rest of those responses was not recorded.
        foreach (var (hop, i) in capture.Redirects.Select((h, i) => (h, i)))
        {
            var hopKey = $"{key}/hop{i}";
            var requestId = WarcWriter.RecordIdFor(hopKey + "/request");
            var responseId = WarcWriter.RecordIdFor(hopKey + "/response");
            await writer.WriteAsync(Request(requestId, responseId, hop.Url, date), cancellationToken).ConfigureAwait(false);
            var head = StatusLine(capture.HttpVersion, hop.StatusCode) + $"Location: {hop.Location.AbsoluteUri}\r\nContent-Length: 0\r\n\r\n";
            var position = await writer.WriteAsync(Response(responseId, hop.Url.AbsoluteUri, date, Encoding.Latin1.GetBytes(head), null), cancellationToken).ConfigureAwait(false);
            index.Add(Entry(hop.Url.AbsoluteUri, date, null, hop.StatusCode, position.PayloadDigest, position, fileName));
            written += 2;
        }

        var finalRequestId = WarcWriter.RecordIdFor(key + "/request");
        var finalResponseId = ResponseId(version);
        var finalUrl = new Uri(capture.FinalUrl);
        await writer.WriteAsync(Request(finalRequestId, finalResponseId, finalUrl, date), cancellationToken).ConfigureAwait(false);

        var original = await content.OpenOriginalAsync(ContentHash.Parse(version.Record.OriginalSha256), cancellationToken).ConfigureAwait(false)
                       ?? throw new RecordIntegrityException($"The original {version.Record.OriginalSha256} of version {version.Number} of {version.Record.ArticleId} is missing.");
        WarcRecordPosition response;
        await using (original.Content.ConfigureAwait(false))
        {
            response = await writer.WriteAsync(Response(finalResponseId, capture.FinalUrl, date, Encoding.Latin1.GetBytes(ResponseHead(capture)), original.Content), cancellationToken).ConfigureAwait(false);
        }

        // The payload digest is computed over the bytes read; they must be the bytes the version names.
        if (response.PayloadDigest != Payload(version))
        {
            throw new RecordIntegrityException($"The original of version {version.Number} of {version.Record.ArticleId} does not hash to {version.Record.OriginalSha256}.");
        }

        index.Add(Entry(capture.FinalUrl, date, Mime(capture), capture.StatusCode, response.PayloadDigest, response, fileName));

        var sealedRecord = await content.GetRecordAsync(ContentHash.Parse(version.RecordSha256), cancellationToken).ConfigureAwait(false)
                           ?? throw new RecordIntegrityException($"The record {version.RecordSha256} of version {version.Number} of {version.Record.ArticleId} is missing.");
        // The sealed record and the clean text are about the response, not captures of its URL: they are named by URNs of
        // their own, so an index lists them apart and a replay tool never answers the page's URL with them. They point at
        // the response by its id, and name its URL and date the way a revisit does.
        var metadata = await writer.WriteAsync(new WarcRecord
        {
            Type = "metadata",
            RecordId = WarcWriter.RecordIdFor(key + "/record"),
            Date = date,
            TargetUri = RecordUrn(version),
            ContentType = "application/json",
            Fields =
            [
                new("WARC-Concurrent-To", finalResponseId),
                new("WARC-Refers-To", finalResponseId),
                new("WARC-Refers-To-Target-URI", capture.FinalUrl),
                new("WARC-Refers-To-Date", WarcWriter.FormatDate(date)),
                new("WARC-Archive-Record-Sha256", version.RecordSha256),
            ],
            Head = sealedRecord,
        }, cancellationToken).ConfigureAwait(false);
        index.Add(Entry(RecordUrn(version), date, "application/json", null, null, metadata, fileName));

        var text = await content.GetTextAsync(ContentHash.Parse(version.Record.CleanTextSha256), cancellationToken).ConfigureAwait(false) ?? string.Empty;
        var conversion = await writer.WriteAsync(new WarcRecord
        {
            Type = "conversion",
            RecordId = WarcWriter.RecordIdFor(key + "/text"),
            Date = date,
            TargetUri = TextUrn(version),
            ContentType = TextMediaType,
            Fields =
            [
                new("WARC-Refers-To", finalResponseId),
                new("WARC-Refers-To-Target-URI", capture.FinalUrl),
                new("WARC-Refers-To-Date", WarcWriter.FormatDate(date)),
                new("WARC-Archive-Extractor", $"{version.Record.Extractor.Name} {version.Record.Extractor.Version}"),
            ],
            Head = Encoding.UTF8.GetBytes(text),
        }, cancellationToken).ConfigureAwait(false);
        index.Add(Entry(TextUrn(version), date, TextMediaType, null, null, conversion, fileName));
        return written + 4;
    }

    private static WarcRecord WarcInfo(string fileName, DateTimeOffset date)
    {
        var fields = new StringBuilder()
            .Append("software: ").Append(Software).Append(" (news article archiver)\r\n")
            .Append("format: WARC File Format 1.1\r\n")
            .Append("conformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n")
            .Append("description: Archived news articles: the original bytes of every version as fetched, the sealed version records of their hash chain, and the extracted clean text.\r\n");
        return new WarcRecord
        {
            Type = "warcinfo",
            RecordId = WarcWriter.RecordIdFor($"warcinfo/{fileName}/{date.UtcTicks}"),
            Date = date,
            ContentType = "application/warc-fields",
            Fields = [new("WARC-Filename", fileName)],
            Head = Encoding.UTF8.GetBytes(fields.ToString()),
        };
    }

    // We keep what the fetcher sent only in outline: the method, the URL and its host. The exact request headers
    // (user agent, Accept, conditional validators) were not recorded per capture, so they are not invented here.
    private static WarcRecord Request(string id, string responseId, Uri url, DateTimeOffset date) =>
        Http("request", id, url.AbsoluteUri, date, Encoding.Latin1.GetBytes($"GET {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\n\r\n"), null) with
        {
            Fields = [new("WARC-Concurrent-To", responseId)],
        };

    private static WarcRecord Response(string id, string url, DateTimeOffset date, byte[] head, Stream? body) => Http("response", id, url, date, head, body);

    private static WarcRecord Http(string type, string id, string url, DateTimeOffset date, byte[] head, Stream? body) => new()
    {
        Type = type,
        RecordId = id,
        Date = date,
        TargetUri = url,
        ContentType = $"application/http; msgtype={type}",
        Head = head,
        Payload = body,
        DigestPayload = true,
    };

    // A re-check kept its time, outcome, status and the hash of the bytes, not its response headers: the block is empty.
    private static WarcRecord Revisit(ArticleVersion version, CheckRecord check)
    {
        var capture = version.Record.Capture;
        var notModified = check.Outcome == CaptureOutcome.NotModified;
        return new WarcRecord
        {
            Type = "revisit",
            RecordId = WarcWriter.RecordIdFor($"{version.Record.ArticleId}/check/{check.At.UtcTicks}/{check.Attempt}"),
            Date = RevisitDate(check),
            TargetUri = capture.FinalUrl,
            Fields =
            [
                new("WARC-Profile", notModified ? NotModifiedProfile : IdenticalPayloadProfile),
                new("WARC-Refers-To", ResponseId(version)),
                new("WARC-Refers-To-Target-URI", capture.FinalUrl),
                new("WARC-Refers-To-Date", WarcWriter.FormatDate(version.FirstSeenAt)),
                new("WARC-Payload-Digest", Payload(version)),
                new("WARC-Archive-Outcome", check.Outcome.ToCode()),
            ],
        };
    }

    // A check records when it finished and how long it took; its fetch began that long before.
    private static DateTimeOffset RevisitDate(CheckRecord check) => check.At - (check.Duration ?? TimeSpan.Zero);

    // The WARC-Target-URI of a version's sealed record (metadata) and of its clean text (conversion).
    private static string RecordUrn(ArticleVersion version) => $"urn:archive:record:{version.Record.ArticleId}:{version.Number}";

    private static string TextUrn(ArticleVersion version) => $"urn:archive:text:{version.Record.ArticleId}:{version.Number}";

    private const string TextMediaType = "text/plain; charset=utf-8";

    private static string ResponseId(ArticleVersion version) => WarcWriter.RecordIdFor($"{version.Record.ArticleId}/v{version.Number}/response");

    private static string Payload(ArticleVersion version) => WarcWriter.Digest(Convert.FromHexString(version.Record.OriginalSha256));

    private static string ResponseHead(CaptureEvidence capture)
    {
        var head = new StringBuilder(StatusLine(capture.HttpVersion, capture.StatusCode));
        foreach (var header in capture.Headers)
        {
            // The body we kept is decoded (gzip, br, chunked undone), so these would describe bytes that are not
            // there; they stay on record under the X-Archive-Orig- prefix replay tools know, and the length is ours.
            var name = header.Name.ToLowerInvariant() is "content-encoding" or "transfer-encoding" or "content-length" ? "X-Archive-Orig-" + header.Name : header.Name;
            head.Append(name).Append(": ").Append(header.Value.ReplaceLineEndings(" ")).Append("\r\n");
        }

        return head.Append(CultureInfo.InvariantCulture, $"Content-Length: {capture.ByteLength}\r\n\r\n").ToString();
    }

    private static string StatusLine(string httpVersion, int status)
    {
        using var reason = new HttpResponseMessage((HttpStatusCode)status);
        return string.Create(CultureInfo.InvariantCulture, $"HTTP/{httpVersion} {status} {reason.ReasonPhrase}\r\n");
    }

    // The media type an index gives a response: its Content-Type header without parameters, none without the header.
    private static string? Mime(CaptureEvidence capture) =>
        capture.Headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))?.Value.Split(';', 2)[0].Trim();

    // Indexes write the digest without its algorithm, as warcio.js's CDXIndexer does.
    private static CdxjEntry Entry(string url, DateTimeOffset date, string? mime, int? status, string? digest, WarcRecordPosition position, string fileName) => new()
    {
        Url = url,
        Date = date,
        Mime = mime,
        Status = status?.ToString(CultureInfo.InvariantCulture),
        Digest = digest?.Split(':', 2)[1],
        Length = position.Length.ToString(CultureInfo.InvariantCulture),
        Offset = position.Offset.ToString(CultureInfo.InvariantCulture),
        FileName = fileName,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Articles} articles as {Records} WARC records to {FileName}")]
    private static partial void LogExported(ILogger logger, int articles, int records, string fileName);
}
