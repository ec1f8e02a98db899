using System.Text;
using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// The second stage: cuts the page into text blocks (runs of text between block-level boundaries) in document order,
/// with their length, link length, flags and heading level.
/// </summary>
internal static class BlockSegmenter
{
    /// <summary>Cuts the page into blocks in document order.</summary>
    public static List<TextBlock> Segment(PageDom dom)
    {
        var blocks = new List<TextBlock>(256);
        var nodes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(dom.Nodes);
        var open = new List<int>(64);
        var blockOwners = new List<int>(32) { 0 };
        var builder = new StringBuilder(256);
        var pendingSpace = false;
        var first = -1;
        var linkChars = 0;
        var furnitureChars = 0;
        var textChars = 0;
        var flags = NodeFlags.None;
        var allFlags = (NodeFlags)ushort.MaxValue;

        void Flush(int owner)
        {
            if (builder.Length > 0)
            {
                var text = builder.ToString();
                var length = TextWeights.WeightedLength(text);
                if (length > 0)
                {
                    // A block is furniture when most of its text is: one share link inside a paragraph does not make it so.
                    if (furnitureChars * 2 <= textChars)
                    {
                        flags &= ~ClassFlags.FurnitureBits;
                    }

                    var (row, table) = CellOf(dom.Nodes, owner);
                    blocks.Add(new TextBlock
                    {
                        Owner = owner, OwnerTag = dom.Nodes[owner].Tag, First = first, Text = text, Length = length, LinkLength = Math.Min(linkChars, length),
                        Flags = flags, AllFlags = allFlags, Heading = HeadingOf(dom.Nodes, owner), Row = row, Table = table,
                    });
                }
            }

            builder.Clear();
            pendingSpace = false;
            first = -1;
            linkChars = 0;
            furnitureChars = 0;
            textChars = 0;
            flags = NodeFlags.None;
            allFlags = (NodeFlags)ushort.MaxValue;
        }

        void Close(Span<DomNode> nodes, int closed)
        {
            if (Tags.IsBlock(nodes[closed].Tag))
            {
                Flush(closed);
                blockOwners.RemoveAt(blockOwners.Count - 1);
            }
        }

        for (var i = 1; i < nodes.Length; i++)
        {
            while (open.Count > 0 && nodes[open[^1]].End <= i)
            {
                var closed = open[^1];
                open.RemoveAt(open.Count - 1);
                Close(nodes, closed);
            }

            ref var node = ref nodes[i];
            switch (node.Tag)
            {
                case Tag.Text:
                    var before = builder.Length;
                    AppendCollapsed(builder, node.Text!, ref pendingSpace);
                    if (builder.Length > before)
                    {
                        if (first < 0)
                        {
                            first = i;
                        }

                        flags |= node.Flags;
                        allFlags &= node.Flags;
                        var added = builder.Length - before;
                        textChars += added;
                        if ((node.Flags & ClassFlags.FurnitureBits) != 0)
                        {
                            furnitureChars += added;
                        }

                        if ((node.Flags & NodeFlags.InLink) != 0)
                        {
                            linkChars += TextWeights.WeightedLength(builder, before);
                        }
                    }

                    break;
                case Tag.Br:
                    // One break inside a paragraph is a line; the block goes on.
                    if (builder.Length > 0)
                    {
                        pendingSpace = true;
                    }

                    if (IsDoubleBreak(nodes, i))
                    {
                        Flush(blockOwners[^1]);
                    }

                    break;
                case Tag.Hr:
                    Flush(blockOwners[^1]);
                    break;
                case Tag.Img:
                    break;
                default:
                    if (node.End > i + 1)
                    {
                        open.Add(i);
                        if (Tags.IsBlock(node.Tag))
                        {
                            Flush(blockOwners[^1]);
                            blockOwners.Add(i);
                        }
                    }

                    break;
            }
        }

        while (open.Count > 0)
        {
            var closed = open[^1];
            open.RemoveAt(open.Count - 1);
            Close(nodes, closed);
        }

        Flush(0);
        return blocks;
    }

    /// <summary>The heading level of the owner, or of a heading around it with no other block between.</summary>
    private static int HeadingOf(List<DomNode> nodes, int owner)
    {
        for (var e = owner; e > 0; e = nodes[e].Parent)
        {
            var level = Tags.HeadingLevel(nodes[e].Tag);
            if (level > 0)
            {
                return level;
            }

            if (Tags.IsBlock(nodes[e].Tag) && e != owner)
            {
                return 0;
            }
        }

        return 0;
    }

    /// <summary>The row and table of a block owned by a table cell, or (-1, -1).</summary>
    private static (int Row, int Table) CellOf(List<DomNode> nodes, int owner)
    {
        if (nodes[owner].Tag is not (Tag.Td or Tag.Th) || nodes[owner].Parent is var row && (row < 0 || nodes[row].Tag != Tag.Tr))
        {
            return (-1, -1);
        }

        var table = nodes[row].Parent;
        if (table >= 0 && nodes[table].Tag is Tag.Tbody or Tag.Thead or Tag.Tfoot)
        {
            table = nodes[table].Parent;
        }

        return (row, table);
    }

    /// <summary>True when the br at <paramref name="index"/> is followed by another br with only white space between.</summary>
    private static bool IsDoubleBreak(Span<DomNode> nodes, int index)
    {
        for (var j = index + 1; j < nodes.Length && j < index + 4; j++)
        {
            if (nodes[j].Tag == Tag.Br)
            {
                return true;
            }

            if (nodes[j].Tag != Tag.Text || !string.IsNullOrWhiteSpace(nodes[j].Text))
            {
                return false;
            }
        }

        return false;
    }

    private static void AppendCollapsed(StringBuilder builder, string text, ref bool pendingSpace)
    {
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '\u200b')
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(c);
        }
    }
}
