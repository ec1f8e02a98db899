using System.Net;

namespace Archive.Core.Fetching;

/// <summary>Turns a host name into the addresses a fetch may connect to. A seam so tests never need real lookups.</summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/> (a name, never an IP literal).</summary>
    /// <exception cref="System.Net.Sockets.SocketException">The name did not resolve.</exception>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default);
}

/// <summary>Resolves names with the system resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>).</summary>
public sealed class DnsHostResolver : IHostResolver
{
    /// <inheritdoc />
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);
}
