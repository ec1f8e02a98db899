using Archive.Core.Provenance;
using Archive.Local.Hosting;
using Microsoft.Extensions.Configuration;

namespace Archive.Functions.Tests.Provenance;

/// <summary>The anchor timer's door and schedule, and the authority's setting as the app reads it.</summary>
public sealed class AnchorSettingsTests
{
    [Fact]
    public void The_anchor_timer_has_its_door_and_the_local_runner_a_default_schedule()
    {
        var timer = Assert.Single(FunctionCatalog.Discover(typeof(Routes).Assembly), f => f.Name == "AnchorTimer");
        Assert.Equal("%ANCHOR_SCHEDULE%", timer.Timer?.Schedule);
        Assert.Equal("0 */10 * * * *", TimerTriggerListener.ResolveSchedule(timer, new ConfigurationBuilder().Build()));
        var set = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ANCHOR_SCHEDULE"] = "0 * * * * *" }).Build();
        Assert.Equal("0 * * * * *", TimerTriggerListener.ResolveSchedule(timer, set));
    }

    [Fact]
    public async Task The_catch_up_timer_has_its_door_the_local_runner_a_daily_schedule_and_the_local_authority_keeps_it_quiet()
    {
        var timer = Assert.Single(FunctionCatalog.Discover(typeof(Routes).Assembly), f => f.Name == "AnchorSweepTimer");
        Assert.Equal("%ANCHOR_SWEEP_SCHEDULE%", timer.Timer?.Schedule);
        Assert.Equal("0 45 3 * * *", TimerTriggerListener.ResolveSchedule(timer, new ConfigurationBuilder().Build()));
        await using var authority = await Archive.Local.LocalTimestampAuthority.StartAsync();
        var quiet = new ConfigurationBuilder().AddInMemoryCollection(authority.AppSettings).Build();
        Assert.Equal("0 0 0 1 * *", TimerTriggerListener.ResolveSchedule(timer, quiet));
    }

    [Theory]
    [InlineData("", true, false)]
    [InlineData("http://127.0.0.1:8318/tsa", true, true)]
    [InlineData("ftp://tsa.example/", false, true)]
    public void An_authority_setting_left_empty_means_none_and_only_http_urls_are_accepted(string value, bool valid, bool configured)
    {
        var options = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Provenance:TimestampAuthorityUrl"] = value })
            .Build()
            .GetSection(ProvenanceOptions.Section)
            .Get<ProvenanceOptions>() ?? new ProvenanceOptions();
        Assert.Equal(valid, !options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Any());
        Assert.Equal(configured, options.Authority is not null);
    }
}
