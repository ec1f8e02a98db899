using Archive.Core.Recheck;

namespace Archive.Core.Tests.Recheck;

public sealed class RecheckCadenceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 15)]
    [InlineData(179, 15)]
    [InlineData(181, 60)]
    [InlineData(23 * 60, 60)]
    [InlineData(2 * 24 * 60, 3 * 60)]
    [InlineData(10 * 24 * 60, 3 * 24 * 60)]
    [InlineData(100 * 24 * 60, 30 * 24 * 60)]
    public void Checks_often_while_young_and_rarely_when_old(int quietMinutes, int intervalMinutes)
    {
        var next = RecheckCadence.NextCheck(RecheckOptions.DefaultCadence, Now - TimeSpan.FromMinutes(quietMinutes), Now);
        Assert.Equal(Now + TimeSpan.FromMinutes(intervalMinutes), next);
    }

    [Fact]
    public void Stops_after_a_year_of_quiet() =>
        Assert.Null(RecheckCadence.NextCheck(RecheckOptions.DefaultCadence, Now - TimeSpan.FromDays(366), Now));

    [Fact]
    public void Takes_a_configured_cadence()
    {
        var options = new RecheckOptions { Cadence = [new CadenceStep { QuietFor = TimeSpan.FromHours(1), Interval = TimeSpan.FromMinutes(1) }] };
        Assert.Equal(Now.AddMinutes(1), RecheckCadence.NextCheck(options.Steps, Now.AddMinutes(-30), Now));
        Assert.Null(RecheckCadence.NextCheck(options.Steps, Now.AddHours(-2), Now));
    }

    [Fact]
    public void Refuses_a_cadence_that_does_not_grow()
    {
        var options = new RecheckOptions
        {
            Cadence =
            [
                new CadenceStep { QuietFor = TimeSpan.FromHours(2), Interval = TimeSpan.FromMinutes(1) },
                new CadenceStep { QuietFor = TimeSpan.FromHours(1), Interval = TimeSpan.FromMinutes(5) },
            ],
        };
        Assert.NotEmpty(options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)));
    }
}
