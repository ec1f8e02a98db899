using Archive.Core.Extraction.Content;
using Archive.Core.Extraction.Metadata;
using Archive.Core.Extraction.Parsing;
using HtmlAgilityPack;

namespace Archive.Core.Extraction;

/// <summary>
/// The article extractor: decodes the bytes, parses them with HtmlAgilityPack, reads the metadata, finds the main text
/// (see <see cref="ContentExtractor"/>) and says what kind of page it is.
/// </summary>
/// <remarks>
/// Bounded on hostile input: scripts and styles are cut before parsing, nesting deeper than
/// <see cref="MaxNesting"/> falls back to a flat reading of the text, every walk is iterative, and at most
/// <see cref="PageDom.MaxNodes"/> nodes are read. It never throws on content; only cancellation ends it early.
/// </remarks>
public sealed class HtmlArticleExtractor : IArticleExtractor
{
    /// <summary>Deeper nesting than this is taken for broken or hostile markup.</summary>
    public const int MaxNesting = 1500;

    /// <summary>Pages larger than this many bytes are cut to it before decoding.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <inheritdoc />
    public string Name => "archive-html";

    /// <inheritdoc />
    public string Version => "2.0.0";

    /// <inheritdoc />
    public ExtractionResult Extract(HtmlSource source, CancellationToken cancellationToken = default) => Extract(source, trace: null, cancellationToken);

    /// <summary>Extracts the article from <paramref name="source"/>, describing the decisions to <paramref name="trace"/>.</summary>
    public ExtractionResult Extract(HtmlSource source, ExtractionTrace? trace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var bytes = source.Bytes.Span;
        if (bytes.Length > MaxBytes)
        {
            bytes = bytes[..MaxBytes];
        }

        var (html, encoding, encodingSource) = HtmlTextDecoder.Decode(bytes, source.ContentType);
        try
        {
            return ExtractDecoded(html, source.Url, encoding.WebName, encodingSource, trace, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The extractor's contract is to report, not to throw: a page it cannot read is an error page to the caller.
            return new ExtractionResult
            {
                Kind = PageKind.Error,
                Reason = $"The page could not be read ({e.GetType().Name}: {e.Message}).",
                Text = "",
                Metadata = ArticleMetadata.Empty,
                Encoding = encoding.WebName,
                EncodingSource = encodingSource,
            };
        }
    }

    private static ExtractionResult ExtractDecoded(string html, Uri? url, string encoding, string encodingSource, ExtractionTrace? trace, CancellationToken cancellationToken)
    {
        if (LooksBinary(html))
        {
            return new ExtractionResult
            {
                Kind = PageKind.Error,
                Reason = "The bytes are not text: too many control or undecodable characters.",
                Text = "",
                Metadata = ArticleMetadata.Empty,
                Encoding = encoding,
                EncodingSource = encodingSource,
            };
        }

        var jsonLd = new List<string>();
        var stripped = HtmlPreprocessor.Strip(html, jsonLd);
        cancellationToken.ThrowIfCancellationRequested();

        var document = Parse(stripped);
        if (document is null)
        {
            return FlatFallback(stripped, encoding, encodingSource);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var dom = PageDom.Build(document, cancellationToken);
        dom.Facts.JsonLd.AddRange(jsonLd);
        var (metadata, hints) = MetadataReader.Read(dom, url);
        var titles = new List<string>(4);
        foreach (var title in (string?[])[metadata.Title, MetadataText.Clean(dom.Facts.Title), MetadataText.StripSiteName(MetadataText.Clean(dom.Facts.Title), metadata.SiteName)])
        {
            if (!string.IsNullOrEmpty(title))
            {
                titles.Add(title);
            }
        }

        var content = ContentExtractor.Extract(dom, titles, useClassRules: true, trace);
        if (content.GoodLength < PageClassifier.MinArticleLength)
        {
            // Little text: perhaps the class and tag rules hid the body. A second reading without them is taken only
            // when it finds much more prose, so a wall or an error page does not pick up menus instead.
            cancellationToken.ThrowIfCancellationRequested();
            var relaxed = ContentExtractor.Extract(dom, titles, useClassRules: false, trace);
            if (relaxed.GoodLength > 4 * Math.Max(content.GoodLength, PageClassifier.MinArticleLength))
            {
                content = relaxed;
            }
        }

        if (content.GoodLength < PageClassifier.MinArticleLength && hints.ArticleBody is { } declared)
        {
            // Pages that render their text with script still often declare it in JSON-LD articleBody.
            var fromJsonLd = FromDeclaredBody(declared);
            var length = TextWeights.WeightedLength(fromJsonLd);
            if (length > 2 * Math.Max(content.TextLength, PageClassifier.MinArticleLength))
            {
                content = content with { Text = fromJsonLd, TextLength = length, GoodLength = length };
            }
        }

        var (kind, reason) = PageClassifier.Classify(content, metadata, hints, dom.Facts.Title, url);
        return new ExtractionResult
        {
            Kind = kind,
            Reason = reason,
            Text = content.Text,
            OtherText = content.OtherText,
            Metadata = metadata,
            Encoding = encoding,
            EncodingSource = encodingSource,
        };
    }

    /// <summary>The JSON-LD article body as paragraphs: markup dropped, one paragraph per line.</summary>
    private static string FromDeclaredBody(string declared)
    {
        var text = declared.Contains('<', StringComparison.Ordinal) ? FlatText.Read(declared) : System.Net.WebUtility.HtmlDecode(declared);
        var paragraphs = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => string.Join(' ', line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(line => line.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>True when more than a tenth of the first characters are controls or replacement characters (an image, a PDF, a zip).</summary>
    private static bool LooksBinary(string text)
    {
        var sample = text.AsSpan(0, Math.Min(text.Length, 65_536));
        var bad = 0;
        foreach (var c in sample)
        {
            if (c == '\uFFFD' || (c < ' ' && c is not '\n' and not '\r' and not '\t' and not '\f'))
            {
                bad++;
            }
        }

        return bad * 10 > sample.Length;
    }

    private static HtmlDocument? Parse(string html)
    {
        var document = new HtmlDocument
        {
            OptionMaxNestedChildNodes = MaxNesting,
            OptionUseIdAttribute = false,
            OptionCheckSyntax = false,
            // The text is decoded already; left on, a <meta charset="utf-7"> makes the parser ask the runtime for
            // that encoding, which throws.
            OptionReadEncoding = false,
        };
        try
        {
            document.LoadHtml(html);
            return document;
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // HtmlAgilityPack refuses nesting deeper than the limit; other failures are treated alike.
            return null;
        }
    }

    private static ExtractionResult FlatFallback(string html, string encoding, string encodingSource)
    {
        var text = FlatText.Read(html);
        var length = TextWeights.WeightedLength(text);
        var kind = length < PageClassifier.MinArticleLength ? PageKind.NearlyEmpty : PageKind.Error;
        return new ExtractionResult
        {
            Kind = kind,
            Reason = kind == PageKind.NearlyEmpty
                ? $"The markup nests deeper than {MaxNesting} levels and holds only {length} characters of text."
                : $"The markup nests deeper than {MaxNesting} levels; its text was read without structure.",
            Text = text,
            Metadata = ArticleMetadata.Empty,
            Encoding = encoding,
            EncodingSource = encodingSource,
        };
    }
}
