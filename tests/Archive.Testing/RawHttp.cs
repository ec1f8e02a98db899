using System.Net.Sockets;
using System.Text;

namespace Archive.Testing;

/// <summary>A response read off a raw connection: status, headers (names lower case) and body.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The media type of the body, lower case, without parameters; empty when none.</summary>
    public string MediaType => Headers.TryGetValue("content-type", out var type) ? type.Split(';')[0].Trim().ToLowerInvariant() : string.Empty;
}

/// <summary>
/// Sends bytes no HTTP client library would send (broken chunking, a body shorter than its length, header bytes
/// outside ASCII, a body one byte a second) to a server on 127.0.0.1 and reads what it answers.
/// </summary>
public static class RawHttp
{
    /// <summary>
    /// Sends <paramref name="head"/> (Latin-1, so any byte can be spelled), then each piece of <paramref name="body"/>
    /// after <paramref name="pause"/>; with <paramref name="halfClose"/> the sending side is closed afterwards.
    /// Reads the answer until the server closes the connection or sends a whole response.
    /// </summary>
    public static async Task<RawResponse> SendAsync(
        Uri server, string head, IReadOnlyList<string>? body = null, TimeSpan? pause = null, bool halfClose = false, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        await client.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head), cancel.Token);
        foreach (var piece in body ?? [])
        {
            if (pause is { } wait)
            {
                await Task.Delay(wait, cancel.Token);
            }

            try
            {
                await stream.WriteAsync(Encoding.Latin1.GetBytes(piece), cancel.Token);
            }
            catch (IOException)
            {
                // The server answered and closed before the whole body was sent.
                break;
            }
        }

        if (halfClose)
        {
            client.Client.Shutdown(SocketShutdown.Send);
        }

        return await ReadAsync(stream, cancel.Token);
    }

    private static async Task<RawResponse> ReadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                break;
            }

            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
            if (TryParse(received.ToArray(), out var complete))
            {
                return complete!;
            }
        }

        return TryParse(received.ToArray(), out var response, acceptPartial: true) ? response! : throw new InvalidOperationException("The server closed the connection without answering.");
    }

    private static bool TryParse(byte[] bytes, out RawResponse? response, bool acceptPartial = false)
    {
        response = null;
        var text = Encoding.UTF8.GetString(bytes);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var lines = text[..end].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        var body = text[(end + 4)..];
        if (headers.TryGetValue("content-length", out var length) && Encoding.UTF8.GetByteCount(body) < int.Parse(length, System.Globalization.CultureInfo.InvariantCulture) && !acceptPartial)
        {
            return false;
        }

        if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (!body.EndsWith("0\r\n\r\n", StringComparison.Ordinal) && !acceptPartial)
            {
                return false;
            }
        }
        else if (!headers.ContainsKey("content-length") && !acceptPartial)
        {
            return false;
        }

        response = new RawResponse(status, headers, body);
        return true;
    }
}
