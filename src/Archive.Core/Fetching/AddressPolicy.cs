using System.Net;
using System.Net.Sockets;

namespace Archive.Core.Fetching;

/// <summary>
/// Which IP addresses a fetch may connect to: anything publicly routable, and nothing private, loopback, link-local,
/// reserved or tunnelled, unless an operator lists its network in <see cref="FetchOptions.AllowedNetworks"/>.
/// Ranges follow the IANA special-purpose address registries; they are expressed with <see cref="IPNetwork"/>.
/// </summary>
public sealed class AddressPolicy
{
    // Most specific first: the first match names the rule.
    private static readonly (IPNetwork Network, string Rule)[] V4Rules =
    [
        (IPNetwork.Parse("0.0.0.0/32"), "unspecified"),
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\" (0.0.0.0/8, reserved)"),
        (IPNetwork.Parse("10.0.0.0/8"), "private (10.0.0.0/8)"),
        (IPNetwork.Parse("100.100.100.200/32"), "carrier-grade NAT shared space (cloud metadata)"),
        (IPNetwork.Parse("100.64.0.0/10"), "carrier-grade NAT shared space (100.64.0.0/10)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("168.63.129.16/32"), "the Azure platform endpoint (WireServer)"),
        (IPNetwork.Parse("169.254.169.254/32"), "link-local (cloud metadata)"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local (169.254.0.0/16)"),
        (IPNetwork.Parse("172.16.0.0/12"), "private (172.16.0.0/12)"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved for IETF protocol assignments (192.0.0.0/24)"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation (192.0.2.0/24)"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast (192.88.99.0/24, deprecated)"),
        (IPNetwork.Parse("192.168.0.0/16"), "private (192.168.0.0/16)"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking (198.18.0.0/15)"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation (198.51.100.0/24)"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation (203.0.113.0/24)"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved (240.0.0.0/4)"),
    ];

    private static readonly (IPNetwork Network, string Rule)[] V6Rules =
    [
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible IPv6 (::/96, deprecated)"),
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64 IPv4-translated (64:ff9b::/96)"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "NAT64 local-use (64:ff9b:1::/48)"),
        (IPNetwork.Parse("100::/64"), "discard-only (100::/64)"),
        (IPNetwork.Parse("2001::/32"), "Teredo tunnelling (2001::/32)"),
        (IPNetwork.Parse("2001::/23"), "reserved for IETF protocol assignments (2001::/23)"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation (2001:db8::/32)"),
        (IPNetwork.Parse("3fff::/20"), "documentation (3fff::/20)"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "unique local (cloud metadata)"),
        (IPNetwork.Parse("fc00::/7"), "unique local, private (fc00::/7)"),
        (IPNetwork.Parse("fe80::/10"), "link-local (fe80::/10)"),
        (IPNetwork.Parse("fec0::/10"), "site-local (fec0::/10, deprecated)"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork V4Compatible = IPNetwork.Parse("::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");

    private readonly IPNetwork[] _allowed;

    /// <summary>Creates a policy that also allows <paramref name="allowedNetworks"/>.</summary>
    public AddressPolicy(IEnumerable<IPNetwork> allowedNetworks)
    {
        ArgumentNullException.ThrowIfNull(allowedNetworks);
        _allowed = [.. allowedNetworks];
    }

    /// <summary>A policy that allows public addresses only.</summary>
    public static AddressPolicy PublicOnly { get; } = new([]);

    /// <summary>Why <paramref name="address"/> may not be connected to under this policy, or null when it may.</summary>
    public string? Check(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = WithoutZone(address);

        // Checked before the allow list on purpose: IPNetwork.Contains maps ::ffff:a.b.c.d to a.b.c.d, so an
        // allowed 127.0.0.0/8 would otherwise also let every odd IPv6 spelling of loopback through.
        if (address.IsIPv4MappedToIPv6)
        {
            var embedded = address.MapToIPv4();
            var inner = Classify(embedded);
            return inner is null
                ? $"IPv4-mapped IPv6 (embeds {embedded})"
                : $"IPv4-mapped IPv6 (embeds {embedded}, {inner})";
        }

        foreach (var network in _allowed)
        {
            if (network.Contains(address))
            {
                return null;
            }
        }

        return Classify(address);
    }

    /// <summary>The special-purpose rule <paramref name="address"/> falls under, or null for a public address. Ignores any allow list.</summary>
    public static string? Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        address = WithoutZone(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(V4Rules, address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return "not an IP address";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            var embedded = address.MapToIPv4();
            return $"IPv4-mapped IPv6 (embeds {embedded})";
        }

        if (Match(V6Rules, address) is { } rule)
        {
            return IsEmbedding(address) ? $"{rule}, embeds {EmbeddedV4(address, 12)}" : rule;
        }

        if (SixToFour.Contains(address))
        {
            // 6to4 carries an IPv4 address in bits 16-47; the relay would deliver to it.
            var embedded = EmbeddedV4(address, 2);
            return Classify(embedded) is { } inner ? $"6to4 (2002::/16) embedding {embedded}, which is {inner}" : null;
        }

        return GlobalUnicast.Contains(address) ? null : "not global unicast (outside 2000::/3)";
    }

    // An IPv6 zone (scope id) names an interface; the address and the rule it falls under are the same without it.
    private static IPAddress WithoutZone(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;

    // NAT64 and IPv4-compatible addresses carry an IPv4 address in their last 32 bits: name it in the reason.
    private static bool IsEmbedding(IPAddress address) =>
        Nat64.Contains(address) || (V4Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Any) && !address.Equals(IPAddress.IPv6Loopback));

    private static string? Match((IPNetwork Network, string Rule)[] rules, IPAddress address)
    {
        foreach (var (network, rule) in rules)
        {
            if (network.Contains(address))
            {
                return rule;
            }
        }

        return null;
    }

    private static IPAddress EmbeddedV4(IPAddress address, int offset)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return new IPAddress(bytes.Slice(offset, 4));
    }
}
