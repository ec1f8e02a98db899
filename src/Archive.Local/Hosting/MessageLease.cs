using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Archive.Local.Hosting;

/// <summary>
/// Keeps a received queue message invisible while its function runs, as the Functions host does: every half lease
/// the message's visibility is extended by a whole lease. Each extension gives a new pop receipt, which settling the
/// message must use. If the runner dies, renewals stop and the message comes back when the lease runs out.
/// </summary>
public sealed class MessageLease(QueueClient queue, QueueMessage message, TimeSpan length)
{
    private readonly CancellationTokenSource _stop = new();
    private string _popReceipt = message.PopReceipt;

    /// <summary>The receipt to settle the message with.</summary>
    public string PopReceipt => Volatile.Read(ref _popReceipt);

    /// <summary>How many times the lease was extended.</summary>
    public int Renewals { get; private set; }

    /// <summary>Renews the lease until <see cref="StopAsync"/> is called or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RenewUntilAsync(CancellationToken cancellationToken)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        var every = length / 2;
        while (true)
        {
            try
            {
                await Task.Delay(every, both.Token).ConfigureAwait(false);
                var receipt = await queue.UpdateMessageAsync(message.MessageId, PopReceipt, visibilityTimeout: length, cancellationToken: both.Token).ConfigureAwait(false);
                Volatile.Write(ref _popReceipt, receipt.Value.PopReceipt);
                Renewals++;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (ex is RequestFailedException or AggregateException)
            {
                // Storage is out of reach or the message is gone: try again next time; if the lease runs out meanwhile,
                // the message is delivered again, which captures tolerate.
            }
        }
    }

    /// <summary>Stops renewing and waits for a renewal in flight, so <see cref="PopReceipt"/> is final.</summary>
    public async Task StopAsync(Task renewing)
    {
        ArgumentNullException.ThrowIfNull(renewing);
        await _stop.CancelAsync().ConfigureAwait(false);
        await renewing.ConfigureAwait(false);
        _stop.Dispose();
    }
}
