using Archive.Cli.Hosting;
using Archive.Core.Capture;
using Archive.Testing;

namespace Archive.Functions.Tests;

public sealed class HostSettingsTests
{
    [Fact]
    public void Capture_attempts_match_the_queue_max_dequeue_count_in_host_json()
    {
        var settings = HostSettings.Load(Path.Combine(SharedAzurite.RepositoryRoot, "host.json"));
        Assert.Equal(new CaptureOptions().MaxAttempts, settings.MaxDequeueCount);
        Assert.Equal(string.Empty, settings.RoutePrefix);
    }

    [Fact]
    public void Every_function_can_be_hosted_by_the_local_runner()
    {
        var functions = FunctionCatalog.Discover(typeof(Routes).Assembly);
        Assert.Contains(functions, f => f.Name == "SubmitCaptures" && f.Http is not null);
        Assert.Contains(functions, f => f.Name == "CaptureArticle" && f.Queue is not null);
        Assert.All(functions.Where(f => f.Http is not null), f => Assert.False(string.IsNullOrEmpty(f.Http!.Route)));
    }
}
