using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Archive.Local.Hostile;

/// <summary>
/// A publisher that misbehaves on purpose: a raw TCP server on 127.0.0.1 that answers each path of
/// <see cref="HostileCases"/> with the bytes of that case (malformed redirects, bodies cut short, broken chunking,
/// slow and endless bodies, compression bombs, odd charsets, huge headers, deep nesting, answers that are not HTTP).
/// Raw sockets, because a well-behaved server library refuses to send most of these. Every connection is closed
/// after one answer.
/// </summary>
public sealed class HostilePublisher : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, HostileCase> _cases;

    private HostilePublisher(TcpListener listener)
    {
        _listener = listener;
        _cases = HostileCases.All.ToDictionary(c => "/" + c.Name, StringComparer.Ordinal);
        _loop = AcceptLoopAsync();
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The URL of a case.</summary>
    public Uri Url(HostileCase hostile)
    {
        ArgumentNullException.ThrowIfNull(hostile);
        return new Uri($"http://127.0.0.1:{Port}/{hostile.Name}");
    }

    /// <summary>Starts the publisher on a free port.</summary>
    public static HostilePublisher Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return new HostilePublisher(listener);
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var path = await ReadRequestPathAsync(stream, _stop.Token).ConfigureAwait(false);
                var script = path is not null && _cases.TryGetValue(path, out var hostile)
                    ? hostile.Answer
                    : (s, _, ct) => s.WriteAsync("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), ct).AsTask();
                await script(stream, Port, _stop.Token).ConfigureAwait(false);
                await stream.FlushAsync(_stop.Token).ConfigureAwait(false);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The fetcher hung up, as it should once it has seen enough.
            }
        }
    }

    private static async Task<string?> ReadRequestPathAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (head.Length < 64 * 1024)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            head.Append(Encoding.Latin1.GetString(buffer, 0, read));
            var text = head.ToString();
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var parts = text[..text.IndexOf('\r', StringComparison.Ordinal)].Split(' ');
                return parts.Length >= 2 ? parts[1].Split('?')[0] : null;
            }
        }

        return null;
    }

    /// <summary>Stops the publisher.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
