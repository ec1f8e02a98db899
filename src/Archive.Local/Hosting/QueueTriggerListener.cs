using Archive.Storage;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Archive.Local.Hosting;

/// <summary>
/// Polls one queue and runs its function for each message, the way the Functions host does: fetch a batch
/// (host.json's batchSize) and fetch the next one as soon as the messages in flight are down to newBatchThreshold, so
/// one slow message never holds the others; keep each message invisible while its function runs (the lease is renewed
/// at half its length); delete on success; on failure make it visible again after host.json's visibilityTimeout;
/// after maxDequeueCount deliveries move it to the <c>-poison</c> queue.
/// </summary>
public sealed partial class QueueTriggerListener(
    IServiceProvider services,
    FunctionDescriptor function,
    QueueServiceClient queues,
    ResolvedStorageNames names,
    HostSettings settings,
    ILogger<QueueTriggerListener> logger) : BackgroundService
{
    // Released each time a message is settled (never disposed: a message may finish after the host stops waiting).
    private readonly SemaphoreSlim _finished = new(0);
    private int _inFlight;

    /// <summary>Messages being processed right now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The function this listener runs.</summary>
    public FunctionDescriptor Function => function;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queueName = names.Resolve(function.Queue!.QueueName);
        var queue = queues.GetQueueClient(queueName);
        var poison = queues.GetQueueClient(queueName + "-poison");
        await queue.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        await poison.CreateIfNotExistsAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
        var idle = TimeSpan.FromMilliseconds(100);
        var running = new HashSet<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (InFlight > settings.NewBatchThreshold)
                {
                    await _finished.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(Math.Min(settings.BatchSize, 32), settings.MessageLease, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException)
            {
                LogPollFailed(logger, queueName, ex.Message);
                await Task.Delay(settings.MaxPollingInterval, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (messages.Length == 0)
            {
                await IdleAsync(idle, stoppingToken).ConfigureAwait(false);
                idle = TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            idle = TimeSpan.FromMilliseconds(100);
            lock (running)
            {
                foreach (var message in messages)
                {
                    var task = ProcessAsync(queue, poison, message, stoppingToken);
                    running.Add(task);
                    _ = task.ContinueWith(t => { lock (running) { running.Remove(t); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }
            }
        }

        Task[] left;
        lock (running)
        {
            left = [.. running];
        }

        await Task.WhenAll(left).ConfigureAwait(false);
    }

    // An empty queue is polled less and less often, up to maxPollingInterval.
    private static async Task IdleAsync(TimeSpan idle, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(idle, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the loop ends.
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stoppingToken)
    {
        Interlocked.Increment(ref _inFlight);
        var lease = new MessageLease(queue, message, settings.MessageLease);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(settings.FunctionTimeout);
            Exception? failure = null;
            var renewing = lease.RenewUntilAsync(timeout.Token);
            try
            {
                await FunctionInvoker.InvokeAsync(services, function, message, new Dictionary<string, string?>(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                failure = ex;
            }
            finally
            {
                await lease.StopAsync(renewing).ConfigureAwait(false);
            }

            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                LogPoisoned(logger, function.Name, message.MessageId, message.DequeueCount, failure.Message);
                await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                await queue.DeleteMessageAsync(message.MessageId, lease.PopReceipt, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                LogFailed(logger, function.Name, message.MessageId, message.DequeueCount, failure.Message);
                await queue.UpdateMessageAsync(message.MessageId, lease.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the message's lease runs out and it is delivered again, as in Azure.
        }
        catch (Exception ex) when (ex is RequestFailedException or AggregateException)
        {
            // The message could not be settled; its lease runs out and it is delivered again, as in Azure.
            LogSettleFailed(logger, function.Name, message.MessageId, ex.Message);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            _finished.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling queue {Queue} failed: {Error}")]
    private static partial void LogPollFailed(ILogger logger, string queue, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} failed on message {MessageId} (delivery {DequeueCount}); it will be retried: {Error}")]
    private static partial void LogFailed(ILogger logger, string function, string messageId, long dequeueCount, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Function} failed on message {MessageId} for the {DequeueCount}th time; moved to the poison queue: {Error}")]
    private static partial void LogPoisoned(ILogger logger, string function, string messageId, long dequeueCount, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Function} could not settle message {MessageId}: {Error}")]
    private static partial void LogSettleFailed(ILogger logger, string function, string messageId, string error);
}
