using System.Text;
using Archive.Core.Extraction.Parsing;
using HtmlAgilityPack;

namespace Archive.Core.Extraction.Metadata;

/// <summary>
/// Finds the article's own byline on the page: the first byline in the window around the headline (see
/// <see cref="ArticleRegion"/>), outside comment sections, cards of other stories, share widgets and the like. A byline
/// is a <c>rel=author</c> link, an <c>itemprop=author</c> element, an element whose class or id names a byline or an
/// author, or a short line that starts "By", "Von", "Por", "Par"... Names come from its author links when it has them,
/// else from its text, cleaned by <see cref="AuthorNames"/>.
/// </summary>
internal static class BylineFinder
{
    /// <summary>A byline holds at most this many characters of text; a longer element is a box (a bio) to look inside.</summary>
    public const int MaxBylineLength = 300;

    private static readonly string[] BylineClassParts = ["byline", "author", "writer", "autor", "auteur", "contributor", "posted-by", "postedby", "reporter", "journalist"];

    // Boxes about the author (a photo, a biography) and not the byline itself.
    private static readonly string[] NotBylineClassParts = ["bio", "avatar", "image", "img", "photo", "picture", "about", "description", "desc", "follow", "social", "more", "other", "list"];

    private static readonly string[] LinePrefixes = ["by ", "written by ", "words by ", "von ", "por ", "par ", "door ", "di ", "av ", "af ", "автор", "texto:", "text:", "texte:", "by:", "author:"];

    /// <summary>A line that starts "By" is a byline only when it is at most this long.</summary>
    private const int MaxLineLength = 150;

    /// <summary>The names in the article's byline, or none.</summary>
    public static List<string> Find(ArticleRegion region)
    {
        var nodes = region.Dom.Nodes;
        var classes = new ClassNames();
        for (var i = region.Start; i < region.FarEnd; i++)
        {
            var node = nodes[i];
            if (node.Tag == Tag.Text || region.HoldsHeadline(i))
            {
                continue;
            }

            if (region.IsExcluded(i))
            {
                // Nothing inside an excluded part is read: skip it whole.
                i = node.End - 1;
                continue;
            }

            if (!IsCandidate(region, i, explicitOnly: i >= region.End, classes))
            {
                continue;
            }

            var names = NamesAt(region, i, classes);
            if (names.Count > 0)
            {
                return names;
            }
        }

        return [];
    }

    private static bool IsCandidate(ArticleRegion region, int index, bool explicitOnly, ClassNames classes)
    {
        var node = region.Dom.Nodes[index];
        var marks = ElementMarks.Of(node.Source);
        if (IsAuthorLink(node.Source, marks) || IsAuthorProperty(marks) || classes.NameByline(marks.Class) || classes.NameByline(marks.Id))
        {
            return true;
        }

        if (explicitOnly)
        {
            return false;
        }

        if (node.Tag == Tag.Address)
        {
            return true;
        }

        // A short line that starts like a byline: "By Jane Doe", not "By the way".
        if (region.TextLength(index) is 0 or > MaxLineLength || FirstText(region, index) is not { } first)
        {
            return false;
        }

        foreach (var prefix in LinePrefixes)
        {
            if (first.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var rest = first.AsSpan(prefix.Length).TrimStart();
                return rest.Length == 0 || char.IsUpper(rest[0]);
            }
        }

        return false;
    }

    /// <summary>The names of the byline at <paramref name="index"/>: its author links and properties, else its text.</summary>
    private static List<string> NamesAt(ArticleRegion region, int index, ClassNames classes)
    {
        var dom = region.Dom;
        if (region.TextLength(index) > MaxBylineLength)
        {
            return [];
        }

        // Author links beside the byline element count with it: "By <a rel=author>A</a> and <a rel=author>B</a>".
        var group = index;
        while (dom.Nodes[group].Parent > 0 && region.TextLength(dom.Nodes[group].Parent) <= MaxBylineLength / 2 &&
               !region.HoldsHeadline(dom.Nodes[group].Parent) && !region.IsExcluded(dom.Nodes[group].Parent))
        {
            group = dom.Nodes[group].Parent;
        }

        var declared = new List<string?>();
        for (var i = group; i < dom.Nodes[group].End; i++)
        {
            var source = dom.Nodes[i].Source;
            if (dom.Nodes[i].Tag == Tag.Text || region.IsExcluded(i))
            {
                continue;
            }

            var marks = ElementMarks.Of(source);
            if (IsAuthorProperty(marks))
            {
                declared.Add(MetadataText.PropertyValue(source));
                i = dom.Nodes[i].End - 1;
            }
            else if (IsAuthorLink(source, marks))
            {
                declared.Add(MetadataText.TextOf(source));
                i = dom.Nodes[i].End - 1;
            }
        }

        if (AuthorNames.Clean(declared) is { Count: > 0 } fromProperties)
        {
            return fromProperties;
        }

        // A byline that holds its own author elements ("Guide by <span class=author>Will Judd</span>") is read from them.
        var inner = new List<string?>();
        for (var i = index + 1; i < dom.Nodes[index].End; i++)
        {
            if (dom.Nodes[i].Tag != Tag.Text && dom.Nodes[i].Source.HasAttributes && classes.NameByline(dom.Nodes[i].Source.GetAttributeValue("class", null)) && !region.IsExcluded(i))
            {
                inner.Add(Segments(region, i));
                i = dom.Nodes[i].End - 1;
            }
        }

        if (AuthorNames.Clean(inner) is { Count: > 0 } fromInner)
        {
            return fromInner;
        }

        return AuthorNames.Clean([Segments(region, index)]);
    }

    /// <summary>The text of an element, its separate text nodes kept apart ("Jane Doe | Senior Reporter"), excluded parts left out.</summary>
    private static string Segments(ArticleRegion region, int index)
    {
        var builder = new StringBuilder();
        var nodes = region.Dom.Nodes;
        for (var i = index; i < nodes[index].End; i++)
        {
            if (i > index && nodes[i].Tag != Tag.Text && nodes[i].Source.HasAttributes && IsAboutBox(nodes[i].Source.GetAttributeValue("class", null)))
            {
                // The author's biography or photo inside the byline is not part of the names.
                i = nodes[i].End - 1;
                continue;
            }

            if (nodes[i].Text is { } text && !string.IsNullOrWhiteSpace(text) && !region.IsExcluded(i))
            {
                builder.Append(builder.Length > 0 ? " | " : "").Append(text.Trim());
            }
        }

        return builder.ToString();
    }

    private static string? FirstText(ArticleRegion region, int index)
    {
        var nodes = region.Dom.Nodes;
        for (var i = index; i < nodes[index].End; i++)
        {
            if (nodes[i].Text is { } text && !string.IsNullOrWhiteSpace(text))
            {
                // "By\n" and "By&nbsp;" are "By ".
                return MetadataText.Clean(text) + " ";
            }
        }

        return null;
    }

    /// <summary>A <c>rel=author</c> link, or a link to an author's page on the site ("/author/jane-doe").</summary>
    private static bool IsAuthorLink(HtmlNode node, ElementMarks marks) =>
        (marks.Rel is { } rel && rel.Contains("author", StringComparison.OrdinalIgnoreCase)) ||
        (node.Name == "a" && marks.Href is { } href && AuthorNames.IsProfilePath(href));

    private static bool IsAuthorProperty(ElementMarks marks) =>
        marks.ItemProp is { } itemprop &&
        (itemprop.Contains("author", StringComparison.OrdinalIgnoreCase) || itemprop.Contains("creator", StringComparison.OrdinalIgnoreCase));

    /// <summary>Which class and id values name a byline; values repeat across a page, so each is read once.</summary>
    private sealed class ClassNames
    {
        private readonly Dictionary<string, bool> _bylines = new(StringComparer.Ordinal);

        public bool NameByline(string? value)
        {
            if (string.IsNullOrEmpty(value) || value.Length > 200)
            {
                return false;
            }

            if (!_bylines.TryGetValue(value, out var byline))
            {
                var lower = value.ToLowerInvariant();
                byline = BylineClassParts.Any(p => lower.Contains(p, StringComparison.Ordinal)) && !NotBylineClassParts.Any(p => lower.Contains(p, StringComparison.Ordinal));
                _bylines[value] = byline;
            }

            return byline;
        }
    }

    private static bool IsAboutBox(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 200 && NotBylineClassParts.Any(p => value.Contains(p, StringComparison.OrdinalIgnoreCase));
}
