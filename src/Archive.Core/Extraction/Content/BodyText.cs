using System.Text;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The last stage: writes the kept blocks of the body as text. Paragraphs are separated by blank lines; a table is one
/// paragraph with a line per row and its cells separated by spaces; a second copy of the article (pages that carry it
/// once for phones and once for larger screens) is left out.
/// </summary>
internal static class BodyText
{
    /// <summary>A run of at least this many long blocks repeating earlier ones in order is a copy.</summary>
    private const int MinCopiedBlocks = 4;

    /// <summary>Blocks shorter than this are not matched for copies ("Share", "1.").</summary>
    private const int MinCopiedLength = 20;

    /// <summary>The text of the kept blocks of <paramref name="body"/> and its weighted length.</summary>
    public static (string Text, int Length) Write(ReadOnlySpan<TextBlock> body, bool[] keep)
    {
        var kept = new List<int>(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (keep[i])
            {
                kept.Add(i);
            }
        }

        var copied = Copies(body, kept);
        var builder = new StringBuilder();
        var length = 0;
        var previous = -1;
        for (var k = 0; k < kept.Count; k++)
        {
            if (copied[k])
            {
                continue;
            }

            var i = kept[k];
            if (previous >= 0)
            {
                builder.Append(Separator(body, previous, i));
            }

            builder.Append(body[i].Text);
            length += body[i].Length;
            previous = i;
        }

        return (builder.ToString(), length);
    }

    /// <summary>
    /// Marks the kept blocks that belong to a run repeating an earlier run block for block. Single repeated paragraphs
    /// stay (an interviewer's recurring question, a caption under each picture): only a copy of a stretch of the article is dropped.
    /// </summary>
    private static bool[] Copies(ReadOnlySpan<TextBlock> body, List<int> kept)
    {
        var copied = new bool[kept.Count];
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var copyOf = new int[kept.Count];
        for (var k = 0; k < kept.Count; k++)
        {
            var text = body[kept[k]].Text;
            copyOf[k] = -1;
            if (body[kept[k]].Length < MinCopiedLength)
            {
                continue;
            }

            if (firstSeen.TryGetValue(text, out var earlier))
            {
                copyOf[k] = earlier;
            }
            else
            {
                firstSeen[text] = k;
            }
        }

        // A copy is a stretch whose long blocks all repeat earlier ones in the same order; short ones between them go with it.
        var runStart = -1;
        var runLast = -1;
        var runBlocks = 0;
        for (var k = 0; k <= kept.Count; k++)
        {
            if (k < kept.Count && body[kept[k]].Length < MinCopiedLength)
            {
                continue;
            }

            if (k < kept.Count && copyOf[k] >= 0 && runStart >= 0 && copyOf[k] > copyOf[runLast])
            {
                runLast = k;
                runBlocks++;
                continue;
            }

            if (runBlocks >= MinCopiedBlocks)
            {
                Array.Fill(copied, true, runStart, runLast - runStart + 1);
            }

            (runStart, runLast, runBlocks) = k < kept.Count && copyOf[k] >= 0 ? (k, k, 1) : (-1, -1, 0);
        }

        return copied;
    }

    /// <summary>What goes between two kept blocks (a cell holding paragraphs of its own, as in layout tables, is no data cell).</summary>
    private static string Separator(ReadOnlySpan<TextBlock> body, int previous, int next)
    {
        ref readonly var a = ref body[previous];
        ref readonly var b = ref body[next];
        if (a.Table < 0 || a.Table != b.Table || !IsOnlyBlockOfCell(body, previous) || !IsOnlyBlockOfCell(body, next))
        {
            return "\n\n";
        }

        return a.Row == b.Row ? " " : "\n";
    }

    private static bool IsOnlyBlockOfCell(ReadOnlySpan<TextBlock> body, int index) =>
        (index == 0 || body[index - 1].Owner != body[index].Owner) && (index == body.Length - 1 || body[index + 1].Owner != body[index].Owner);
}
