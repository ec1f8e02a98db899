using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Content;

/// <summary>How a block looks on its own, before its neighbours are taken into account.</summary>
internal enum BlockClass : byte
{
    /// <summary>Too short or too plain to tell.</summary>
    Neutral,

    /// <summary>Prose: long enough, few links.</summary>
    Good,

    /// <summary>Short but sentence-like prose with few links.</summary>
    Fair,

    /// <summary>Link lists, furniture by tag or class, boilerplate wording.</summary>
    Bad,
}

/// <summary>A run of text between two block boundaries (a paragraph, a heading, a list item, a cell...).</summary>
internal struct TextBlock
{
    /// <summary>The innermost block-level element holding the text.</summary>
    public int Owner;

    /// <summary>The index of the first text node, for document order.</summary>
    public int First;

    /// <summary>The text, whitespace collapsed.</summary>
    public string Text;

    /// <summary>Length in weighted characters (letters of scripts written without spaces weigh more).</summary>
    public int Length;

    /// <summary>Weighted length of the text inside links.</summary>
    public int LinkLength;

    /// <summary>The union of the flags of the text nodes.</summary>
    public NodeFlags Flags;

    /// <summary>The intersection of the flags of the text nodes (a flag set on every text node).</summary>
    public NodeFlags AllFlags;

    /// <summary>The heading level (1..6) when the block is a heading; 0 otherwise.</summary>
    public int Heading;

    public BlockClass Class;

    /// <summary>The block sits in a section that a heading such as "Related stories" or "Comments" opens.</summary>
    public bool InFurnitureSection;

    /// <summary>The tag of <see cref="Owner"/>.</summary>
    public Tag OwnerTag;

    /// <summary>For the text of a table cell: the row holding the cell; -1 otherwise.</summary>
    public int Row;

    /// <summary>For the text of a table cell: the table holding the row; -1 otherwise.</summary>
    public int Table;

    /// <summary>Share of the text inside links.</summary>
    public readonly double LinkDensity => Length == 0 ? 0 : (double)LinkLength / Length;
}
