using System.Globalization;
using System.IO.Compression;
using System.Text;
using Archive.Core.Fetching;
using Archive.Core.Versions;

namespace Archive.Local.Hostile;

/// <summary>Writes one hostile answer on a raw connection; given the publisher's port for answers that name it.</summary>
public delegate Task HostileAnswer(Stream connection, int port, CancellationToken cancellationToken);

/// <summary>
/// One way a publisher can misbehave, with how a capture of it must end: the fetch failure it is (null when the
/// fetch succeeds), the recorded outcome, and words the recorded reason must hold.
/// </summary>
/// <param name="Name">The case's name, also its path on the <see cref="HostilePublisher"/>.</param>
/// <param name="Kind">The fetch failure, or null when the fetch succeeds and the page is judged as usual.</param>
/// <param name="Outcome">The outcome the capture ends in.</param>
/// <param name="ReasonSays">Words the reason holds.</param>
/// <param name="Answer">The bytes the publisher sends.</param>
public sealed record HostileCase(string Name, FetchFailureKind? Kind, CaptureOutcome Outcome, string ReasonSays, HostileAnswer Answer)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}

/// <summary>The hostile publishers' cases.</summary>
public static class HostileCases
{
    /// <summary>How large each compression bomb is once decompressed: more than the default 16 MiB limit.</summary>
    public const int BombBytes = 64 * 1024 * 1024;

    private static readonly Lazy<byte[]> Gzip = new(() => Compress(s => new GZipStream(s, CompressionLevel.Fastest, leaveOpen: true)));
    private static readonly Lazy<byte[]> Deflate = new(() => Compress(s => new ZLibStream(s, CompressionLevel.Fastest, leaveOpen: true)));
    private static readonly Lazy<byte[]> Brotli = new(() => Compress(s => new BrotliStream(s, CompressionLevel.Fastest, leaveOpen: true)));

    /// <summary>Every case.</summary>
    public static IReadOnlyList<HostileCase> All { get; } =
    [
        // Redirects whose target cannot be read one way only.
        Redirect("redirect-triple-slash", "302 Found", "Location: ///127.0.0.1:{port}/x", "empty host"),
        Redirect("redirect-backslash-userinfo", "302 Found", "Location: http://127.0.0.1:{port}\\@example.com/", "backslash"),
        Redirect("redirect-empty-authority", "301 Moved Permanently", "Location: http:///127.0.0.1:{port}/", "empty host"),
        Redirect("redirect-percent-encoded-host", "308 Permanent Redirect", "Location: http://%31%32%37.0.0.1:{port}/", "percent-encoded host"),
        Redirect("redirect-unc-path", "302 Found", "Location: \\\\127.0.0.1:{port}\\x", "backslash"),
        Redirect("redirect-userinfo", "302 Found", "Location: http://user@127.0.0.1:{port}/article", "user information"),
        Redirect("redirect-http-without-host", "302 Found", "Location: http:article", "names no host"),
        Redirect("redirect-without-location", "301 Moved Permanently", "X-Note: no location", "no Location"),
        Redirect("redirect-two-locations", "302 Found", "Location: /a\r\nLocation: /b", "2 Location headers"),
        Redirect("redirect-multiple-choices", "300 Multiple Choices", "Location: /article", "not a redirect Archive follows"),
        Redirect("redirect-invalid-idn", "302 Found", $"Location: http://{new string('ü', 70)}.example/", "internationalized domain name"),
        Redirect("redirect-to-file", "302 Found", "Location: file:///etc/passwd", "'file'"),

        // Bodies that break off.
        new("truncated-content-length", FetchFailureKind.TruncatedBody, CaptureOutcome.TruncatedBody, "of the 100000 its Content-Length announced",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n" + new string('a', 1000))),
        new("broken-chunk-size", FetchFailureKind.TruncatedBody, CaptureOutcome.TruncatedBody, "framing is invalid",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n<p>ab\r\nzz\r\nmore\r\n0\r\n\r\n")),
        new("chunked-without-last-chunk", FetchFailureKind.TruncatedBody, CaptureOutcome.TruncatedBody, "broke off after 5 bytes",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n<p>ab\r\n")),

        // Answers that are not HTTP, or not HTTP allowed here.
        new("not-http", FetchFailureKind.InvalidResponse, CaptureOutcome.InvalidResponse, "not valid HTTP",
            (s, _, ct) => Send(s, ct, "SSH-2.0-OpenSSH_9.6\r\n\u00ff\u00fe\u0001garbage <script>alert(1)</script>\r\n\r\n")),
        new("status-799", FetchFailureKind.InvalidResponse, CaptureOutcome.InvalidResponse, "status 799, which is not a final HTTP status",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 799 Odd\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")),
        new("unsolicited-304", FetchFailureKind.InvalidResponse, CaptureOutcome.InvalidResponse, "304 Not Modified to a request that was not conditional",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n")),
        new("corrupt-gzip", FetchFailureKind.InvalidResponse, CaptureOutcome.InvalidResponse, "compressed body (gzip, deflate or br) is corrupt",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nContent-Length: 64\r\nConnection: close\r\n\r\n\u001f\u008b\u0008\u0000" + new string('\u00ee', 60))),
        new("garbage-reason-phrase", null, CaptureOutcome.Http4xx, "The server answered 404 \\x01\\xFE",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 404 \u0001\u00fe<b>\r\nContent-Type: text/html\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found")),

        // Too much: bombs, endless bodies, huge headers.
        Bomb("gzip-bomb", "gzip", Gzip),
        Bomb("deflate-bomb", "deflate", Deflate),
        Bomb("br-bomb", "br", Brotli),
        new("endless-body", FetchFailureKind.TooLarge, CaptureOutcome.TooLarge, "larger than",
            async (s, _, ct) =>
            {
                await Send(s, ct, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('a', 0x10000)}\r\n");
                while (!ct.IsCancellationRequested)
                {
                    await s.WriteAsync(chunk, ct).ConfigureAwait(false);
                }
            }),
        new("declared-too-large", FetchFailureKind.TooLarge, CaptureOutcome.TooLarge, "declares 10000000000 bytes",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10000000000\r\nConnection: close\r\n\r\n<p>")),
        new("huge-header", FetchFailureKind.TooLarge, CaptureOutcome.TooLarge, "headers are larger than allowed",
            (s, _, ct) => Send(s, ct, $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Huge: {new string('h', 200 * 1024)}\r\nContent-Length: 2\r\n\r\nok")),
        new("many-headers", FetchFailureKind.TooLarge, CaptureOutcome.TooLarge, "headers are larger than allowed",
            (s, _, ct) => Send(s, ct, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + string.Concat(Enumerable.Range(0, 20_000).Select(i => $"X-{i}: v\r\n")) + "Content-Length: 2\r\n\r\nok")),

        // Too slow: the fetch's time limits end them.
        new("silent", FetchFailureKind.Timeout, CaptureOutcome.Timeout, "No response headers",
            (_, _, ct) => Task.Delay(Timeout.Infinite, ct)),
        new("slow-headers", FetchFailureKind.Timeout, CaptureOutcome.Timeout, "No response headers", Trickle("HTTP/1.1 200 OK\r\n")),
        new("slow-body", FetchFailureKind.Timeout, CaptureOutcome.Timeout, "took longer than",
            Trickle("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\nConnection: close\r\n\r\n")),

        // Pages that must be read, whatever they declare.
        Page("charset-utf7-header", "text/html; charset=utf-7", Article("utf-8")),
        Page("charset-utf7-meta-alias", "text/html", Article("unicode-1-1-utf-7")),
        Page("charset-csunicode11utf7", "text/html", Article("csunicode11utf7")),
        Page("charset-ebcdic-meta", "text/html", Article("ibm037")),
        // Nesting past the parser's limit is read as flat text and reported, never parsed into a 100,000-deep tree.
        Page("deep-nesting", "text/html; charset=utf-8", DeepNesting()) with { Outcome = CaptureOutcome.NotAnArticle, ReasonSays = "nests deeper than 1500 levels" },
    ];

    /// <summary>An article of a few paragraphs, declaring <paramref name="charset"/> in a meta element.</summary>
    public static string Article(string charset)
    {
        var paragraph = "The harbour authority confirmed on Tuesday that the northern breakwater will be rebuilt over the next three years, "
                        + "after winter storms opened a gap of more than forty metres and flooded the fish market twice. Engineers said the new "
                        + "wall will be two metres higher and faced with concrete blocks designed to break the waves before they reach the quay.";
        var body = string.Concat(Enumerable.Range(1, 6).Select(i => $"<p>{paragraph} Paragraph {i} adds that local fishermen will be consulted before work begins.</p>"));
        return $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"{charset}\"><title>Harbour wall to be rebuilt</title></head>"
               + $"<body><article><h1>Harbour wall to be rebuilt after storms</h1><p class=\"byline\">By A. Reporter</p>{body}</article></body></html>";
    }

    private static string DeepNesting()
    {
        var depth = 100_000;
        return string.Concat(Article("utf-8").Replace("</body></html>", string.Empty, StringComparison.Ordinal),
            string.Concat(Enumerable.Repeat("<div>", depth)), "deep", string.Concat(Enumerable.Repeat("</div>", depth)), "</body></html>");
    }

    private static HostileCase Redirect(string name, string status, string headers, string says) =>
        new(name, FetchFailureKind.InvalidRedirect, CaptureOutcome.InvalidRedirect, says,
            (s, port, ct) => Send(s, ct, $"HTTP/1.1 {status}\r\n{headers.Replace("{port}", port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));

    private static HostileCase Bomb(string name, string encoding, Lazy<byte[]> bomb) =>
        new(name, FetchFailureKind.TooLarge, CaptureOutcome.TooLarge, "after decompression",
            async (s, _, ct) =>
            {
                await Send(s, ct, $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\nContent-Length: {bomb.Value.Length}\r\nConnection: close\r\n\r\n").ConfigureAwait(false);
                await s.WriteAsync(bomb.Value, ct).ConfigureAwait(false);
            });

    private static HostileCase Page(string name, string contentType, string html) =>
        new(name, null, CaptureOutcome.Captured, "Version 1 recorded",
            (s, _, ct) =>
            {
                var body = Encoding.UTF8.GetBytes(html);
                return Send(s, ct, $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n", body);
            });

    // Sends the head, then one byte every 200 ms until the fetcher gives up.
    private static HostileAnswer Trickle(string head) => async (s, _, ct) =>
    {
        await Send(s, ct, head).ConfigureAwait(false);
        while (!ct.IsCancellationRequested)
        {
            await Send(s, ct, "X").ConfigureAwait(false);
            await Task.Delay(200, ct).ConfigureAwait(false);
        }
    };

    // Latin-1: one byte per char, so a case can spell any byte it needs.
    private static async Task Send(Stream stream, CancellationToken cancellationToken, string head, byte[]? body = null)
    {
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head), cancellationToken).ConfigureAwait(false);
        if (body is not null)
        {
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] Compress(Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var compressing = compressor(output))
        {
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < BombBytes; written += zeros.Length)
            {
                compressing.Write(zeros);
            }
        }

        return output.ToArray();
    }
}
