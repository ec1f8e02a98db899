using Archive.Local;
using Archive.Testing;

namespace Archive.Functions.Tests.Faults;

/// <summary>
/// A seed article on a page server that holds each response until the test releases it, so a capture can be caught
/// in flight: <see cref="Hit"/> completes when the first request arrives.
/// </summary>
public sealed class StalledPage
{
    private readonly TaskCompletionSource _hit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan? _stallFor;
    private int _requests;

    public StalledPage(PageServer pages, string path, TimeSpan? stallFor = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        _stallFor = stallFor;
        var body = File.ReadAllBytes(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024.html"));
        Url = pages.Url(path);
        pages.SetHandler(path, async context =>
        {
            Interlocked.Increment(ref _requests);
            _hit.TrySetResult();
            if (_stallFor is { } delay)
            {
                await Task.Delay(delay);
            }
            else
            {
                await _release.Task.WaitAsync(TimeSpan.FromSeconds(60));
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(body);
        });
    }

    public Uri Url { get; }

    /// <summary>Requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Completes when the first request has arrived (the capture is in flight).</summary>
    public Task Hit => _hit.Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Lets every held response, and every later one, through.</summary>
    public void Release() => _release.TrySetResult();
}
