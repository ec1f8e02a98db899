using System.Net;
using Archive.Local;
using Archive.Core.Fetching;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Archive.Core.Tests.Fetching;

public sealed class FetchGuardTests : IAsyncLifetime
{
    private PageServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await PageServer.StartAsync();
        _server.SetHtml("/ok", "<p>ok</p>");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private int Port => _server.BaseAddress.Port;

    [Fact]
    public async Task Connects_to_the_address_it_checked_even_when_dns_answers_differently_later()
    {
        // rebind.test says 127.0.0.1 (allowed) first and 127.0.0.2 (refused) from then on. A guard that checked one
        // answer and let the socket resolve again would land on 127.0.0.2, where a listener counts connections.
        await using var other = RawListener.Start(address: IPAddress.Parse("127.0.0.2"), port: Port);
        var resolver = new FakeResolver().Sequence("rebind.test", "127.0.0.1", "127.0.0.2");
        using var harness = FetchHarness.Create(resolver, new Dictionary<string, string?> { ["Fetch:AllowedNetworks:0"] = "127.0.0.1/32" });

        var result = await harness.Fetcher.FetchAsync(new Uri($"http://rebind.test:{Port}/ok"));

        Assert.Equal(200, result.StatusCode);
        Assert.Equal(1, resolver.LookupsOf("rebind.test"));
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, Port)], harness.Dialed);
        Assert.Equal(0, other.Accepted);
    }

    [Fact]
    public async Task Checks_again_on_every_new_connection_so_a_rebound_name_is_refused()
    {
        _server.SetHandler("/close", ctx =>
        {
            ctx.Response.Headers.Connection = "close";
            return ctx.Response.WriteAsync("<p>bye</p>");
        });
        var resolver = new FakeResolver().Sequence("rebind.test", "127.0.0.1", "10.0.0.1");
        using var harness = FetchHarness.Create(resolver, FetchHarness.LoopbackAllowed());

        var first = await harness.Fetcher.FetchAsync(new Uri($"http://rebind.test:{Port}/close"));
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(new Uri($"http://rebind.test:{Port}/close")));

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(FetchFailureKind.BlockedAddress, ex.Kind);
        Assert.Equal("rebind.test resolves to 10.0.0.1, which is private (10.0.0.0/8).", ex.Message);
        Assert.False(Archive.Core.Capture.FetchFailureOutcomes.For(ex.Kind).Transient);
        Assert.Equal(1, _server.Hits("/close"));
        Assert.Equal([new IPEndPoint(IPAddress.Loopback, Port)], harness.Dialed);
    }

    [Fact]
    public async Task Refuses_loopback_by_default_and_nothing_reaches_the_server()
    {
        using var harness = FetchHarness.Create();
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(_server.Url("/ok")));
        Assert.Equal(FetchFailureKind.BlockedAddress, ex.Kind);
        Assert.Equal("127.0.0.1 is loopback.", ex.Message);
        Assert.Equal(0, _server.Hits("/ok"));
        Assert.Empty(harness.Dialed);
    }

    [Fact]
    public async Task Refuses_in_the_connect_callback_too_when_the_url_check_is_bypassed()
    {
        // Straight to the handler, without the fetcher's URL check: the socket gate alone must hold.
        using var harness = FetchHarness.Create(new FakeResolver().Map("evil.test", "169.254.169.254"));
        using var client = new HttpClient(harness.Guard.CreateHandler());

        var literal = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(_server.Url("/ok")));
        var name = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://evil.test:{Port}/ok")));

        Assert.Equal(FetchFailureKind.BlockedAddress, Assert.IsType<FetchFailedException>(literal.InnerException).Kind);
        Assert.Equal("evil.test resolves to 169.254.169.254, which is link-local (cloud metadata).", name.InnerException?.Message);
        Assert.Equal(0, _server.Hits("/ok"));
        Assert.Empty(harness.Dialed);
    }

    [Fact]
    public async Task Reports_a_name_that_does_not_resolve_as_a_dns_failure()
    {
        using var harness = FetchHarness.Create(new FakeResolver());
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(new Uri("http://nowhere.test/")));
        Assert.Equal(FetchFailureKind.DnsFailure, ex.Kind);
        Assert.True(Archive.Core.Capture.FetchFailureOutcomes.For(ex.Kind).Transient);
    }

    [Fact]
    public async Task Allowed_hosts_skip_the_address_check_for_that_name_only()
    {
        var resolver = new FakeResolver().Map("mirror.test", "127.0.0.1").Map("other.test", "127.0.0.1");
        using var harness = FetchHarness.Create(resolver, new Dictionary<string, string?> { ["Fetch:AllowedHosts:0"] = "Mirror.Test" });

        var fetched = await harness.Fetcher.FetchAsync(new Uri($"http://mirror.test:{Port}/ok"));
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(new Uri($"http://other.test:{Port}/ok")));

        Assert.Equal(200, fetched.StatusCode);
        Assert.Equal(FetchFailureKind.BlockedAddress, ex.Kind);
        Assert.Equal(1, _server.Hits("/ok"));
    }

    [Theory]
    [InlineData("not-a-network")]
    [InlineData("10.0.0.0/33")]
    [InlineData("127.0.0.1/8")]
    [InlineData("127.0.0.0")]
    [InlineData("")]
    public void A_bad_allowed_network_fails_start_with_a_clear_message(string network)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Fetch:AllowedNetworks:0"] = "127.0.0.0/8", ["Fetch:AllowedNetworks:1"] = network }));
        Assert.Contains($"Fetch:AllowedNetworks:1 is '{network}', which is not a CIDR network", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://example.org")]
    [InlineData("example.org:8080")]
    [InlineData("10.0.0.1")]
    [InlineData(" ")]
    public void A_bad_allowed_host_fails_start_with_a_clear_message(string host)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Options(new() { ["Fetch:AllowedHosts:0"] = host }));
        Assert.Contains("Fetch:AllowedHosts:0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Production_defaults_allow_no_network_and_no_host()
    {
        var options = Options([]);
        Assert.Empty(options.AllowedNetworks);
        Assert.Empty(options.AllowedHosts);
        Assert.Equal(2048, options.MaxUrlLength);
        Assert.Equal(2, options.MaxConcurrentPerHost);
    }

    [Fact]
    public void Good_allowed_networks_and_hosts_bind_and_validate()
    {
        var options = Options(new() { ["Fetch:AllowedNetworks:0"] = "127.0.0.0/8", ["Fetch:AllowedNetworks:1"] = "fd00::/8", ["Fetch:AllowedHosts:0"] = "mirror.internal" });
        Assert.Equal(["127.0.0.0/8", "fd00::/8"], options.AllowedNetworks);
        Assert.Equal(["mirror.internal"], options.AllowedHosts);
    }

    [Fact]
    public async Task A_bad_allowed_network_stops_a_host_from_starting()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Fetch:AllowedNetworks:0"] = "127.0.0.0/33" });
        builder.Services.AddArchiveCore(builder.Configuration);
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("127.0.0.0/33", ex.Message, StringComparison.Ordinal);
    }

    private static FetchOptions Options(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddArchiveCore(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<FetchOptions>>().Value;
    }
}
