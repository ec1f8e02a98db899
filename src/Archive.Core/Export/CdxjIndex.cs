using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Archive.Core.Urls;

namespace Archive.Core.Export;

/// <summary>
/// One line of a CDXJ index: which record of which file holds what, at a time. The fields are those warcio.js's
/// <c>CDXIndexer</c> writes, and a field it leaves out (no status for a revisit or a record without an HTTP block, no
/// media type for a response without <c>Content-Type</c>, no digest for a record without a payload digest) is left out
/// here too.
/// </summary>
public sealed record CdxjEntry
{
    /// <summary>The record's <c>WARC-Target-URI</c>.</summary>
    public required string Url { get; init; }

    /// <summary>The record's <c>WARC-Date</c>: when the capture began.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The media type: of the HTTP payload for a response, <c>warc/revisit</c> for a revisit, the record's <c>Content-Type</c> otherwise.</summary>
    public string? Mime { get; init; }

    /// <summary>The HTTP status, as text, for a response (a revisit has no HTTP block, so none).</summary>
    public string? Status { get; init; }

    /// <summary>The payload digest without its algorithm prefix, as indexes write it.</summary>
    public string? Digest { get; init; }

    /// <summary>Length of the record's gzip member.</summary>
    public required string Length { get; init; }

    /// <summary>Offset of the record's gzip member.</summary>
    public required string Offset { get; init; }

    /// <summary>The WARC file's name.</summary>
    public required string FileName { get; init; }
}

/// <summary>Writes CDXJ (<c>SURT timestamp {json}</c>, one line per indexed record, sorted), the index replay tools read beside a WARC.</summary>
public static class CdxjIndex
{
    /// <summary>The media type of a CDXJ index.</summary>
    public const string MediaType = "text/x-cdxj";

    // JSON as JavaScript's JSON.stringify writes it: no escaping of '&', '<', '+' or non-ASCII letters.
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the entries, sorted by their SURT key then timestamp.</summary>
    public static async Task WriteAsync(IEnumerable<CdxjEntry> entries, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (var line in entries.Select(Line).Order(StringComparer.Ordinal))
        {
            await output.WriteAsync(line.AsMemory(), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The CDXJ line of an entry: its SURT key, its 14-digit timestamp, then its fields as JSON.</summary>
    public static string Line(CdxjEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteString("url", entry.Url);
            Optional("mime", entry.Mime);
            Optional("status", entry.Status);
            Optional("digest", entry.Digest);
            json.WriteString("length", entry.Length);
            json.WriteString("offset", entry.Offset);
            json.WriteString("filename", entry.FileName);
            json.WriteEndObject();

            void Optional(string name, string? value)
            {
                if (value is not null)
                {
                    json.WriteString(name, value);
                }
            }
        }

        return $"{Surt.Of(entry.Url)} {Timestamp(entry.Date)} {Encoding.UTF8.GetString(buffer.ToArray())}";
    }

    /// <summary>A 14-digit timestamp, <c>yyyyMMddHHmmss</c> in UTC.</summary>
    public static string Timestamp(DateTimeOffset date) => date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
}
