namespace Archive.Core.Extraction;

/// <summary>Turns the original bytes of a page into clean article text and the metadata the page declares.</summary>
/// <remarks>Implementations never throw on malformed input: a page they cannot read is reported through <see cref="ExtractionResult.Kind"/>.</remarks>
public interface IArticleExtractor
{
    /// <summary>The extractor's name, recorded with every version it produced.</summary>
    string Name { get; }

    /// <summary>The extractor's version, recorded with every version it produced: extracted text is only comparable within one version.</summary>
    string Version { get; }

    /// <summary>Extracts the article from <paramref name="source"/>.</summary>
    ExtractionResult Extract(HtmlSource source, CancellationToken cancellationToken = default);
}

/// <summary>The bytes of a page as fetched, with what is known of them from the response.</summary>
/// <param name="Bytes">The original bytes, before any decoding.</param>
/// <param name="ContentType">The HTTP <c>Content-Type</c> header value, if there was one (its charset is honoured).</param>
/// <param name="Url">The URL the page was fetched from (after redirects), used to resolve relative links.</param>
public sealed record HtmlSource(ReadOnlyMemory<byte> Bytes, string? ContentType = null, Uri? Url = null);
