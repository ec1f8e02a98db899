using System.Net;
using Archive.Core.Extraction.Content;
using HtmlAgilityPack;

namespace Archive.Core.Extraction.Parsing;

/// <summary>What the extractor knows about each element before choosing the body.</summary>
[Flags]
internal enum NodeFlags : ushort
{
    None = 0,

    /// <summary>Inside a link.</summary>
    InLink = 1,

    /// <summary>Inside an element whose class or id names furniture that never wraps article text (set by the class rules).</summary>
    InBoilerplateClass = 2,

    /// <summary>The nearest element with a class verdict calls it furniture (set by the class rules).</summary>
    InNegativeClass = 4,

    /// <summary>Inside page furniture by tag or ARIA role (set by the class rules).</summary>
    InFurniture = 8,

    /// <summary>Inside a list item.</summary>
    InListItem = 16,

    /// <summary>Inside a block quote.</summary>
    InQuote = 32,

    /// <summary>Inside preformatted text.</summary>
    InPre = 64,

    /// <summary>Inside a table cell.</summary>
    InTable = 128,

    /// <summary>Inside a heading.</summary>
    InHeading = 256,

    /// <summary>The nearest element with a class verdict calls it content (set by the class rules).</summary>
    InPositiveClass = 512,

    /// <summary>Inside a form.</summary>
    InForm = 1024,

    /// <summary>Inside emphasis (strong, b, em, i).</summary>
    InEmphasis = 2048,

    /// <summary>Inside a time element.</summary>
    InTime = 4096,

    /// <summary>Inside a comment section (set by the class rules).</summary>
    InComments = 8192,

    /// <summary>Inside an element its style hides (display: none): collapsed accordions and tabs, menus, dialogs.</summary>
    InHiddenStyle = 16384,
}

/// <summary>One node of the flattened page: elements and text in document order.</summary>
internal struct DomNode
{
    /// <summary>The parent's index, or -1 for the root.</summary>
    public int Parent;

    /// <summary>One past the index of the last node of this node's subtree (pre-order makes subtrees contiguous).</summary>
    public int End;

    public Tag Tag;

    public NodeFlags Flags;

    /// <summary>The class verdict of this element alone.</summary>
    public ClassVerdict Verdict;

    /// <summary>The word of its class or id that made <see cref="Verdict"/> negative, as an index into <see cref="PageDom.NegativeWords"/>; 0 for none.</summary>
    public int NegativeWord;

    /// <summary>This element is page furniture by tag or ARIA role (nav, aside, footer, header, figure, role=navigation...).</summary>
    public bool Furniture;

    /// <summary>The decoded text of a text node; null for elements.</summary>
    public string? Text;

    /// <summary>The original node.</summary>
    public HtmlNode Source;
}

/// <summary>
/// The page flattened into an array in document order, with furniture and hidden parts left out, plus the facts the
/// metadata reader needs (meta tags, links, title, language, itemprops).
/// </summary>
/// <remarks>
/// Built by one iterative walk: no recursion, so a page nested a hundred thousand deep cannot overflow the stack, and
/// every later pass is a loop over an array instead of a walk over HtmlAgilityPack's linked nodes.
/// </remarks>
internal sealed class PageDom
{
    /// <summary>How many nodes are kept at most; the rest of a giant page is not read.</summary>
    public const int MaxNodes = 400_000;

    private static readonly HashSet<string> FurnitureRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog", "alertdialog", "search", "toolbar",
        "tablist", "tooltip", "alert", "status", "marquee", "timer", "log",
    };

    private readonly List<DomNode> _nodes = new(4096);

    private readonly Dictionary<string, (ClassVerdict Verdict, int Word)> _classVerdicts = new(StringComparer.Ordinal);

    private readonly Dictionary<string, int> _negativeWordIds = new(StringComparer.Ordinal);

    private PageDom()
    {
    }

    public int Count => _nodes.Count;

    public List<DomNode> Nodes => _nodes;

    public PageFacts Facts { get; } = new();

    /// <summary>The words that made elements negative (<see cref="DomNode.NegativeWord"/>); index 0 stands for none.</summary>
    public List<string> NegativeWords { get; } = [""];

    public ref DomNode this[int index] => ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_nodes)[index];

    /// <summary>Flattens <paramref name="document"/>.</summary>
    public static PageDom Build(HtmlDocument document, CancellationToken cancellationToken)
    {
        var dom = new PageDom();
        dom.Walk(document.DocumentNode, cancellationToken);
        return dom;
    }

    private void Walk(HtmlNode root, CancellationToken cancellationToken)
    {
        _nodes.Add(new DomNode { Parent = -1, Tag = Tag.Html, Source = root });
        var stack = new List<(HtmlNode Node, int Index)>(64);
        var current = root.FirstChild;
        var parent = 0;
        var parentFlags = NodeFlags.None;
        var inHead = false;
        while (true)
        {
            if (current is null)
            {
                if (stack.Count == 0)
                {
                    break;
                }

                var (closedNode, closedIndex) = stack[^1];
                stack.RemoveAt(stack.Count - 1);
                this[closedIndex].End = _nodes.Count;
                if (this[closedIndex].Tag == Tag.Head)
                {
                    inHead = false;
                }

                current = closedNode.NextSibling;
                parent = stack.Count > 0 ? stack[^1].Index : 0;
                parentFlags = _nodes[parent].Flags;
                continue;
            }

            if (_nodes.Count >= MaxNodes)
            {
                break;
            }

            if ((_nodes.Count & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            switch (current.NodeType)
            {
                case HtmlNodeType.Text:
                    if (!inHead)
                    {
                        var raw = ((HtmlTextNode)current).Text;
                        var text = raw.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(raw) : raw;
                        if (text.Length > 0)
                        {
                            _nodes.Add(new DomNode { Parent = parent, End = _nodes.Count + 1, Tag = Tag.Text, Flags = parentFlags, Text = text, Source = current });
                        }
                    }

                    break;
                case HtmlNodeType.Element:
                    var tag = Tags.Of(current.Name);
                    if (Visit(current, tag, inHead, parentFlags, parent, out var index, out var flags) && current.HasChildNodes)
                    {
                        stack.Add((current, index));
                        parent = index;
                        parentFlags = flags;
                        inHead |= tag == Tag.Head;
                        current = current.FirstChild;
                        continue;
                    }

                    break;
            }

            current = current.NextSibling;
        }

        // A walk cut short leaves elements open: close them at the end.
        foreach (var (_, index) in stack)
        {
            this[index].End = _nodes.Count;
        }

        this[0].End = _nodes.Count;
    }

    /// <summary>Adds an element unless it is dropped; says whether its children should be walked.</summary>
    private bool Visit(HtmlNode node, Tag tag, bool inHead, NodeFlags parentFlags, int parent, out int index, out NodeFlags flags)
    {
        index = -1;
        flags = parentFlags;

        // Hidden parts are read for their text, which a reader can unfold, but the page's metadata is not taken from them.
        var facts = (parentFlags & NodeFlags.InHiddenStyle) == 0;
        switch (tag)
        {
            case Tag.Dropped:
                return false;
            case Tag.Meta:
                if (facts)
                {
                    Facts.AddMeta(node);
                }

                return false;
            case Tag.Link:
                if (facts)
                {
                    Facts.AddLink(node);
                }

                return false;
            case Tag.Title:
                if (facts)
                {
                    Facts.Title ??= WebUtility.HtmlDecode(node.InnerText);
                }

                return false;
            case Tag.Br:
            case Tag.Hr:
            case Tag.Img:
                if (inHead)
                {
                    return false;
                }

                _nodes.Add(new DomNode { Parent = parent, End = _nodes.Count + 1, Tag = tag, Flags = parentFlags, Source = node });
                return false;
            case Tag.Html:
                Facts.Language ??= node.GetAttributeValue("lang", null) ?? node.GetAttributeValue("xml:lang", null);
                break;
        }

        if (inHead && tag != Tag.Head)
        {
            // Head elements other than meta, link and title carry nothing for us.
            return false;
        }

        var furniture = false;
        string? classValue = null;
        string? idValue = null;

        // HtmlAgilityPack builds a new empty collection on every read of Attributes of an element that has none.
        if (node.HasAttributes)
        {
            var attributes = node.Attributes;
            if (attributes.Contains("hidden") && !IsStreamedContent(attributes))
            {
                return false;
            }

            var style = attributes["style"]?.Value;
            if (style is not null && IsHiddenStyle(style))
            {
                flags |= NodeFlags.InHiddenStyle;
                facts = false;
            }

            var role = attributes["role"]?.Value;
            furniture = role is not null && FurnitureRoles.Contains(role.Trim());

            classValue = attributes["class"]?.Value;
            idValue = attributes["id"]?.Value;
            if (facts)
            {
                CollectFacts(node, attributes);
            }
        }

        var negativeWord = 0;
        var verdict = classValue is null && idValue is null ? ClassVerdict.None : Judge(classValue, idValue, out negativeWord);
        if ((verdict & ClassVerdict.Hidden) != 0 && tag is not (Tag.Body or Tag.Html))
        {
            return false;
        }

        if (tag is Tag.Body or Tag.Html or Tag.Main)
        {
            // Site-wide classes on the page wrappers ("single-post has-comments") say nothing about the article.
            verdict = ClassVerdict.None;
        }

        switch (tag)
        {
            case Tag.A:
                flags |= NodeFlags.InLink;
                break;
            case Tag.Nav or Tag.Aside or Tag.Footer or Tag.Figure or Tag.Figcaption or Tag.Header:
                furniture = true;
                break;
            case Tag.Li or Tag.Dd or Tag.Dt:
                flags |= NodeFlags.InListItem;
                break;
            case Tag.Blockquote:
                flags |= NodeFlags.InQuote;
                break;
            case Tag.Pre:
                flags |= NodeFlags.InPre;
                break;
            case Tag.Td or Tag.Th:
                flags |= NodeFlags.InTable;
                break;
            case Tag.Table:
                ReleaseFigure(parent);
                break;
            case Tag.H1 or Tag.H2 or Tag.H3 or Tag.H4 or Tag.H5 or Tag.H6:
                flags |= NodeFlags.InHeading;
                break;
            case Tag.Form:
                // A form is furniture (contact, search, sign-up) unless it holds the page, as on sites wrapping everything in one.
                flags |= NodeFlags.InForm;
                furniture = true;
                break;
            case Tag.Strong or Tag.B or Tag.Em or Tag.I:
                flags |= NodeFlags.InEmphasis;
                break;
            case Tag.Time:
                flags |= NodeFlags.InTime;
                break;
        }

        index = _nodes.Count;
        _nodes.Add(new DomNode { Parent = parent, End = index + 1, Tag = tag, Flags = flags, Verdict = verdict, NegativeWord = negativeWord, Furniture = furniture, Source = node });
        return true;
    }

    /// <summary>Class values repeat across a page (every list item, every paragraph): each is judged once.</summary>
    private ClassVerdict Judge(string? classValue, string? idValue, out int negativeWord)
    {
        var verdict = ClassVerdict.None;
        negativeWord = 0;
        if (classValue is not null)
        {
            if (!_classVerdicts.TryGetValue(classValue, out var judged))
            {
                judged.Verdict = ClassRules.Judge(classValue, null, out var word);
                judged.Word = WordId(word);
                _classVerdicts[classValue] = judged;
            }

            verdict = judged.Verdict;
            negativeWord = judged.Word;
        }

        if (idValue is not null)
        {
            verdict |= ClassRules.Judge(null, idValue, out var word);
            negativeWord = negativeWord == 0 ? WordId(word) : negativeWord;
        }

        // Positive and negative are exclusive per element: a positive name wins, as in ClassRules.
        if ((verdict & ClassVerdict.Positive) != 0)
        {
            negativeWord = 0;
            return verdict & ~ClassVerdict.Negative;
        }

        return verdict;
    }

    private int WordId(string? word)
    {
        if (word is null)
        {
            return 0;
        }

        if (!_negativeWordIds.TryGetValue(word, out var id))
        {
            id = NegativeWords.Count;
            NegativeWords.Add(word);
            _negativeWordIds[word] = id;
        }

        return id;
    }

    private void CollectFacts(HtmlNode node, HtmlAttributeCollection attributes)
    {
        if (attributes["itemprop"]?.Value is { } itemprop)
        {
            Facts.AddItemprop(itemprop, node);
        }
    }

    /// <summary>A figure holding a table (as editors wrap data tables) is content, not an illustration.</summary>
    private void ReleaseFigure(int parent)
    {
        for (var (e, depth) = (parent, 0); e > 0 && depth < 3; (e, depth) = (_nodes[e].Parent, depth + 1))
        {
            if (_nodes[e].Tag == Tag.Figure)
            {
                this[e].Furniture = false;
                return;
            }
        }
    }

    /// <summary>
    /// React's streaming server rendering sends each finished part of the page in a hidden <c>div id="S:n"</c> and lets
    /// a script move it into place: a browser shows it, so it is read.
    /// </summary>
    private static bool IsStreamedContent(HtmlAttributeCollection attributes) =>
        attributes["id"]?.Value is { Length: > 2 } id && id.StartsWith("S:", StringComparison.Ordinal) && char.IsAsciiDigit(id[2]);

    private static bool IsHiddenStyle(string style)
    {
        if (!style.Contains("none", StringComparison.OrdinalIgnoreCase) && !style.Contains("hidden", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var compact = style.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant();
        return compact.Contains("display:none", StringComparison.Ordinal) || compact.Contains("visibility:hidden", StringComparison.Ordinal);
    }
}
