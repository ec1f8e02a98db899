using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Archive.Core.Fetching;

/// <summary>
/// Fetches one page. Redirects are followed here rather than by the handler so every hop is recorded and checked by
/// the <see cref="FetchGuard"/> before it is followed; the handler's connect callback checks again, at the socket.
/// Each request waits for a turn at its host (<see cref="HostConcurrencyLimiter"/>); the body is read with a hard cap
/// counted after decompression.
/// </summary>
public sealed class PageFetcher
{
    private readonly HttpClient _client;
    private readonly FetchOptions _options;
    private readonly TimeProvider _time;
    private readonly FetchGuard _guard;
    private readonly HostConcurrencyLimiter _hosts;

    /// <summary>
    /// Creates the fetcher over a client whose handler does not follow redirects and connects through
    /// <see cref="FetchGuard.ConnectAsync"/> (as <see cref="FetchGuard.CreateHandler"/> builds it).
    /// </summary>
    public PageFetcher(HttpClient client, IOptions<FetchOptions> options, TimeProvider time, FetchGuard guard, HostConcurrencyLimiter hosts)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _client = client;
        _options = options.Value;
        _time = time;
        _guard = guard;
        _hosts = hosts;
        // The fetcher enforces its own time limits; the client's own timeout would only hide which one ran out.
        _client.Timeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>Fetches <paramref name="url"/>, following redirects, optionally conditionally.</summary>
    /// <exception cref="FetchFailedException">No response could be kept.</exception>
    public async Task<FetchResult> FetchAsync(Uri url, ConditionalRequest? conditional = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var started = _time.GetUtcNow();
        using var total = new CancellationTokenSource(_options.TotalTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        var hops = new List<RedirectHop>();
        var visited = new HashSet<string>(StringComparer.Ordinal) { url.AbsoluteUri };
        var current = url;
        try
        {
            while (true)
            {
                _guard.CheckUrl(current, isRedirect: hops.Count > 0);
                using var turn = await _hosts.AcquireAsync(current.IdnHost, linked.Token).ConfigureAwait(false);
                using var request = new HttpRequestMessage(HttpMethod.Get, current);
                request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
                request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8");
                request.Headers.TryAddWithoutValidation("Accept-Language", "*");
                if (conditional is { HasValidators: true } && hops.Count == 0)
                {
                    if (!string.IsNullOrEmpty(conditional.ETag))
                    {
                        request.Headers.TryAddWithoutValidation("If-None-Match", conditional.ETag);
                    }

                    if (!string.IsNullOrEmpty(conditional.LastModified))
                    {
                        request.Headers.TryAddWithoutValidation("If-Modified-Since", conditional.LastModified);
                    }
                }

                using var headersTimeout = new CancellationTokenSource(_options.HeadersTimeout, _time);
                using var requestToken = CancellationTokenSource.CreateLinkedTokenSource(linked.Token, headersTimeout.Token);
                HttpResponseMessage response;
                try
                {
                    response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, requestToken.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (headersTimeout.IsCancellationRequested && !linked.IsCancellationRequested)
                {
                    throw new FetchFailedException(FetchFailureKind.Timeout, $"No response headers from {current.Host} within {_options.HeadersTimeout.TotalSeconds:0.#} s.");
                }

                using (response)
                {
                    if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location)
                    {
                        var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                        hops.Add(new RedirectHop(current, (int)response.StatusCode, next));
                        if (hops.Count > _options.MaxRedirects)
                        {
                            throw new FetchFailedException(FetchFailureKind.TooManyRedirects, $"More than {_options.MaxRedirects} redirects.");
                        }

                        if (!visited.Add(next.AbsoluteUri))
                        {
                            throw new FetchFailedException(FetchFailureKind.TooManyRedirects, $"Redirect loop: {next.AbsoluteUri} was already visited.");
                        }

                        current = next;
                        continue;
                    }

                    var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
                    var contentType = response.Content.Headers.ContentType;
                    return new FetchResult
                    {
                        RequestedUrl = url,
                        FinalUrl = current,
                        Redirects = hops,
                        StartedAt = started,
                        CompletedAt = _time.GetUtcNow(),
                        StatusCode = (int)response.StatusCode,
                        ReasonPhrase = response.ReasonPhrase,
                        HttpVersion = response.Version.ToString(),
                        Headers = CollectHeaders(response),
                        ContentType = contentType?.ToString(),
                        MediaType = contentType?.MediaType?.ToLowerInvariant(),
                        Charset = contentType?.CharSet?.Trim('"'),
                        Body = body,
                    };
                }
            }
        }
        catch (OperationCanceledException) when (total.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException(FetchFailureKind.Timeout, $"The fetch took longer than {_options.TotalTimeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException ex)
        {
            throw Classify(ex, current);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit && response.Content.Headers.ContentEncoding.Count == 0)
        {
            throw new FetchFailedException(FetchFailureKind.TooLarge, $"The response declares {declared} bytes; the limit is {limit}.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new FetchFailedException(FetchFailureKind.TooLarge, $"The response is larger than {limit} bytes (counted after decompression).");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static List<HeaderField> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new List<HeaderField>();
        Add(response.Headers.NonValidated);
        Add(response.Content.Headers.NonValidated);
        return headers;

        void Add(HttpHeadersNonValidated collection)
        {
            foreach (var (name, values) in collection)
            {
                foreach (var value in values)
                {
                    headers.Add(new HeaderField(name, value));
                }
            }
        }
    }

    private static FetchFailedException Classify(HttpRequestException ex, Uri url)
    {
        // The guard's refusals come out of the connect callback wrapped by the handler.
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is FetchFailedException refusal)
            {
                return refusal;
            }
        }

        if (ex.HttpRequestError == HttpRequestError.NameResolutionError ||
            ex.InnerException is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain })
        {
            return new FetchFailedException(FetchFailureKind.DnsFailure, $"The host {url.Host} could not be resolved.", ex);
        }

        if (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            return new FetchFailedException(FetchFailureKind.TooLarge, "The response headers are larger than allowed.", ex);
        }

        return new FetchFailedException(FetchFailureKind.ConnectionFailed, $"Could not fetch {url.Host}: {ex.Message}", ex);
    }
}
