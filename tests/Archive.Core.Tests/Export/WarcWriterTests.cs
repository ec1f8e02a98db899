using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Archive.Core.Export;

namespace Archive.Core.Tests.Export;

public sealed class WarcWriterTests
{
    [Fact]
    public void Digests_are_sha256_in_base32()
    {
        // As Python computes it: base64.b32encode(hashlib.sha256(b"abc").digest()).
        Assert.Equal("sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ====", WarcWriter.Digest(SHA256.HashData("abc"u8)));
    }

    [Fact]
    public async Task Each_record_is_its_own_gzip_member_with_its_length_and_digests()
    {
        using var output = new MemoryStream();
        var writer = new WarcWriter(output);
        var body = new NonSeekableStream(Encoding.UTF8.GetBytes("<p>hello</p>"));
        var first = await writer.WriteAsync(new WarcRecord
        {
            Type = "response",
            RecordId = WarcWriter.RecordIdFor("a"),
            Date = new DateTimeOffset(2024, 12, 8, 10, 0, 0, TimeSpan.Zero),
            TargetUri = "https://example.com/",
            ContentType = "application/http; msgtype=response",
            Head = "HTTP/1.1 200 OK\r\nContent-Length: 12\r\n\r\n"u8.ToArray(),
            Payload = body,
            DigestPayload = true,
        });
        var second = await writer.WriteAsync(new WarcRecord { Type = "metadata", RecordId = WarcWriter.RecordIdFor("b"), Date = DateTimeOffset.UnixEpoch, Head = "x"u8.ToArray() });

        Assert.Equal(0, first.Offset);
        Assert.Equal(first.Length, second.Offset);
        Assert.Equal(output.Length, second.Offset + second.Length);
        Assert.Equal(WarcWriter.Digest(SHA256.HashData("<p>hello</p>"u8)), first.PayloadDigest);
        Assert.Null(second.PayloadDigest);
        Assert.Equal(WarcWriter.RecordIdFor("a"), WarcWriter.RecordIdFor("a"));

        // The second member alone inflates to a whole record.
        var member = output.ToArray()[(int)second.Offset..];
        await using var gzip = new GZipStream(new MemoryStream(member), CompressionMode.Decompress);
        var text = await new StreamReader(gzip).ReadToEndAsync();
        Assert.StartsWith("WARC/1.1\r\nWARC-Type: metadata\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Length: 1\r\n\r\nx\r\n\r\n", text, StringComparison.Ordinal);
        Assert.Contains($"WARC-Block-Digest: {WarcWriter.Digest(SHA256.HashData("x"u8))}\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_with_a_line_break_cannot_forge_a_field()
    {
        using var output = new MemoryStream();
        await new WarcWriter(output).WriteAsync(new WarcRecord { Type = "metadata", RecordId = "<urn:x>", Date = DateTimeOffset.UnixEpoch, TargetUri = "https://e.com/\r\nWARC-Type: response" });
        output.Position = 0;
        await using var gzip = new GZipStream(output, CompressionMode.Decompress);
        var text = await new StreamReader(gzip).ReadToEndAsync();
        Assert.Single(text.Split("\r\n"), l => l.StartsWith("WARC-Type:", StringComparison.Ordinal));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
