using System.Text;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Capture;
using Archive.Core.Fetching;
using Archive.Core.Hashing;
using Archive.Core.Versions;

namespace Archive.Testing;

/// <summary>Fetched pages and earlier versions as the capture's stages hand them to the decision, for tests of the decision alone.</summary>
public static class TestResponses
{
    /// <summary>A response of <paramref name="status"/> with <paramref name="html"/> as its body; a 2xx carries the hash of its bytes.</summary>
    public static FetchedPage Page(Uri url, DateTimeOffset at, string html, int status = 200, string mediaType = "text/html", params HeaderField[] headers)
    {
        var body = Encoding.UTF8.GetBytes(html);
        var response = new FetchResult
        {
            RequestedUrl = url,
            FinalUrl = url,
            StartedAt = at,
            CompletedAt = at,
            StatusCode = status,
            ReasonPhrase = status == 200 ? "OK" : "Status",
            HttpVersion = "1.1",
            Headers = headers,
            ContentType = mediaType + "; charset=utf-8",
            MediaType = mediaType,
            Body = body,
        };
        var page = new FetchedPage { Response = response, Elapsed = TimeSpan.FromMilliseconds(20) };
        return page.IsSuccess ? page with { OriginalHash = ContentHash.Of(body) } : page;
    }

    /// <summary>The version <paramref name="captured"/> created, with <paramref name="text"/>, as the decision reads the latest version.</summary>
    public static PreviousVersion Previous(CaptureDecision captured, string text)
    {
        ArgumentNullException.ThrowIfNull(captured);
        var created = captured.NewVersion ?? throw new ArgumentException("The decision created no version.", nameof(captured));
        var record = JsonSerializer.Deserialize<VersionRecord>(created.Record.Span, ArchiveJson.Options)!;
        var row = created.Row;
        var version = new ArticleVersion { Record = record, RecordSha256 = row.RecordSha256, FirstSeenAt = row.FirstSeenAt, LastSeenAt = row.LastSeenAt, SeenCount = row.SeenCount };
        return new PreviousVersion(version, text, [new VersionFingerprint(row.Number, row.TextSha256, row.MetadataSha256!)]);
    }
}
