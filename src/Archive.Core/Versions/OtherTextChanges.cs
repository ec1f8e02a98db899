using System.Text.RegularExpressions;
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
/// the extractor leaves comments, teasers, related and read-more boxes, cards and banners out of that text; here short
/// boilerplate paragraphs (<see cref="Boilerplate"/>) and typography (<see cref="TextNormalizer"/>) are folded away,
/// and only a paragraph edited in place counts: one that is still there with most of its words, changed in words that
/// are not just numbers. Whole paragraphs that come and go are what rotation looks like (another set of comments or
/// teasers the extractor did not recognise), and a counter or a clock ticking is not an edit.
/// </summary>
public static partial class OtherTextChanges
{
    /// <summary>Words of unchanged text kept on each side of a change.</summary>
    public const int ContextWords = 12;

    /// <summary>The longest passage kept, in characters as rendered (it is stored in the check's row).</summary>
    public const int MaxPassageChars = 4000;

    /// <summary>The most stretches a passage keeps (each is stored as its own object in the check's row).</summary>
    public const int MaxPassageSpans = 120;

    /// <summary>The fingerprint of a page's other text: equal fingerprints mean nothing worth recording changed.</summary>
    public static string Fingerprint(string otherText) => ContentHash.OfText(Comparable(otherText)).Hex;

    /// <summary>A paragraph is edited in place when it keeps at least this share of its words (of both versions' words).</summary>
    public const double MinSharedWords = 0.6;

    /// <summary>Paragraphs shorter than this, in words, are not compared (datelines, counters, labels).</summary>
    public const int MinParagraphWords = 8;

    /// <summary>The change from <paramref name="earlier"/> to <paramref name="fresh"/>: the paragraphs edited in place, or null when none was.</summary>
    public static OtherTextChange? Compare(string earlier, string fresh)
    {
        var (before, after) = (Comparable(earlier), Comparable(fresh));
        if (before == after)
        {
            return null;
        }

        // Paragraphs in page order, so the same two texts always pair the same way.
        var (earlierParagraphs, freshParagraphs) = (Boilerplate.Paragraphs(before).ToList(), Boilerplate.Paragraphs(after).ToList());
        var (wereThere, areThere) = (earlierParagraphs.ToHashSet(StringComparer.Ordinal), freshParagraphs.ToHashSet(StringComparer.Ordinal));
        var added = freshParagraphs.Where(p => !wereThere.Contains(p)).ToList();
        var edited = new List<(string Before, string After)>();
        foreach (var old in earlierParagraphs.Where(p => !areThere.Contains(p)))
        {
            var match = added.FindIndex(p => EditedInPlace(old, p));
            if (match >= 0)
            {
                edited.Add((old, added[match]));
                added.RemoveAt(match);
            }
        }

        if (edited.Count == 0)
        {
            return null;
        }

        var diff = WordDiff.Compute(string.Join("\n\n", edited.Select(e => e.Before)), string.Join("\n\n", edited.Select(e => e.After)));
        return diff.IsEmpty ? null : new OtherTextChange(Excerpt(diff.Spans), diff.WordsAdded, diff.WordsRemoved);
    }

    private static bool EditedInPlace(string before, string after)
    {
        var (a, b) = (Words(before), Words(after));
        if (a.Length < MinParagraphWords || b.Length < MinParagraphWords)
        {
            return false;
        }

        var shared = a.Intersect(b, StringComparer.Ordinal).Count();
        return shared >= MinSharedWords * a.Union(b, StringComparer.Ordinal).Count();
    }

    private static string[] Words(string paragraph) => paragraph.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    // Relative times and counters tick between visits without anyone editing anything ("3 hours ago", "1,204 views").
    private static string Comparable(string otherText)
    {
        ArgumentNullException.ThrowIfNull(otherText);
        return Ticking().Replace(TextNormalizer.Normalize(Boilerplate.Significant(otherText)), "");
    }

    [GeneratedRegex(@"\b\d[\d.,]*\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[smhd])\s+ago\b|\b\d[\d.,]*[kKmM]?\s+(views|reads|shares|likes|comments|replies|reactions)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Ticking();

    /// <summary>
    /// The changes with <see cref="ContextWords"/> words of context each side, bounded to <see cref="MaxPassageChars"/>
    /// as rendered (markers included) and to <see cref="MaxPassageSpans"/> stretches, so the check's row stays small.
    /// </summary>
    private static List<DiffSpan> Excerpt(IReadOnlyList<DiffSpan> spans)
    {
        var passage = new List<DiffSpan>();
        var length = 0;
        for (var i = 0; i < spans.Count && length < MaxPassageChars && passage.Count < MaxPassageSpans; i++)
        {
            var span = spans[i];
            var markers = span.Op == DiffOperation.Equal ? 0 : 4;
            var text = span.Op != DiffOperation.Equal ? span.Text : Context(span.Text, keepStart: i > 0, keepEnd: i < spans.Count - 1);
            if (text.Length == 0)
            {
                continue;
            }

            var room = MaxPassageChars - length - markers - 1;
            if (room <= 0)
            {
                break;
            }

            text = text.Length > room ? string.Concat(text.AsSpan(0, room), "…") : text;
            passage.Add(span with { Text = text });
            length += text.Length + markers;
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
