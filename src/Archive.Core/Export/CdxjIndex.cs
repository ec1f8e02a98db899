using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Archive.Core.Export;

/// <summary>One line of a CDXJ index: which record of which file holds a capture of a URL at a time.</summary>
public sealed record CdxjEntry
{
    /// <summary>The URL as captured.</summary>
    public required string Url { get; init; }

    /// <summary>When the capture began.</summary>
    public required DateTimeOffset Date { get; init; }

    /// <summary>The media type of the capture (<c>warc/revisit</c> for revisits).</summary>
    public required string Mime { get; init; }

    /// <summary>The HTTP status, as text (CDXJ convention).</summary>
    public required string Status { get; init; }

    /// <summary>The payload digest.</summary>
    public required string Digest { get; init; }

    /// <summary>Length of the record's gzip member.</summary>
    public required string Length { get; init; }

    /// <summary>Offset of the record's gzip member.</summary>
    public required string Offset { get; init; }

    /// <summary>The WARC file's name.</summary>
    public required string FileName { get; init; }
}

/// <summary>Writes CDXJ (<c>SURT timestamp {json}</c>, one line per capture, sorted), the index replay tools read beside a WARC.</summary>
public static class CdxjIndex
{
    /// <summary>The media type of a CDXJ index.</summary>
    public const string MediaType = "text/x-cdxj";

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

    /// <summary>The CDXJ line of an entry.</summary>
    public static string Line(CdxjEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var fields = new { url = entry.Url, mime = entry.Mime, status = entry.Status, digest = entry.Digest, length = entry.Length, offset = entry.Offset, filename = entry.FileName };
        return $"{Surt(new Uri(entry.Url))} {Timestamp(entry.Date)} {JsonSerializer.Serialize(fields)}";
    }

    /// <summary>A 14-digit timestamp, <c>yyyyMMddHHmmss</c> in UTC.</summary>
    public static string Timestamp(DateTimeOffset date) => date.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    /// <summary>
    /// The SURT form of a URL as replay indexes sort it: host labels reversed and comma-separated (an IP address as is), a
    /// leading <c>www</c> dropped, the port unless default, then <c>)</c> and the lower-cased path and query.
    /// </summary>
    public static string Surt(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var host = url.IdnHost.ToLowerInvariant();
        var key = new StringBuilder();
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            // An address has no hierarchy of labels to reverse.
            key.Append(host);
        }
        else
        {
            var labels = host.Split('.').Reverse().ToList();
            if (labels.Count > 2 && labels[^1] == "www")
            {
                labels.RemoveAt(labels.Count - 1);
            }

            key.AppendJoin(',', labels);
        }

        if (!url.IsDefaultPort)
        {
            key.Append(':').Append(url.Port.ToString(CultureInfo.InvariantCulture));
        }

        return key.Append(')').Append(url.PathAndQuery.ToLowerInvariant()).ToString();
    }
}
