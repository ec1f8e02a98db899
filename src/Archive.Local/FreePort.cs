using System.Net;
using System.Net.Sockets;

namespace Archive.Local;

/// <summary>Finds free loopback ports, so several runs can share a machine.</summary>
public static class FreePort
{
    /// <summary>A port that was free on 127.0.0.1 a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
