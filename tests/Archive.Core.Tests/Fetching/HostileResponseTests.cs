using Archive.Core.Capture;
using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Local.Hostile;

namespace Archive.Core.Tests.Fetching;

/// <summary>
/// Every hostile publisher case against the real fetcher: each fetch ends in its own failure kind with a reason that
/// says what happened in printable text (never an exception of another type), and nothing but the publisher is dialled.
/// </summary>
public sealed class HostileResponseTests : IAsyncLifetime
{
    private HostilePublisher _publisher = null!;

    public Task InitializeAsync()
    {
        _publisher = HostilePublisher.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _publisher.DisposeAsync();

    public static TheoryData<string> Cases() => [.. HostileCases.All.Select(c => c.Name)];

    private static FetchHarness Harness() => FetchHarness.Create(settings: FetchHarness.LoopbackAllowed(new()
    {
        ["Fetch:TotalTimeout"] = "00:00:03",
        ["Fetch:HeadersTimeout"] = "00:00:01",
        ["Fetch:MaxResponseBytes"] = "4194304",
    }));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_case_ends_in_its_own_failure_with_a_true_printable_reason(string name)
    {
        var hostile = HostileCases.All.Single(c => c.Name == name);
        using var harness = Harness();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        FetchResult? result = null;
        FetchFailedException? failure = null;
        try
        {
            result = await harness.Fetcher.FetchAsync(_publisher.Url(hostile));
        }
        catch (FetchFailedException ex)
        {
            failure = ex;
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), "The fetch outlived its time limits.");
        Assert.All(harness.Dialed, e => Assert.Equal(_publisher.Port, e.Port));
        if (hostile.Kind is { } kind)
        {
            Assert.NotNull(failure);
            Assert.Equal(kind, failure.Kind);
            Assert.Equal(hostile.Outcome, FetchFailureOutcomes.For(kind).Outcome);
            Assert.Contains(hostile.ReasonSays, failure.Message, StringComparison.Ordinal);
            // Reasons quote what a server sent only as printable text: no control characters, no raw bytes.
            Assert.True(failure.Message.All(c => !char.IsControl(c) && c is not ('\u00FF' or '\u00FE' or '\uFFFD')), $"Not printable: {failure.Message}");
            Assert.DoesNotContain("<script>", failure.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(failure);
            Assert.True(result!.ReasonPhrase is null || result.ReasonPhrase.All(c => c is >= ' ' and <= '~'), result.ReasonPhrase);
            var extraction = new HtmlArticleExtractor().Extract(new HtmlSource(result.Body, result.ContentType, result.FinalUrl));
            Assert.NotNull(extraction.Text);
        }
    }

    [Fact]
    public async Task A_redirect_refused_as_ambiguous_dials_nothing_but_the_page_that_sent_it()
    {
        using var harness = Harness();
        var ex = await Assert.ThrowsAsync<FetchFailedException>(() => harness.Fetcher.FetchAsync(_publisher.Url(HostileCases.All.Single(c => c.Name == "redirect-backslash-userinfo"))));
        Assert.Equal(FetchFailureKind.InvalidRedirect, ex.Kind);
        Assert.Single(harness.Dialed);
        Assert.StartsWith("Refused the 302 Found redirect from 127.0.0.1:", ex.Message, StringComparison.Ordinal);
    }
}

public sealed class AddressReasonTests
{
    [Theory]
    [InlineData("http://[::1%25lo]/", "::1 is loopback.")]
    [InlineData("http://[fe80::1%25eth0]:8080/", "fe80::1 is link-local (fe80::/10).")]
    [InlineData("http://[::1]/", "::1 is loopback.")]
    public void An_ipv6_zone_does_not_change_the_address_or_its_reason(string url, string reason)
    {
        using var harness = FetchHarness.Create();
        var ex = Assert.Throws<FetchFailedException>(() => harness.Guard.CheckUrl(new Uri(url)));
        Assert.Equal(FetchFailureKind.BlockedAddress, ex.Kind);
        Assert.Equal(reason, ex.Message);
    }
}
