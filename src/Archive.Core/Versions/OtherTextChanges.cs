using Archive.Core.Hashing;

namespace Archive.Core.Versions;

/// <summary>
/// A change a re-check found in the page's other readable text (<see cref="Extraction.ExtractionResult.OtherText"/>)
/// while the article text stayed the same: the changed passages with a few words of context on each side.
/// </summary>
/// <param name="Passage">The changed stretches and their context, in order; long unchanged stretches are cut to their ends around an ellipsis.</param>
/// <param name="WordsAdded">Words added to the other text.</param>
/// <param name="WordsRemoved">Words removed from it.</param>
public sealed record OtherTextChange(IReadOnlyList<DiffSpan> Passage, int WordsAdded, int WordsRemoved)
{
    /// <summary>The passage as text, <c>[-removed-]</c> and <c>{+added+}</c> inline.</summary>
    public string Render() => new WordDiffResult(Passage, WordsAdded, WordsRemoved).RenderText();
}

/// <summary>
/// Compares the readable text a page holds outside its article text between two visits. Rotating parts never count:
/// the extractor leaves comments, teasers, related and read-more boxes, cards and banners out of that text, and here
/// short boilerplate paragraphs (<see cref="Boilerplate"/>) and typography (<see cref="TextNormalizer"/>) are folded
/// away too, so what is left changing is prose the extractor did not keep as the article, such as an edited paragraph
/// it dropped.
/// </summary>
public static class OtherTextChanges
{
    /// <summary>Words of unchanged text kept on each side of a change.</summary>
    public const int ContextWords = 12;

    /// <summary>The longest passage kept, in characters (it is stored in the check's row).</summary>
    public const int MaxPassageChars = 4000;

    /// <summary>The fingerprint of a page's other text: equal fingerprints mean nothing worth recording changed.</summary>
    public static string Fingerprint(string otherText) => ContentHash.OfText(Comparable(otherText)).Hex;

    /// <summary>The change from <paramref name="earlier"/> to <paramref name="fresh"/>, or null when they compare equal.</summary>
    public static OtherTextChange? Compare(string earlier, string fresh)
    {
        var (before, after) = (Comparable(earlier), Comparable(fresh));
        if (before == after)
        {
            return null;
        }

        var diff = WordDiff.Compute(before, after);
        return diff.IsEmpty ? null : new OtherTextChange(Excerpt(diff.Spans), diff.WordsAdded, diff.WordsRemoved);
    }

    private static string Comparable(string otherText)
    {
        ArgumentNullException.ThrowIfNull(otherText);
        return TextNormalizer.Normalize(Boilerplate.Significant(otherText));
    }

    /// <summary>The changes with <see cref="ContextWords"/> words of context each side, bounded to <see cref="MaxPassageChars"/>.</summary>
    private static List<DiffSpan> Excerpt(IReadOnlyList<DiffSpan> spans)
    {
        var passage = new List<DiffSpan>();
        var length = 0;
        for (var i = 0; i < spans.Count && length < MaxPassageChars; i++)
        {
            var span = spans[i];
            var text = span.Op != DiffOperation.Equal ? span.Text : Context(span.Text, keepStart: i > 0, keepEnd: i < spans.Count - 1);
            if (text.Length == 0)
            {
                continue;
            }

            text = text.Length > MaxPassageChars - length ? string.Concat(text.AsSpan(0, MaxPassageChars - length), "…") : text;
            passage.Add(span with { Text = text });
            length += text.Length;
        }

        return passage;
    }

    // An unchanged stretch keeps its first words after a change and its last words before the next one, with the
    // white space that joined it to them.
    private static string Context(string text, bool keepStart, bool keepEnd)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= 2 * ContextWords + 1)
        {
            return keepStart || keepEnd ? text : "";
        }

        var lead = text.StartsWith(' ') ? " " : "";
        var trail = text.EndsWith(' ') ? " " : "";
        var head = lead + string.Join(' ', words.Take(ContextWords));
        var tail = string.Join(' ', words.TakeLast(ContextWords)) + trail;
        return (keepStart, keepEnd) switch
        {
            (true, true) => $"{head} … {tail}",
            (true, false) => $"{head} …",
            (false, true) => $"… {tail}",
            _ => "",
        };
    }
}
