namespace Archive.Core.Fetching;

/// <summary>One response header, exactly as received (name casing and value untouched).</summary>
public sealed record HeaderField(string Name, string Value);

/// <summary>One redirect the fetch followed.</summary>
/// <param name="Url">The URL that answered with a redirect.</param>
/// <param name="StatusCode">The redirect status (301, 302, 303, 307, 308).</param>
/// <param name="Location">Where it pointed, resolved to an absolute URL.</param>
public sealed record RedirectHop(Uri Url, int StatusCode, Uri Location);

/// <summary>Validators from an earlier fetch, sent so an unchanged page can answer 304.</summary>
public sealed record ConditionalRequest(string? ETag, string? LastModified)
{
    /// <summary>True when there is anything to send.</summary>
    public bool HasValidators => !string.IsNullOrEmpty(ETag) || !string.IsNullOrEmpty(LastModified);
}

/// <summary>A completed HTTP exchange: the final response, its bytes, and how we got there.</summary>
public sealed record FetchResult
{
    /// <summary>The URL that was asked for.</summary>
    public required Uri RequestedUrl { get; init; }

    /// <summary>The URL that gave the final response, after redirects.</summary>
    public required Uri FinalUrl { get; init; }

    /// <summary>Each redirect followed, in order.</summary>
    public IReadOnlyList<RedirectHop> Redirects { get; init; } = [];

    /// <summary>When the first request started (UTC).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the last byte of the body arrived (UTC).</summary>
    public required DateTimeOffset CompletedAt { get; init; }

    /// <summary>The final HTTP status code.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The final reason phrase, if the server sent one.</summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>The HTTP version of the final response, such as <c>1.1</c>.</summary>
    public required string HttpVersion { get; init; }

    /// <summary>The final response's headers, as received.</summary>
    public required IReadOnlyList<HeaderField> Headers { get; init; }

    /// <summary>The Content-Type header value, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>The media type alone (for example <c>text/html</c>), lower case.</summary>
    public string? MediaType { get; init; }

    /// <summary>The charset the server declared, if any.</summary>
    public string? Charset { get; init; }

    /// <summary>The body as delivered (transfer and content encodings undone), byte for byte.</summary>
    public required byte[] Body { get; init; }

    /// <summary>True for a 304 answer to a conditional request.</summary>
    public bool NotModified => StatusCode == 304;

    /// <summary>The first value of header <paramref name="name"/>, compared without case.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;
}
