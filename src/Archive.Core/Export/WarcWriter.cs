using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Core.Export;

/// <summary>
/// Writes WARC 1.1 records to a stream, each record its own gzip member (so any record can be read from its offset
/// alone), with <c>WARC-Block-Digest</c> and, for HTTP records, <c>WARC-Payload-Digest</c> in SHA-256 (base32). Records
/// are streamed: the only thing held is one payload, spooled to a temporary file when its stream cannot seek, because
/// the digests and the length must be written before the block.
/// </summary>
public sealed class WarcWriter(Stream output)
{
    /// <summary>The WARC version written.</summary>
    public const string Version = "WARC/1.1";

    private static readonly byte[] RecordEnd = "\r\n\r\n"u8.ToArray();
    private long _position;

    /// <summary>Bytes written so far.</summary>
    public long Position => _position;

    /// <summary>Writes one record as one gzip member.</summary>
    public async Task<WarcRecordPosition> WriteAsync(WarcRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        using var blockHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var payloadHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        blockHash.AppendData(record.Head.Span);
        var (payload, payloadLength, spool) = await PrepareAsync(record.Payload, blockHash, payloadHash, cancellationToken).ConfigureAwait(false);
        await using (spool)
        {
            var blockDigest = Digest(blockHash.GetHashAndReset());
            var payloadDigest = record.DigestPayload ? Digest(payloadHash.GetHashAndReset()) : null;
            var header = Header(record, record.Head.Length + payloadLength, blockDigest, payloadDigest);

            var counter = new MeasuredStream(output);
            var gzip = new GZipStream(counter, CompressionLevel.Optimal, leaveOpen: true);
            await using (gzip.ConfigureAwait(false))
            {
                await gzip.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await gzip.WriteAsync(record.Head, cancellationToken).ConfigureAwait(false);
                if (payload is not null)
                {
                    await payload.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
                }

                await gzip.WriteAsync(RecordEnd, cancellationToken).ConfigureAwait(false);
            }

            var offset = _position;
            _position += counter.Written;
            return new WarcRecordPosition(record.RecordId, record.Type, offset, counter.Written, blockDigest, payloadDigest);
        }
    }

    /// <summary>A digest as WARC writes it: <c>sha256:</c> and the RFC 4648 base32 of the bytes.</summary>
    public static string Digest(ReadOnlySpan<byte> sha256) => "sha256:" + Base32(sha256);

    /// <summary>A <c>WARC-Date</c>: UTC, to the second, as WARC 1.1 writes it.</summary>
    public static string FormatDate(DateTimeOffset date) => date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A record id, <c>&lt;urn:uuid:…&gt;</c>, derived from a name, so the same export writes the same ids and records can refer to each other.</summary>
    public static string RecordIdFor(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("archive-warc-record:" + name)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return $"<urn:uuid:{new Guid(bytes, bigEndian: true)}>";
    }

    // Hashes the payload once; a stream that cannot seek is copied to a temporary file on the way, to be read again.
    private static async Task<(Stream? Payload, long Length, FileStream? Spool)> PrepareAsync(Stream? payload, IncrementalHash block, IncrementalHash digest, CancellationToken cancellationToken)
    {
        if (payload is null)
        {
            return (null, 0, null);
        }

        var spool = payload.CanSeek ? null : new FileStream(Path.Combine(Path.GetTempPath(), "archive-warc-" + Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var start = payload.CanSeek ? payload.Position : 0;
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await payload.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            block.AppendData(buffer, 0, read);
            digest.AppendData(buffer, 0, read);
            length += read;
            if (spool is not null)
            {
                await spool.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        var source = spool ?? payload;
        source.Position = spool is null ? start : 0;
        return (source, length, spool);
    }

    private static byte[] Header(WarcRecord record, long contentLength, string blockDigest, string? payloadDigest)
    {
        var text = new StringBuilder(Version).Append("\r\n");
        Field("WARC-Type", record.Type);
        Field("WARC-Record-ID", record.RecordId);
        Field("WARC-Date", FormatDate(record.Date));
        if (record.TargetUri is not null)
        {
            Field("WARC-Target-URI", record.TargetUri);
        }

        foreach (var (name, value) in record.Fields)
        {
            Field(name, value);
        }

        if (record.ContentType is not null)
        {
            Field("Content-Type", record.ContentType);
        }

        Field("WARC-Block-Digest", blockDigest);
        if (payloadDigest is not null)
        {
            Field("WARC-Payload-Digest", payloadDigest);
        }

        Field("Content-Length", contentLength.ToString(CultureInfo.InvariantCulture));
        text.Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());

        // A line break inside a value would end the field early and let a value forge fields of its own.
        void Field(string name, string value) =>
            text.Append(name).Append(": ").Append(value.ReplaceLineEndings(" ")).Append("\r\n");
    }

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder((bytes.Length + 4) / 5 * 8);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(Alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        while (text.Length % 8 != 0)
        {
            text.Append('=');
        }

        return text.ToString();
    }
}
