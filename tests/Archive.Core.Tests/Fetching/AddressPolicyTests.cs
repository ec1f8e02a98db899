using System.Net;
using Archive.Core.Fetching;

namespace Archive.Core.Tests.Fetching;

/// <summary>The address rules alone: pure functions, no sockets.</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.255.255.255", "this network")]
    [InlineData("10.0.0.1", "private (10.0.0.0/8)")]
    [InlineData("10.255.255.255", "private")]
    [InlineData("100.64.0.0", "carrier-grade NAT")]
    [InlineData("100.127.255.255", "carrier-grade NAT")]
    [InlineData("100.100.100.200", "cloud metadata")]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("168.63.129.16", "WireServer")]
    [InlineData("169.254.169.254", "link-local (cloud metadata)")]
    [InlineData("169.254.0.1", "link-local (169.254.0.0/16)")]
    [InlineData("172.16.0.0", "private (172.16.0.0/12)")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.0.0.8", "IETF protocol assignments")]
    [InlineData("192.0.2.255", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("192.168.0.1", "private (192.168.0.0/16)")]
    [InlineData("198.18.0.0", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.1", "documentation")]
    [InlineData("203.0.113.1", "documentation")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.254", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("::", "unspecified")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "IPv4-mapped IPv6 (embeds 127.0.0.1, loopback)")]
    [InlineData("::ffff:8.8.8.8", "IPv4-mapped")]
    [InlineData("::10.0.0.1", "IPv4-compatible IPv6 (::/96, deprecated), embeds 10.0.0.1")]
    [InlineData("64:ff9b::7f00:1", "NAT64 IPv4-translated (64:ff9b::/96), embeds 127.0.0.1")]
    [InlineData("64:ff9b:1::1", "NAT64 local-use")]
    [InlineData("100::1", "discard-only")]
    [InlineData("2001::1", "Teredo")]
    [InlineData("2001:2::1", "IETF protocol assignments")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("2002:7f00:1::1", "6to4 (2002::/16) embedding 127.0.0.1, which is loopback")]
    [InlineData("2002:a9fe:a9fe::", "embedding 169.254.169.254, which is link-local (cloud metadata)")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("fc00::1", "unique local")]
    [InlineData("fdff:ffff::1", "unique local")]
    [InlineData("fd00:ec2::254", "unique local (cloud metadata)")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("5f00::1", "not global unicast")]
    [InlineData("4000::1", "not global unicast")]
    public void Refuses(string address, string rule)
    {
        var reason = AddressPolicy.PublicOnly.Check(IPAddress.Parse(address));
        Assert.NotNull(reason);
        Assert.Contains(rule, reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.215.14")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.1.1")]
    [InlineData("192.167.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2a00:1450:4001:80b::200e")]
    [InlineData("2002:808:808::1")]
    public void Allows_public_addresses(string address) =>
        Assert.Null(AddressPolicy.PublicOnly.Check(IPAddress.Parse(address)));

    [Fact]
    public void An_allowed_network_opens_that_network_only()
    {
        var policy = new AddressPolicy([IPNetwork.Parse("127.0.0.0/8")]);
        Assert.Null(policy.Check(IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Check(IPAddress.Parse("127.9.9.9")));
        Assert.NotNull(policy.Check(IPAddress.Parse("10.0.0.1")));
        Assert.NotNull(policy.Check(IPAddress.IPv6Loopback));
    }

    [Fact]
    public void An_allowed_ipv4_network_does_not_open_its_ipv4_mapped_spelling()
    {
        // IPNetwork.Contains itself says yes here; the policy must not.
        var network = IPNetwork.Parse("127.0.0.0/8");
        var mapped = IPAddress.Parse("::ffff:127.0.0.1");
        Assert.True(network.Contains(mapped));
        Assert.Equal("IPv4-mapped IPv6 (embeds 127.0.0.1, loopback)", new AddressPolicy([network]).Check(mapped));
    }

    [Theory]
    [InlineData("2130706433", "127.0.0.1")]
    [InlineData("0177.0.0.1", "127.0.0.1")]
    [InlineData("0x7f.0.0.1", "127.0.0.1")]
    [InlineData("0x7f000001", "127.0.0.1")]
    [InlineData("127.1", "127.0.0.1")]
    [InlineData("127.0.0.1.", "127.0.0.1")]
    [InlineData("017700000001", "127.0.0.1")]
    [InlineData("0", "0.0.0.0")]
    [InlineData("[::ffff:127.0.0.1]", "::ffff:127.0.0.1")]
    [InlineData("[0:0:0:0:0:ffff:7f00:1]", "::ffff:127.0.0.1")]
    [InlineData("::1", "::1")]
    [InlineData("2852039166", "169.254.169.254")]
    public void Reads_every_spelling_of_an_address(string host, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), FetchGuard.ParseHost(host));

    [Theory]
    [InlineData("example.org")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("0x7f.example")]
    [InlineData("localhost")]
    public void Treats_names_as_names(string host) => Assert.Null(FetchGuard.ParseHost(host));

    [Theory]
    [InlineData("4294967296")]
    [InlineData("1.2.3.4.5")]
    [InlineData("0x100000000")]
    [InlineData("08.0.0.1")]
    [InlineData("[::ffff:127.0.0.1.1]")]
    public void Refuses_hosts_that_look_numeric_but_are_no_address(string host)
    {
        var ex = Assert.Throws<FetchFailedException>(() => FetchGuard.ParseHost(host));
        Assert.Equal(FetchFailureKind.BlockedAddress, ex.Kind);
    }
}
