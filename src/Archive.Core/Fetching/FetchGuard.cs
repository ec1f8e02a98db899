using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Archive.Core.Urls;
using Microsoft.Extensions.Options;

namespace Archive.Core.Fetching;

/// <summary>
/// Keeps fetches away from addresses they must not reach (SSRF). Two gates: <see cref="CheckUrl"/> before every
/// request and redirect hop (scheme, length, IP-literal hosts; no DNS), and <see cref="ConnectAsync"/> as the
/// handler's connect callback, which resolves the name itself, checks every address, and connects the socket to
/// one of exactly those checked addresses, so a DNS answer that changes between check and connect cannot slip in.
/// </summary>
public sealed class FetchGuard
{
    private readonly FetchOptions _options;
    private readonly IHostResolver _resolver;
    private readonly HashSet<string> _allowedHosts;

    /// <summary>Creates the guard from the fetch options (allowed networks and hosts, URL length).</summary>
    public FetchGuard(IOptions<FetchOptions> options, IHostResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _resolver = resolver;
        Policy = new AddressPolicy(_options.AllowedNetworks.Select(n => IPNetwork.Parse(n.Trim())));
        _allowedHosts = new HashSet<string>(_options.AllowedHosts.Select(NormalizeName), StringComparer.Ordinal);
    }

    /// <summary>The address rules in force.</summary>
    public AddressPolicy Policy { get; }

    /// <summary>Called with each endpoint just before a socket connects to it (tests record and police this).</summary>
    internal Action<IPEndPoint>? Dialing { get; set; }

    /// <summary>
    /// Checks <paramref name="url"/> before it is requested: http or https only, not longer than
    /// <see cref="FetchOptions.MaxUrlLength"/>, and, when its host is an IP literal in any spelling, an allowed address.
    /// Host names are checked when they are resolved, at connect time.
    /// </summary>
    /// <exception cref="FetchFailedException">The URL may not be fetched.</exception>
    public void CheckUrl(Uri url, bool isRedirect = false)
    {
        ArgumentNullException.ThrowIfNull(url);
        var kind = isRedirect ? FetchFailureKind.InvalidRedirect : FetchFailureKind.InvalidUrl;
        var cannot = isRedirect ? "Cannot follow a redirect to" : "Cannot fetch";
        if (!url.IsAbsoluteUri)
        {
            throw new FetchFailedException(kind, $"{cannot} a relative URL.");
        }

        if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
        {
            throw new FetchFailedException(kind, $"{cannot} a '{url.Scheme}' URL; only http and https.");
        }

        var length = url.AbsoluteUri.Length;
        if (length > _options.MaxUrlLength)
        {
            throw new FetchFailedException(kind, $"{cannot} a URL of {length} characters; the limit is {_options.MaxUrlLength}.");
        }

        if (string.IsNullOrEmpty(url.IdnHost))
        {
            throw new FetchFailedException(kind, $"{cannot} a URL without a host.");
        }

        // IdnHost is what the handler connects to: "127。0。0。1" in a URL becomes 127.0.0.1 there.
        if (ParseHost(url.IdnHost) is { } literal)
        {
            EnsureAllowed(literal);
        }
        else if (HostNames.Check(url.IdnHost) is { } invalid)
        {
            throw new FetchFailedException(kind, $"{cannot} this URL: {invalid}");
        }
    }

    /// <summary>
    /// The addresses of <paramref name="host"/>, each one checked; IP literals are checked without DNS, and localhost
    /// names mean 127.0.0.1 without DNS. Refuses the host if any of its addresses is refused.
    /// </summary>
    /// <exception cref="FetchFailedException">The host is refused or does not resolve.</exception>
    public async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        if (ParseHost(host) is { } literal)
        {
            EnsureAllowed(literal);
            return [literal];
        }

        var name = NormalizeName(host);
        IPAddress[] addresses;
        if (name == "localhost" || name.EndsWith(".localhost", StringComparison.Ordinal))
        {
            // RFC 6761: localhost names are loopback; never ask DNS about them.
            addresses = [IPAddress.Loopback];
        }
        else
        {
            try
            {
                addresses = await _resolver.ResolveAsync(name, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new FetchFailedException(FetchFailureKind.DnsFailure, $"The host {name} could not be resolved.", ex);
            }
        }

        if (addresses.Length == 0)
        {
            throw new FetchFailedException(FetchFailureKind.DnsFailure, $"The host {name} has no addresses.");
        }

        if (_allowedHosts.Contains(name))
        {
            return addresses;
        }

        // Every address, not only the first: the handler may fall back to any of them.
        foreach (var address in addresses)
        {
            if (Policy.Check(address) is { } rule)
            {
                throw new FetchFailedException(FetchFailureKind.BlockedAddress, $"{name} resolves to {address}, which is {rule}.");
            }
        }

        return addresses;
    }

    /// <summary>
    /// The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves and checks the host, then connects to one of the
    /// checked addresses (the socket is given the IP, never the name). TLS and the Host header still use the name.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = context.DnsEndPoint;
        var addresses = await ResolveAsync(target.Host, cancellationToken).ConfigureAwait(false);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var endpoint = new IPEndPoint(address, target.Port);
            Dialing?.Invoke(endpoint);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostUnreachable);
    }

    /// <summary>
    /// A handler that connects only through <see cref="ConnectAsync"/>, follows no redirects (the fetcher checks and
    /// records each hop), sends no cookies, uses no proxy, and caps the response headers. HTTP/3 would open QUIC
    /// connections without the callback: requests through this handler must never ask for version 3.0 (the default,
    /// 1.1 or lower, never does).
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        ConnectCallback = ConnectAsync,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        UseCookies = false,
        // A proxy would make the connection for us, to addresses we never see.
        UseProxy = false,
        MaxResponseHeadersLength = _options.MaxResponseHeadersKilobytes,
        ConnectTimeout = _options.HeadersTimeout,
        // New connections resolve (and check) the name again.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    /// <summary>
    /// Whether <paramref name="network"/> is a CIDR network written exactly: <see cref="IPNetwork"/> quietly clears
    /// host bits ("10.0.0.1/8" becomes 10.0.0.0/8), which would turn a typo for one address into a whole range.
    /// </summary>
    internal static bool IsNetwork(string? network)
    {
        var text = network?.Trim();
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0
            && IPNetwork.TryParse(text, out var parsed)
            && IPAddress.TryParse(text.AsSpan(0, slash), out var written)
            && parsed.BaseAddress.Equals(written);
    }

    /// <summary>The host as a name: lower case, without one trailing dot.</summary>
    internal static string NormalizeName(string host)
    {
        var name = host.Trim().ToLowerInvariant();
        return name.EndsWith('.') ? name[..^1] : name;
    }

    /// <summary>
    /// The IP address <paramref name="host"/> spells, in any of the forms resolvers accept (decimal, octal, hex, short,
    /// bracketed IPv6, a trailing dot), or null for a name. A host that looks numeric but is no valid address is refused.
    /// </summary>
    internal static IPAddress? ParseHost(string host)
    {
        var h = host.Trim();
        if (h.StartsWith('[') && h.EndsWith(']'))
        {
            h = h[1..^1];
        }

        if (h.Contains(':', StringComparison.Ordinal))
        {
            // A zone (%25lo, %eth0) picks an interface, not another address: the address is judged, and named, without it.
            return IPAddress.TryParse(Uri.UnescapeDataString(h), out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? new IPAddress(v6.GetAddressBytes())
                : throw new FetchFailedException(FetchFailureKind.BlockedAddress, $"{host} is not a valid IPv6 address.");
        }

        if (h.EndsWith('.'))
        {
            h = h[..^1];
        }

        // IPAddress.TryParse accepts what inet_aton does: 2130706433, 0177.0.0.1, 0x7f.0.0.1, 127.1, 0x7f000001.
        if (IPAddress.TryParse(h, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork)
        {
            return v4;
        }

        // No top-level domain is numeric: a host ending in a number is an address spelled in a way we do not
        // parse (and a resolver might), so refuse rather than let the resolver decide what it means.
        var last = h[(h.LastIndexOf('.') + 1)..];
        if (last.Length > 0 && (last.All(char.IsAsciiDigit) || (last.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && last[2..].All(char.IsAsciiHexDigit))))
        {
            throw new FetchFailedException(FetchFailureKind.BlockedAddress, $"{host} looks like a numeric address but is not a valid one.");
        }

        return null;
    }

    private void EnsureAllowed(IPAddress address)
    {
        if (Policy.Check(address) is { } rule)
        {
            throw new FetchFailedException(FetchFailureKind.BlockedAddress, string.Create(CultureInfo.InvariantCulture, $"{address} is {rule}."));
        }
    }
}
