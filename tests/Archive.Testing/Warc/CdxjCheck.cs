using System.IO.Compression;
using System.Text;

namespace Archive.Testing.Warc;

/// <summary>Independent views of a WARC's index: warcio.js's <c>CDXIndexer</c>, and the record each index line points at.</summary>
public static class CdxjCheck
{
    /// <summary>The CDXJ lines warcio.js's <c>CDXIndexer</c> writes for the WARC at <paramref name="path"/>, in file order.</summary>
    public static async Task<IReadOnlyList<string>> WarcioLinesAsync(string path, string fileName)
    {
        var run = await NodeScript.RunAsync(Path.Combine("tests", "Archive.Testing", "Warc", "cdxj-index.mjs"), [path, fileName], TimeSpan.FromSeconds(30));
        if (!run.Completed || run.ExitCode != 0)
        {
            throw new InvalidOperationException($"warcio's CDXIndexer failed (completed: {run.Completed}, exit {run.ExitCode}): {run.Error}");
        }

        return run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// The record at <paramref name="offset"/> of length <paramref name="length"/> in a WARC of one gzip member per record:
    /// its WARC header as text, and its block. Throws when the range is not exactly one whole gzip member holding one record.
    /// </summary>
    public static (string Header, byte[] Block) ReadRecord(byte[] warc, long offset, long length)
    {
        ArgumentNullException.ThrowIfNull(warc);
        if (offset < 0 || length <= 0 || offset + length > warc.LongLength)
        {
            throw new InvalidDataException($"{offset}+{length} is outside the file of {warc.LongLength} bytes.");
        }

        var member = warc.AsSpan((int)offset, (int)length).ToArray();
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(new MemoryStream(member), CompressionMode.Decompress))
        {
            gzip.CopyTo(plain);
        }

        var bytes = plain.ToArray();
        var text = Encoding.Latin1.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!text.StartsWith("WARC/1.1\r\n", StringComparison.Ordinal) || end < 0)
        {
            throw new InvalidDataException($"No WARC record starts at {offset}.");
        }

        var header = text[..end];
        var contentLength = long.Parse(Field(header, "Content-Length")!, System.Globalization.CultureInfo.InvariantCulture);
        if (end + 4 + contentLength + 4 != bytes.LongLength)
        {
            throw new InvalidDataException($"The member at {offset} holds {bytes.LongLength} bytes, not one record of a {contentLength}-byte block.");
        }

        return (header, bytes.AsSpan(end + 4, (int)contentLength).ToArray());
    }

    /// <summary>The value of a named field of a WARC header, or null.</summary>
    public static string? Field(string header, string name)
    {
        ArgumentNullException.ThrowIfNull(header);
        foreach (var line in header.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line[..colon].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return null;
    }
}
