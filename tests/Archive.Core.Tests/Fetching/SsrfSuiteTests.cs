using System.Net;
using Archive.Local;
using Archive.Core.Fetching;
using Microsoft.AspNetCore.Http;
using Xunit.Abstractions;

namespace Archive.Core.Tests.Fetching;

/// <summary>
/// One hostile input: a URL fetched directly, or a redirect target served by the publisher (a real server on
/// 127.0.0.1, reached as <c>publisher.test</c>, the one allowed host). <c>{page}</c> is the publisher's port (its
/// <c>/target</c> path counts hits), <c>{canary}</c> the port of a raw listener that counts connections.
/// </summary>
public sealed record SsrfCase(string Name, string Url, FetchFailureKind Kind, string Reason)
{
    /// <summary>When set, <see cref="Url"/> is where the publisher redirects (after <see cref="Via"/>, if any).</summary>
    public bool Redirect { get; init; }

    /// <summary>A first hop, on the publisher, before the hostile one.</summary>
    public bool Via { get; init; }

    /// <summary>Run with <c>Fetch:AllowedNetworks:0 = 127.0.0.0/8</c>, as the local runner does, starting from 127.0.0.1.</summary>
    public bool LoopbackAllowed { get; init; }
}

/// <summary>An input that must be fetched, under the same settings as the hostile ones.</summary>
public sealed record AllowedCase(string Name, string Url, bool LoopbackAllowed = false, string? RedirectTo = null);

public static class SsrfCases
{
    private const FetchFailureKind Blocked = FetchFailureKind.BlockedAddress;

    public static IReadOnlyList<SsrfCase> Hostile { get; } =
    [
        // Loopback, in every spelling, with a server listening there.
        new("loopback", "http://127.0.0.1:{page}/target", Blocked, "127.0.0.1 is loopback"),
        new("loopback-other", "http://127.0.0.53:{page}/target", Blocked, "127.0.0.53 is loopback"),
        new("localhost", "http://localhost:{canary}/", Blocked, "localhost resolves to 127.0.0.1, which is loopback"),
        new("sub-localhost", "http://app.localhost:{canary}/", Blocked, "loopback"),
        new("decimal", "http://2130706433:{canary}/", Blocked, "127.0.0.1 is loopback"),
        new("octal", "http://0177.0.0.1:{canary}/", Blocked, "127.0.0.1 is loopback"),
        new("hex-dotted", "http://0x7f.0.0.1:{canary}/", Blocked, "127.0.0.1 is loopback"),
        new("short", "http://127.1:{canary}/", Blocked, "127.0.0.1 is loopback"),
        new("hex-whole", "http://0x7f000001:{canary}/", Blocked, "127.0.0.1 is loopback"),
        new("trailing-dot", "http://127.0.0.1.:{canary}/", Blocked, "127.0.0.1 is loopback"),
        new("fullwidth-dots", "http://127\u30020\u30020\u30021:{canary}/", Blocked, "127.0.0.1 is loopback"),
        new("overflowing-decimal", "http://4294967296:{canary}/", Blocked, "not a valid"),
        new("ipv6-loopback", "http://[::1]:{canary}/", Blocked, "::1 is loopback"),
        new("ipv4-mapped", "http://[::ffff:127.0.0.1]:{page}/target", Blocked, "IPv4-mapped IPv6 (embeds 127.0.0.1, loopback)"),
        new("ipv4-mapped-long", "http://[0:0:0:0:0:ffff:7f00:1]:{canary}/", Blocked, "IPv4-mapped"),
        new("ipv4-compatible", "http://[::127.0.0.1]:{canary}/", Blocked, "IPv4-compatible"),
        new("unspecified", "http://0.0.0.0:{canary}/", Blocked, "0.0.0.0 is unspecified"),
        new("zero", "http://0:{canary}/", Blocked, "0.0.0.0 is unspecified"),
        new("ipv6-unspecified", "http://[::]:{canary}/", Blocked, ":: is unspecified"),
        new("userinfo-trick", "http://publisher.test@127.0.0.1:{page}/target", Blocked, "127.0.0.1 is loopback"),

        // Private, link-local and cloud metadata.
        new("private-10", "http://10.0.0.1/", Blocked, "10.0.0.1 is private"),
        new("private-172", "http://172.16.0.1/", Blocked, "172.16.0.1 is private"),
        new("private-172-top", "http://172.31.255.254/", Blocked, "is private"),
        new("private-192", "http://192.168.1.1/admin", Blocked, "192.168.1.1 is private"),
        new("metadata", "http://169.254.169.254/latest/meta-data/", Blocked, "169.254.169.254 is link-local (cloud metadata)"),
        new("metadata-decimal", "http://2852039166/latest/meta-data/", Blocked, "169.254.169.254 is link-local (cloud metadata)"),
        new("metadata-ecs", "http://169.254.170.2/v2/credentials", Blocked, "is link-local"),
        new("metadata-aws-ipv6", "http://[fd00:ec2::254]/latest/meta-data/", Blocked, "cloud metadata"),
        new("metadata-alibaba", "http://100.100.100.200/latest/meta-data/", Blocked, "cloud metadata"),
        new("azure-wireserver", "http://168.63.129.16/machine?comp=goalstate", Blocked, "WireServer"),
        new("oracle-metadata", "http://192.0.0.192/opc/v2/instance/", Blocked, "IETF protocol assignments"),
        new("cgnat", "http://100.64.0.1/", Blocked, "carrier-grade NAT"),
        new("link-local-v6", "http://[fe80::1]/", Blocked, "link-local"),
        new("link-local-v6-scoped", "http://[fe80::1%25eth0]/", Blocked, "fe80::1"),
        new("unique-local", "http://[fc00::1]/", Blocked, "unique local"),
        new("unique-local-fd", "http://[fd12:3456::1]/", Blocked, "unique local"),
        new("site-local", "http://[fec0::1]/", Blocked, "site-local"),

        // Multicast, broadcast, reserved, documentation and benchmarking ranges.
        new("multicast", "http://224.0.0.1/", Blocked, "multicast"),
        new("multicast-v6", "http://[ff02::1]/", Blocked, "multicast"),
        new("broadcast", "http://255.255.255.255/", Blocked, "broadcast"),
        new("reserved-240", "http://240.0.0.1/", Blocked, "reserved"),
        new("this-network", "http://0.1.2.3/", Blocked, "this network"),
        new("test-net-1", "http://192.0.2.1/", Blocked, "documentation"),
        new("test-net-2", "http://198.51.100.7/", Blocked, "documentation"),
        new("test-net-3", "http://203.0.113.9/", Blocked, "documentation"),
        new("benchmarking", "http://198.18.0.1/", Blocked, "benchmarking"),
        new("documentation-v6", "http://[2001:db8::1]/", Blocked, "documentation"),

        // IPv4 hidden inside IPv6.
        new("nat64-metadata", "http://[64:ff9b::a9fe:a9fe]/", Blocked, "embeds 169.254.169.254"),
        new("6to4-private", "http://[2002:a00:1::1]/", Blocked, "embedding 10.0.0.1"),
        new("teredo", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", Blocked, "Teredo"),
        new("mapped-metadata", "http://[::ffff:a9fe:a9fe]/", Blocked, "embeds 169.254.169.254"),

        // Names whose DNS answers are hostile (the fake resolver; nothing is looked up for real).
        new("name-private", "http://evil.test/", Blocked, "evil.test resolves to 10.0.0.1, which is private"),
        new("name-metadata", "http://metadata.test/latest/meta-data/", Blocked, "resolves to 169.254.169.254, which is link-local (cloud metadata)"),
        new("name-loopback", "http://loopback.test:{page}/target", Blocked, "resolves to 127.0.0.1, which is loopback"),
        new("name-v6-loopback", "http://v6loop.test:{canary}/", Blocked, "resolves to ::1, which is loopback"),
        new("name-mapped", "http://mapped.test/", Blocked, "IPv4-mapped"),
        new("name-one-bad-of-two", "http://mixed.test/", Blocked, "resolves to 10.0.0.1"),
        new("name-nat64", "http://nat64.test/", Blocked, "NAT64"),
        new("name-cgnat", "http://cgnat.test/", Blocked, "carrier-grade NAT"),

        // Schemes other than http and https.
        new("file", "file:///etc/passwd", FetchFailureKind.InvalidUrl, "'file'"),
        new("gopher", "gopher://127.0.0.1:{canary}/_GET%20/", FetchFailureKind.InvalidUrl, "'gopher'"),
        new("ftp", "ftp://127.0.0.1:{canary}/", FetchFailureKind.InvalidUrl, "'ftp'"),
        new("dict", "dict://127.0.0.1:{canary}/stats", FetchFailureKind.InvalidUrl, "'dict'"),

        // Redirects from the allowed publisher to where it must not lead.
        new("redirect-metadata", "http://169.254.169.254/latest/meta-data/", Blocked, "169.254.169.254 is link-local (cloud metadata)") { Redirect = true },
        new("redirect-mapped", "http://[::ffff:7f00:1]:{page}/target", Blocked, "IPv4-mapped") { Redirect = true },
        new("redirect-octal", "http://0177.0.0.1:{page}/target", Blocked, "127.0.0.1 is loopback") { Redirect = true },
        new("redirect-decimal", "http://2130706433:{canary}/", Blocked, "127.0.0.1 is loopback") { Redirect = true },
        new("redirect-loopback", "http://127.0.0.1:{page}/target", Blocked, "127.0.0.1 is loopback") { Redirect = true },
        new("redirect-scheme-relative", "//127.0.0.1:{page}/target", Blocked, "127.0.0.1 is loopback") { Redirect = true },
        new("redirect-localhost", "http://localhost:{canary}/", Blocked, "loopback") { Redirect = true },
        new("redirect-unspecified-v6", "http://[::]:{canary}/", Blocked, "unspecified") { Redirect = true },
        new("redirect-name-private", "http://evil.test/", Blocked, "10.0.0.1, which is private") { Redirect = true },
        new("redirect-name-metadata", "http://metadata.test/latest/meta-data/", Blocked, "cloud metadata") { Redirect = true },
        new("redirect-aws-ipv6", "http://[fd00:ec2::254]/latest/meta-data/", Blocked, "cloud metadata") { Redirect = true },
        new("redirect-alibaba", "http://100.100.100.200/latest/meta-data/", Blocked, "cloud metadata") { Redirect = true },
        new("redirect-after-a-hop", "http://[::1]:{canary}/", Blocked, "::1 is loopback") { Redirect = true, Via = true },
        new("redirect-file", "file:///etc/passwd", FetchFailureKind.InvalidRedirect, "'file'") { Redirect = true },
        new("redirect-gopher", "gopher://127.0.0.1:{canary}/_GET%20/", FetchFailureKind.InvalidRedirect, "'gopher'") { Redirect = true },
        new("redirect-dict", "dict://127.0.0.1:{canary}/", FetchFailureKind.InvalidRedirect, "'dict'") { Redirect = true },
        new("redirect-data", "data:text/html,hello", FetchFailureKind.InvalidRedirect, "'data'") { Redirect = true },
        new("redirect-javascript", "javascript:alert(1)", FetchFailureKind.InvalidRedirect, "'javascript'") { Redirect = true },

        // With loopback allowed (the local runner's setting), what still must not pass.
        new("allowed-v4-mapped", "http://[::ffff:127.0.0.1]:{page}/target", Blocked, "IPv4-mapped") { LoopbackAllowed = true },
        new("allowed-v4-ipv6-loopback", "http://[::1]:{canary}/", Blocked, "::1 is loopback") { LoopbackAllowed = true },
        new("allowed-v4-private", "http://10.0.0.1/", Blocked, "private") { LoopbackAllowed = true },
        new("allowed-v4-redirect-mapped", "http://[::ffff:7f00:1]:{page}/target", Blocked, "IPv4-mapped") { LoopbackAllowed = true, Redirect = true },
        new("allowed-v4-redirect-mapped-long", "http://[0:0:0:0:0:ffff:7f00:1]:{page}/target", Blocked, "IPv4-mapped") { LoopbackAllowed = true, Redirect = true },
        new("allowed-v4-redirect-metadata", "http://169.254.169.254/latest/meta-data/", Blocked, "cloud metadata") { LoopbackAllowed = true, Redirect = true },
    ];

    public static IReadOnlyList<AllowedCase> Allowed { get; } =
    [
        new("allowed-host", "http://publisher.test:{page}/ok"),
        new("allowed-host-spelled-odd", "http://PUBLISHER.TEST.:{page}/ok"),
        new("allowed-host-redirect", "http://publisher.test:{page}/ok-redirect", RedirectTo: "/ok"),
        new("loopback-literal", "http://127.0.0.1:{page}/ok", LoopbackAllowed: true),
        new("loopback-localhost", "http://localhost:{page}/ok", LoopbackAllowed: true),
        new("loopback-decimal", "http://2130706433:{page}/ok", LoopbackAllowed: true),
        new("loopback-name", "http://loopback.test:{page}/ok", LoopbackAllowed: true),
        new("loopback-redirect-to-localhost", "http://127.0.0.1:{page}/ok-to-localhost", LoopbackAllowed: true, RedirectTo: "http://localhost:{page}/ok"),
    ];

    public static TheoryData<string> HostileNames => [.. Hostile.Select(c => c.Name)];

    public static TheoryData<string> AllowedNames => [.. Allowed.Select(c => c.Name)];
}

/// <summary>The publisher (a real server on 127.0.0.1), a canary listener, and the fake DNS, shared by the suite.</summary>
public sealed class SsrfServers : IAsyncLifetime
{
    public PageServer Publisher { get; private set; } = null!;

    internal RawListener Canary { get; private set; } = null!;

    public int PagePort => Publisher.BaseAddress.Port;

    public async Task InitializeAsync()
    {
        Publisher = await PageServer.StartAsync();
        Canary = RawListener.Start();
        Publisher.SetHtml("/ok", "<p>fine</p>");
        Publisher.SetHandler("/target", ctx => ctx.Response.WriteAsync("secret"));
        foreach (var c in SsrfCases.Hostile.Where(c => c.Redirect))
        {
            var target = Expand(c.Url);
            Publisher.SetHandler($"/r/{c.Name}", ctx => Redirect(ctx, c.Via ? $"/via/{c.Name}" : target));
            Publisher.SetHandler($"/via/{c.Name}", ctx => Redirect(ctx, target));
        }

        foreach (var c in SsrfCases.Allowed.Where(c => c.RedirectTo is not null))
        {
            var target = Expand(c.RedirectTo!);
            Publisher.SetHandler(new Uri(Expand(c.Url)).AbsolutePath, ctx => Redirect(ctx, target));
        }
    }

    public string Expand(string template) => template
        .Replace("{page}", PagePort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{canary}", Canary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    internal static FakeResolver Dns() => new FakeResolver()
        .Map("publisher.test", "127.0.0.1")
        .Map("evil.test", "10.0.0.1")
        .Map("metadata.test", "169.254.169.254")
        .Map("loopback.test", "127.0.0.1")
        .Map("v6loop.test", "::1")
        .Map("mapped.test", "::ffff:169.254.169.254")
        .Map("mixed.test", "1.1.1.1", "10.0.0.1")
        .Map("nat64.test", "64:ff9b::a00:1")
        .Map("cgnat.test", "100.64.0.7");

    internal static Dictionary<string, string?> Settings(bool loopbackAllowed)
    {
        var settings = new Dictionary<string, string?> { ["Fetch:AllowedHosts:0"] = "publisher.test" };
        return loopbackAllowed ? FetchHarness.LoopbackAllowed(settings) : settings;
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Canary.DisposeAsync();
        await Publisher.DisposeAsync();
    }
}

public sealed class SsrfSuiteTests(SsrfServers servers, ITestOutputHelper output) : IClassFixture<SsrfServers>
{
    [Theory]
    [MemberData(nameof(SsrfCases.HostileNames), MemberType = typeof(SsrfCases))]
    public async Task Refuses(string name)
    {
        var failure = await RunAsync(SsrfCases.Hostile.Single(c => c.Name == name));
        Assert.True(failure is null, failure);
    }

    [Theory]
    [MemberData(nameof(SsrfCases.AllowedNames), MemberType = typeof(SsrfCases))]
    public async Task Fetches(string name)
    {
        var c = SsrfCases.Allowed.Single(c => c.Name == name);
        using var harness = FetchHarness.Create(SsrfServers.Dns(), SsrfServers.Settings(c.LoopbackAllowed));
        var result = await harness.Fetcher.FetchAsync(new Uri(servers.Expand(c.Url)));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal("<p>fine</p>"u8.ToArray(), result.Body);
        Assert.All(harness.Dialed, e => Assert.Equal(new IPEndPoint(IPAddress.Loopback, servers.PagePort), e));
        Assert.NotEmpty(harness.Dialed);
    }

    [Fact]
    public async Task Refuses_every_hostile_input_before_connecting()
    {
        var failures = new List<string>();
        foreach (var c in SsrfCases.Hostile)
        {
            if (await RunAsync(c) is { } failure)
            {
                failures.Add(failure);
            }
        }

        var tried = SsrfCases.Hostile.Count;
        var refused = tried - failures.Count;
        output.WriteLine($"SSRF suite: {tried} hostile inputs tried ({SsrfCases.Hostile.Count(c => c.Redirect)} of them redirects), {refused} refused; " +
            $"{SsrfCases.Allowed.Count} allowed inputs checked separately.");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(tried >= 40);
    }

    /// <summary>Runs one hostile case; null when it was refused as expected and nothing reached a server.</summary>
    private async Task<string?> RunAsync(SsrfCase c)
    {
        var resolver = SsrfServers.Dns();
        using var harness = FetchHarness.Create(resolver, SsrfServers.Settings(c.LoopbackAllowed));
        var start = c.Redirect
            ? new Uri((c.LoopbackAllowed ? $"http://127.0.0.1:{servers.PagePort}" : $"http://publisher.test:{servers.PagePort}") + $"/r/{c.Name}")
            : new Uri(servers.Expand(c.Url));
        var publisherHits = servers.Publisher.Hits($"/r/{c.Name}");

        FetchFailedException? refusal = null;
        try
        {
            var result = await harness.Fetcher.FetchAsync(start);
            return $"{c.Name}: fetched ({result.StatusCode} from {result.FinalUrl}) instead of being refused.";
        }
        catch (FetchFailedException ex)
        {
            refusal = ex;
        }

        var problems = new List<string>();
        if (refusal.Kind != c.Kind)
        {
            problems.Add($"kind {refusal.Kind}, expected {c.Kind}");
        }

        if (!refusal.Message.Contains(c.Reason, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"reason \"{refusal.Message}\" does not say \"{c.Reason}\"");
        }

        if (servers.Publisher.Hits("/target") != 0)
        {
            problems.Add("the server's /target was reached");
        }

        if (servers.Canary.Accepted != 0)
        {
            problems.Add("the canary listener accepted a connection");
        }

        var publisher = new IPEndPoint(IPAddress.Loopback, servers.PagePort);
        if (c.Redirect)
        {
            // The only connection allowed is the one to the publisher that served the redirect.
            if (servers.Publisher.Hits($"/r/{c.Name}") != publisherHits + 1 || harness.Dialed.Any(e => !e.Equals(publisher)))
            {
                problems.Add($"dialled {string.Join(", ", harness.Dialed)}; expected the publisher only");
            }
        }
        else if (!harness.Dialed.IsEmpty)
        {
            problems.Add($"dialled {string.Join(", ", harness.Dialed)}");
        }

        if (resolver.Lookups.Any(h => h is not ("publisher.test" or "evil.test" or "metadata.test" or "loopback.test" or "v6loop.test" or "mapped.test" or "mixed.test" or "nat64.test" or "cgnat.test")))
        {
            problems.Add($"asked DNS about {string.Join(", ", resolver.Lookups)}");
        }

        return problems.Count == 0 ? null : $"{c.Name} ({start}): {string.Join("; ", problems)}";
    }
}
