using Archive.Local.Hosting;
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

    [Fact]
    public void The_runner_leases_messages_for_10_minutes_unless_told_otherwise_and_refuses_bad_overrides()
    {
        var settings = HostSettings.Load(Path.Combine(SharedAzurite.RepositoryRoot, "host.json"));
        Assert.Equal(TimeSpan.FromMinutes(10), settings.WithOverrides(_ => null).MessageLease);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.VisibilityTimeout);

        var overrides = new Dictionary<string, string?> { ["Runner:MessageLease"] = "00:00:02", ["Runner:RetryDelay"] = "00:00:00.5" };
        var changed = settings.WithOverrides(key => overrides.GetValueOrDefault(key));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(500), settings.MaxPollingInterval), (changed.MessageLease, changed.VisibilityTimeout, changed.MaxPollingInterval));
        Assert.Throws<InvalidOperationException>(() => settings.WithOverrides(key => key == "Runner:MessageLease" ? "soon" : null));
    }

    [Fact]
    public void The_poison_queue_and_the_audit_timer_have_their_doors()
    {
        var functions = FunctionCatalog.Discover(typeof(Routes).Assembly);
        Assert.Contains(functions, f => f.Name == "CaptureGaveUp" && f.Queue?.QueueName == Archive.Storage.StorageNames.CapturePoisonQueue);
        Assert.Contains(functions, f => f.Name == "FixityAuditTimer" && f.Timer?.Schedule == "%AUDIT_SCHEDULE%");
    }
}
