using System.Threading.Channels;
using Archive.Core.Urls;

namespace Archive.Core.Versions;

/// <summary>
/// In-process notices that an article's check was committed, so a request waiting for it answers at once instead of
/// reading storage again and again. Only this process's commits are heard; a waiter still re-reads now and then for
/// checks made by other instances.
/// </summary>
public sealed class CheckSignals
{
    private readonly Lock _gate = new();
    private readonly Dictionary<ArticleId, List<Channel<ArticleHead>>> _listeners = [];

    /// <summary>Starts listening for commits of <paramref name="id"/>; dispose the listener to stop.</summary>
    public CheckListener Listen(ArticleId id)
    {
        var channel = Channel.CreateBounded<ArticleHead>(new BoundedChannelOptions(8) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            if (!_listeners.TryGetValue(id, out var list))
            {
                _listeners[id] = list = [];
            }

            list.Add(channel);
        }

        return new CheckListener(channel, () => Remove(id, channel));
    }

    /// <summary>Tells every listener of the article that a check committed, leaving the head as given.</summary>
    public void Publish(ArticleHead head)
    {
        ArgumentNullException.ThrowIfNull(head);
        lock (_gate)
        {
            if (_listeners.TryGetValue(head.Id, out var list))
            {
                foreach (var channel in list)
                {
                    channel.Writer.TryWrite(head);
                }
            }
        }
    }

    private void Remove(ArticleId id, Channel<ArticleHead> channel)
    {
        lock (_gate)
        {
            if (_listeners.TryGetValue(id, out var list) && list.Remove(channel) && list.Count == 0)
            {
                _listeners.Remove(id);
            }
        }
    }
}

/// <summary>Listens for the commits of one article.</summary>
public sealed class CheckListener : IDisposable
{
    private readonly Channel<ArticleHead> _channel;
    private readonly Action _stop;

    internal CheckListener(Channel<ArticleHead> channel, Action stop) => (_channel, _stop) = (channel, stop);

    /// <summary>The head left by the next commit heard within <paramref name="wait"/>, or null when none was.</summary>
    public async Task<ArticleHead?> NextAsync(TimeSpan wait, TimeProvider time, CancellationToken cancellationToken = default)
    {
        using var timeout = new CancellationTokenSource(wait, time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            return await _channel.Reader.ReadAsync(both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stop();
}
