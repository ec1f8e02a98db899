using Archive.Core.Fixity;
using Archive.Core.Provenance;
using Archive.Core.Recheck;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NCrontab;

namespace Archive.Local.Hosting;

/// <summary>
/// Runs one timer function on its NCRONTAB schedule (six fields, with seconds, as the Functions host reads them),
/// resolving <c>%SETTING%</c> schedules from configuration like the host does.
/// </summary>
public sealed partial class TimerTriggerListener(
    IServiceProvider services,
    FunctionDescriptor function,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<TimerTriggerListener> logger) : BackgroundService
{
    /// <summary>The schedule in effect.</summary>
    public CrontabSchedule Schedule { get; } = Parse(ResolveSchedule(function, configuration));

    /// <summary>Reads a schedule, with or without seconds.</summary>
    public static CrontabSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        return CrontabSchedule.Parse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 });
    }

    /// <summary>The schedule expression of <paramref name="function"/>, with a <c>%SETTING%</c> resolved.</summary>
    public static string ResolveSchedule(FunctionDescriptor function, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(configuration);
        var schedule = function.Timer!.Schedule;
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var setting = schedule[1..^1];
            schedule = configuration[setting] is { Length: > 0 } value ? value
                : setting == RecheckOptions.ScheduleSetting ? RecheckOptions.DefaultSchedule
                : setting == FixityAuditor.ScheduleSetting ? FixityAuditor.DefaultSchedule
                : setting == ProvenanceOptions.ScheduleSetting ? ProvenanceOptions.DefaultSchedule
                : setting == ProvenanceOptions.SweepScheduleSetting ? ProvenanceOptions.DefaultSweepSchedule
                : throw new InvalidOperationException($"Timer function {function.Name} needs the setting {setting}.");
        }

        return schedule;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = time.GetUtcNow();
        if (function.Timer!.RunOnStartup)
        {
            await RunOnceAsync(last, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var next = new DateTimeOffset(Schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime), TimeSpan.Zero);
            var delay = next - time.GetUtcNow();
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            await RunOnceAsync(last, stoppingToken).ConfigureAwait(false);
            last = next;
        }
    }

    private async Task RunOnceAsync(DateTimeOffset last, CancellationToken stoppingToken)
    {
        var info = new TimerInfo { IsPastDue = false, ScheduleStatus = new ScheduleStatus { Last = last.UtcDateTime, Next = Schedule.GetNextOccurrence(time.GetUtcNow().UtcDateTime), LastUpdated = time.GetUtcNow().UtcDateTime } };
        try
        {
            await FunctionInvoker.InvokeAsync(services, function, info, new Dictionary<string, string?>(), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
#pragma warning disable CA1031 // Like the Functions host, a failed timer run is logged and the schedule goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, function.Name, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer function {Function} failed")]
    private static partial void LogFailed(ILogger logger, string function, Exception exception);
}
