using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Archive.Core.Versions;

/// <summary>What one stretch of a diff does.</summary>
public enum DiffOperation
{
    /// <summary>The same in both texts.</summary>
    Equal,

    /// <summary>Only in the newer text.</summary>
    Insert,

    /// <summary>Only in the older text.</summary>
    Delete,
}

/// <summary>One stretch of a word diff.</summary>
public sealed record DiffSpan(DiffOperation Op, string Text);

/// <summary>A word-level diff between two texts, with counts of the words added and removed.</summary>
public sealed record WordDiffResult(IReadOnlyList<DiffSpan> Spans, int WordsAdded, int WordsRemoved)
{
    /// <summary>True when the texts are the same.</summary>
    public bool IsEmpty => WordsAdded == 0 && WordsRemoved == 0 && Spans.All(s => s.Op == DiffOperation.Equal);

    /// <summary>
    /// The diff as text, the way wdiff writes it: <c>[-removed-]</c> and <c>{+added+}</c> inline, paragraphs kept.
    /// </summary>
    public string RenderText()
    {
        var builder = new StringBuilder();
        foreach (var span in Spans)
        {
            _ = span.Op switch
            {
                DiffOperation.Insert => builder.Append("{+").Append(span.Text).Append("+}"),
                DiffOperation.Delete => builder.Append("[-").Append(span.Text).Append("-]"),
                _ => builder.Append(span.Text),
            };
        }

        return builder.ToString();
    }
}

/// <summary>Word-level diffs (DiffPlex's Myers diff over word chunks).</summary>
public static class WordDiff
{
    /// <summary>Diffs <paramref name="older"/> against <paramref name="newer"/> word by word.</summary>
    public static WordDiffResult Compute(string older, string newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var result = Differ.Instance.CreateDiffs(older, newer, ignoreWhiteSpace: false, ignoreCase: false, WordChunker.Instance);
        var spans = new List<DiffSpan>();
        int added = 0, removed = 0, a = 0, b = 0;
        foreach (var block in result.DiffBlocks)
        {
            Append(spans, DiffOperation.Equal, result.PiecesOld, a, block.DeleteStartA - a);
            if (block.DeleteCountA > 0)
            {
                removed += Append(spans, DiffOperation.Delete, result.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            }

            if (block.InsertCountB > 0)
            {
                added += Append(spans, DiffOperation.Insert, result.PiecesNew, block.InsertStartB, block.InsertCountB);
            }

            a = block.DeleteStartA + block.DeleteCountA;
            b = block.InsertStartB + block.InsertCountB;
        }

        Append(spans, DiffOperation.Equal, result.PiecesOld, a, result.PiecesOld.Count - a);
        return new WordDiffResult(spans, added, removed);
    }

    /// <summary>Counts the words (runs holding a letter or digit) in <paramref name="text"/>.</summary>
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var isWord = char.IsLetterOrDigit(c);
            if (isWord && !inWord)
            {
                count++;
            }

            inWord = isWord;
        }

        return count;
    }

    private static int Append(List<DiffSpan> spans, DiffOperation op, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count <= 0)
        {
            return 0;
        }

        var text = string.Concat(pieces.Skip(start).Take(count));
        if (spans.Count > 0 && spans[^1].Op == op)
        {
            spans[^1] = spans[^1] with { Text = spans[^1].Text + text };
        }
        else
        {
            spans.Add(new DiffSpan(op, text));
        }

        return CountWords(text);
    }
}
