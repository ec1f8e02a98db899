using Archive.Core.Content;
using Archive.Core.Extraction;
using Archive.Core.Hashing;
using Archive.Core.Versions;
using Microsoft.Extensions.Logging;

namespace Archive.Core.Capture;

/// <summary>
/// Reads the page's other text as last seen, for a re-check whose fingerprint of it moved: the original bytes named on
/// the head, extracted again by the current extractor, so a new extractor's different reading of the same page is not
/// taken for a change of the page. Only that rare re-check pays for the read.
/// </summary>
public sealed partial class EarlierOtherTextReader(IContentStore content, IArticleExtractor extractor, ILogger<EarlierOtherTextReader> logger)
{
    /// <summary>The other text of the original bytes <paramref name="head"/> names; its text is null when they cannot be read.</summary>
    public async Task<EarlierOtherText> ReadAsync(ArticleHead head, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(head);
        if (head.OtherTextOriginalSha256 is not { } name || !ContentHash.TryParse(name, out var hash))
        {
            return new EarlierOtherText(null);
        }

        var stored = await content.OpenOriginalAsync(hash, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            LogMissing(logger, head.Id.Value, name);
            return new EarlierOtherText(null);
        }

        await using (stored.Content.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream((int)Math.Clamp(stored.Length, 0, int.MaxValue));
            await stored.Content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            var extraction = extractor.Extract(new HtmlSource(bytes, stored.ContentType, new Uri(head.Url)), cancellationToken);
            return new EarlierOtherText(extraction.OtherText);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The original {Sha256} that article {ArticleId} last read its other text from is missing; the other text is compared from this check on")]
    private static partial void LogMissing(ILogger logger, string articleId, string sha256);
}
