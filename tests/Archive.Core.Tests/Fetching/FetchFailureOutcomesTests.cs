using Archive.Core.Capture;
using Archive.Core.Fetching;
using Archive.Core.Versions;

namespace Archive.Core.Tests.Fetching;

public sealed class FetchFailureOutcomesTests
{
    [Fact]
    public void Every_failure_kind_has_one_documented_outcome()
    {
        var outcomes = Enum.GetValues<FetchFailureKind>().Select(k => FetchFailureOutcomes.For(k).Outcome).ToList();
        Assert.Equal(outcomes.Count, outcomes.Distinct().Count());
        Assert.All(outcomes, o => Assert.False(o.IsSuccess()));
    }

    [Theory]
    [InlineData(FetchFailureKind.InvalidRedirect, "invalid-redirect", false)]
    [InlineData(FetchFailureKind.InvalidUrl, "invalid-url", false)]
    [InlineData(FetchFailureKind.InvalidResponse, "invalid-response", false)]
    [InlineData(FetchFailureKind.TruncatedBody, "truncated-body", true)]
    [InlineData(FetchFailureKind.BlockedAddress, "blocked-address", false)]
    [InlineData(FetchFailureKind.ConnectionFailed, "connection-failed", true)]
    [InlineData(FetchFailureKind.Timeout, "timeout", true)]
    [InlineData(FetchFailureKind.DnsFailure, "dns-failure", true)]
    [InlineData(FetchFailureKind.TooLarge, "too-large", false)]
    [InlineData(FetchFailureKind.TooManyRedirects, "too-many-redirects", false)]
    public void Maps_each_kind(FetchFailureKind kind, string code, bool transient)
    {
        var (outcome, isTransient) = FetchFailureOutcomes.For(kind);
        Assert.Equal(code, outcome.ToCode());
        Assert.Equal(transient, isTransient);
        Assert.Equal(outcome, CaptureOutcomes.FromCode(code));
    }
}
