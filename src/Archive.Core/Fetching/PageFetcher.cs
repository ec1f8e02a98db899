using System.Buffers;
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
                    var status = (int)response.StatusCode;
                    if (status is >= 300 and <= 399 && status != 304)
                    {
                        var next = RedirectTarget(response, current);
                        hops.Add(new RedirectHop(current, status, next));
                        if (hops.Count > _options.MaxRedirects)
                        {
                            throw new FetchFailedException(FetchFailureKind.TooManyRedirects, $"More than {_options.MaxRedirects} redirects.");
                        }

                        if (!visited.Add(next.AbsoluteUri))
                        {
                            throw new FetchFailedException(FetchFailureKind.TooManyRedirects, $"Redirect loop: {ReasonText.Printable(next.AbsoluteUri)} was already visited.");
                        }

                        current = next;
                        continue;
                    }

                    CheckStatus(response, current, conditionalSent: conditional is { HasValidators: true } && hops.Count == 0);
                    var body = await ReadBodyAsync(response, linked.Token).ConfigureAwait(false);
                    var contentType = response.Content.Headers.ContentType;
                    return new FetchResult
                    {
                        RequestedUrl = url,
                        FinalUrl = current,
                        Redirects = hops,
                        StartedAt = started,
                        CompletedAt = _time.GetUtcNow(),
                        StatusCode = status,
                        ReasonPhrase = string.IsNullOrEmpty(response.ReasonPhrase) ? null : ReasonText.Printable(response.ReasonPhrase),
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

    /// <summary>Where a 3xx answer points, or the refusal saying why it is not followed.</summary>
    private static Uri RedirectTarget(HttpResponseMessage response, Uri current)
    {
        var status = (int)response.StatusCode;
        var answered = $"{status} {ReasonText.Printable(response.ReasonPhrase)}".TrimEnd();
        if (!RedirectLocation.IsFollowed(status))
        {
            throw new FetchFailedException(FetchFailureKind.InvalidRedirect, $"The server answered {answered}, which is not a redirect Archive follows (only 301, 302, 303, 307 and 308 are).");
        }

        var values = response.Headers.NonValidated.TryGetValues("Location", out var location) ? location.ToList() : [];
        return RedirectLocation.TryResolve(current, values, out var next, out var problem)
            ? next!
            : throw new FetchFailedException(FetchFailureKind.InvalidRedirect, $"Refused the {answered} redirect from {current.Authority}: {problem}");
    }

    /// <summary>Refuses final answers HTTP does not allow here: a status outside 200-599, or a 304 nobody asked for.</summary>
    private static void CheckStatus(HttpResponseMessage response, Uri current, bool conditionalSent)
    {
        var status = (int)response.StatusCode;
        if (status is < 200 or > 599)
        {
            throw new FetchFailedException(FetchFailureKind.InvalidResponse, $"{current.Authority} answered status {status}, which is not a final HTTP status.");
        }

        if (status == 304 && !conditionalSent)
        {
            throw new FetchFailedException(FetchFailureKind.InvalidResponse, $"{current.Authority} answered 304 Not Modified to a request that was not conditional.");
        }
    }

    /// <summary>
    /// Reads the whole body, at most <see cref="FetchOptions.MaxResponseBytes"/> after decompression, into 64 KiB
    /// segments rented from the shared pool and joined once at the end into an array of exactly the body's size. A body
    /// refused on the way (a compression bomb, an endless body, one that breaks off) leaves no garbage behind: its
    /// segments go back to the pool. What one capture holds while reading is its body plus one segment.
    /// </summary>
    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = _options.MaxResponseBytes;
        var declared = response.Content.Headers.ContentLength;
        var encoded = response.Content.Headers.ContentEncoding.Count > 0;
        if (declared is { } length && length > limit && !encoded)
        {
            throw new FetchFailedException(FetchFailureKind.TooLarge, $"The response declares {length} bytes; the limit is {limit}.");
        }

        var segments = new List<byte[]>();
        var filled = 0;
        long total = 0;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (segments.Count == 0 || filled == SegmentSize)
                {
                    segments.Add(ArrayPool<byte>.Shared.Rent(SegmentSize));
                    filled = 0;
                }

                var read = await stream.ReadAsync(segments[^1].AsMemory(filled, SegmentSize - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                filled += read;
                if (total > limit)
                {
                    throw new FetchFailedException(FetchFailureKind.TooLarge, $"The response is larger than {limit} bytes (counted after decompression).");
                }
            }

            var body = new byte[total];
            var offset = 0;
            for (var i = 0; i < segments.Count; i++)
            {
                var count = i == segments.Count - 1 ? filled : SegmentSize;
                segments[i].AsSpan(0, count).CopyTo(body.AsSpan(offset));
                offset += count;
            }

            return body;
        }
        catch (HttpIOException ex) when (ex.HttpRequestError == HttpRequestError.ResponseEnded && !cancellationToken.IsCancellationRequested)
        {
            var expected = declared is { } d && !encoded ? $"of the {d} its Content-Length announced" : "(the connection closed before the body's end)";
            throw new FetchFailedException(FetchFailureKind.TruncatedBody, $"The body broke off after {total} bytes {expected}.", ex);
        }
        catch (HttpIOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException(FetchFailureKind.TruncatedBody, $"The body broke off after {total} bytes: its framing is invalid ({ReasonText.Printable(FirstClause(ex.Message))}).", ex);
        }
        catch (InvalidDataException ex)
        {
            throw new FetchFailedException(FetchFailureKind.InvalidResponse, $"The compressed body (gzip, deflate or br) is corrupt after {total} decoded bytes.", ex);
        }
        catch (IOException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException(FetchFailureKind.TruncatedBody, $"The connection broke after {total} bytes of the body.", ex);
        }
        finally
        {
            foreach (var segment in segments)
            {
                ArrayPool<byte>.Shared.Return(segment);
            }
        }
    }

    /// <summary>Read in pieces this size when the length is not known; below the large object heap's threshold.</summary>
    private const int SegmentSize = 64 * 1024;

    // A parser's message up to where it starts quoting what it received.
    private static string FirstClause(string message)
    {
        var quote = message.IndexOfAny([':', '\'', '"']);
        return (quote > 0 ? message[..quote] : message).Trim().TrimEnd('.');
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

        // The parser's message quotes the bytes it could not read; a reason names the problem, not the bytes.
        if (ex.HttpRequestError == HttpRequestError.InvalidResponse)
        {
            return new FetchFailedException(FetchFailureKind.InvalidResponse, $"The answer from {url.Authority} is not valid HTTP ({ReasonText.Printable(FirstClause(ex.Message))}).", ex);
        }

        if (ex.HttpRequestError == HttpRequestError.ResponseEnded)
        {
            return new FetchFailedException(FetchFailureKind.ConnectionFailed, $"{url.Authority} closed the connection before answering.", ex);
        }

        return new FetchFailedException(FetchFailureKind.ConnectionFailed, $"Could not fetch {url.Host}: {ReasonText.Printable(ex.Message, 200)}", ex);
    }
}
