namespace Archive.Core.Urls;

/// <summary>An absolute http(s) URL in the canonical form articles are keyed by.</summary>
public sealed record CanonicalUrl
{
    internal CanonicalUrl(Uri value) => Value = value;

    /// <summary>The canonical URL.</summary>
    public Uri Value { get; }

    /// <inheritdoc />
    public override string ToString() => Value.AbsoluteUri;
}
