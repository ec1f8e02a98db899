using System.Text;
using Archive.Core.Extraction;
using Archive.Core.Hashing;

namespace Archive.Core.Versions;

/// <summary>What a fresh capture is, compared with the latest version.</summary>
public enum ChangeVerdict
{
    /// <summary>The same article: same normalized text, same identifying metadata, same clean text.</summary>
    Unchanged,

    /// <summary>Only noise changed: recorded and classified, no new version.</summary>
    Noise,

    /// <summary>The extraction collapsed (a fragment, a wall, an error page): flagged, no new version.</summary>
    Suspect,

    /// <summary>The text or metadata went back to an earlier version (A, B, A): a new version, marked as a flip.</summary>
    Flip,

    /// <summary>A real edit: a new version with a change-log entry.</summary>
    Edit,
}

/// <summary>The kinds of noise.</summary>
public enum NoiseKind
{
    /// <summary>Only rotating boilerplate changed ("Also read", comment counts, prompts).</summary>
    Boilerplate,

    /// <summary>Only white space changed.</summary>
    Whitespace,

    /// <summary>Only typography changed (quote and dash styles, no-break spaces, soft hyphens, composition).</summary>
    Typography,

    /// <summary>Only punctuation changed.</summary>
    Punctuation,

    /// <summary>The same text decoded with another character encoding (mojibake).</summary>
    Encoding,
}

/// <summary>The verdict on a fresh capture, with the reason and what changed.</summary>
public sealed record ChangeAssessment
{
    /// <summary>The verdict.</summary>
    public required ChangeVerdict Verdict { get; init; }

    /// <summary>The kind of noise, for <see cref="ChangeVerdict.Noise"/>.</summary>
    public NoiseKind? Noise { get; init; }

    /// <summary>Why, in words.</summary>
    public required string Reason { get; init; }

    /// <summary>What changed: <c>title</c>, <c>byline</c>, <c>body</c>, <c>dates</c>, <c>tags</c>, <c>section</c>, <c>canonical-url</c>.</summary>
    public IReadOnlyList<string> Kinds { get; init; } = [];

    /// <summary>The metadata fields that changed.</summary>
    public IReadOnlyList<MetadataChange> MetadataChanges { get; init; } = [];

    /// <summary>For a flip, the earlier version the article went back to.</summary>
    public int? FlipOf { get; init; }
}

/// <summary>A stored version as the classifier needs it: its number and fingerprints.</summary>
public sealed record VersionFingerprint(int Number, string TextSha256, string MetadataSha256)
{
    /// <summary>The version's identity.</summary>
    public VersionIdentity Identity => new(TextSha256, MetadataSha256);
}

/// <summary>
/// Decides what a fresh capture means. Real edits (a single changed word of the body, a new headline, a new byline)
/// always register; rotating boilerplate and typographic churn never do, but are classified and kept on record; an
/// extraction that collapses is flagged instead of being taken for the publisher deleting the article.
/// </summary>
public static partial class ChangeClassifier
{
    /// <summary>Below this share of the latest version's words, a much shorter text is taken for a collapse.</summary>
    public const double CollapseRatio = 0.4;

    /// <summary>Versions shorter than this are too short to judge a collapse by length.</summary>
    public const int MinWordsToJudgeCollapse = 80;

    private static readonly Encoding Windows1252 = CreateWindows1252();

    /// <summary>Compares a fresh extraction with the latest version.</summary>
    /// <param name="latest">The latest version's record.</param>
    /// <param name="latestText">The latest version's clean text.</param>
    /// <param name="fresh">The fresh extraction.</param>
    /// <param name="earlier">Fingerprints of every version, to recognise a flip back to one of them.</param>
    public static ChangeAssessment Assess(VersionRecord latest, string latestText, ExtractionResult fresh, IReadOnlyList<VersionFingerprint> earlier)
    {
        ArgumentNullException.ThrowIfNull(latest);
        ArgumentNullException.ThrowIfNull(latestText);
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentNullException.ThrowIfNull(earlier);
        var freshIdentity = VersionIdentity.Of(fresh);
        var metadataChanges = MetadataChanges.Compare(latest.Metadata, fresh.Metadata);

        if (!fresh.IsArticle)
        {
            return new ChangeAssessment { Verdict = ChangeVerdict.Suspect, Reason = $"The page no longer reads as an article ({fresh.Kind}: {fresh.Reason}); version {latest.Number} stands." };
        }

        if (freshIdentity == VersionIdentity.Of(latest))
        {
            if (ContentHash.OfText(fresh.Text).Hex == latest.CleanTextSha256)
            {
                return new ChangeAssessment { Verdict = ChangeVerdict.Unchanged, Reason = "The article has not changed." };
            }

            var whitespaceOnly = CollapseWhitespace(fresh.Text) == CollapseWhitespace(latestText);
            return new ChangeAssessment
            {
                Verdict = ChangeVerdict.Noise,
                Noise = whitespaceOnly ? NoiseKind.Whitespace : NoiseKind.Typography,
                Reason = whitespaceOnly ? "Only white space changed." : "Only typography changed (quotes, dashes, spaces, soft hyphens or composition).",
            };
        }

        var collapse = Collapse(latestText, fresh.Text);
        if (collapse is not null)
        {
            return new ChangeAssessment { Verdict = ChangeVerdict.Suspect, Reason = collapse + $" Version {latest.Number} stands." };
        }

        var oldBody = TextNormalizer.Normalize(Boilerplate.Significant(latestText));
        var newBody = TextNormalizer.Normalize(Boilerplate.Significant(fresh.Text));
        var bodyChanged = oldBody != newBody;
        if (metadataChanges.Count == 0)
        {
            if (!bodyChanged)
            {
                return new ChangeAssessment { Verdict = ChangeVerdict.Noise, Noise = NoiseKind.Boilerplate, Reason = "Only boilerplate around the article changed (links to other stories, counters, prompts)." };
            }

            // Mojibake must be undone on the raw text: normalization folds some of its characters ("™" to "TM").
            if (FixMojibake(Boilerplate.Significant(fresh.Text)) == oldBody || FixMojibake(Boilerplate.Significant(latestText)) == newBody)
            {
                return new ChangeAssessment { Verdict = ChangeVerdict.Noise, Noise = NoiseKind.Encoding, Reason = "The same text decoded with another character encoding." };
            }

            if (LettersAndDigits(oldBody) == LettersAndDigits(newBody))
            {
                return new ChangeAssessment { Verdict = ChangeVerdict.Noise, Noise = NoiseKind.Punctuation, Reason = "Only punctuation changed." };
            }
        }

        var kinds = new List<string>();
        if (bodyChanged)
        {
            kinds.Add("body");
        }

        foreach (var change in metadataChanges)
        {
            var kind = change.Field switch
            {
                "title" => "title",
                "authors" => "byline",
                "publishedTime" or "modifiedTime" => "dates",
                "tags" => "tags",
                "section" => "section",
                _ => "canonical-url",
            };
            if (!kinds.Contains(kind))
            {
                kinds.Add(kind);
            }
        }

        var flip = earlier.Where(v => v.Number != latest.Number && v.Identity == freshIdentity).Select(v => (int?)v.Number).LastOrDefault();
        if (flip is not null)
        {
            return new ChangeAssessment
            {
                Verdict = ChangeVerdict.Flip,
                Reason = $"The article went back to version {flip} (a flip between versions, as A/B tests and caches do).",
                Kinds = kinds,
                MetadataChanges = metadataChanges,
                FlipOf = flip,
            };
        }

        return new ChangeAssessment { Verdict = ChangeVerdict.Edit, Reason = $"Changed: {string.Join(", ", kinds)}.", Kinds = kinds, MetadataChanges = metadataChanges };
    }

    private static string? Collapse(string latestText, string freshText)
    {
        var oldWords = WordDiff.CountWords(latestText);
        var newWords = WordDiff.CountWords(freshText);
        if (oldWords < MinWordsToJudgeCollapse || newWords >= oldWords * CollapseRatio)
        {
            return null;
        }

        if (PagePhrases.FindIn(freshText, PagePhrases.Walls) is not null || PagePhrases.FindIn(freshText, PagePhrases.Errors) is not null)
        {
            return $"The text collapsed to {newWords} words (from {oldWords}) and reads like a wall or an error page.";
        }

        // A paywall or a cut-off page keeps a fragment of the article: most of what is left was already there.
        var oldParagraphs = Boilerplate.Paragraphs(TextNormalizer.Normalize(latestText)).ToHashSet(StringComparer.Ordinal);
        var newParagraphs = Boilerplate.Paragraphs(TextNormalizer.Normalize(freshText)).ToList();
        var kept = newParagraphs.Count(p => oldParagraphs.Contains(p) || oldParagraphs.Any(o => o.StartsWith(p.TrimEnd('.', '…'), StringComparison.Ordinal)));
        if (newParagraphs.Count == 0 || kept >= newParagraphs.Count * 0.8)
        {
            return $"The text collapsed to a fragment of the article: {newWords} words where there were {oldWords}.";
        }

        if (newWords < oldWords * 0.15)
        {
            return $"The text collapsed to {newWords} words (from {oldWords}).";
        }

        return null;
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string LettersAndDigits(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsLetterOrDigit(rune))
            {
                builder.Append(rune.ToString());
            }
            else if (Rune.IsWhiteSpace(rune) && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }
        }

        return builder.ToString().Trim();
    }

    // UTF-8 read as windows-1252 turns "’" into "â€™"; undo that when the text round-trips cleanly.
    private static string? FixMojibake(string text)
    {
        try
        {
            var bytes = Windows1252.GetBytes(text);
            var fixedText = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return fixedText == text ? null : TextNormalizer.Normalize(fixedText);
        }
        catch (EncoderFallbackException)
        {
            return null;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
