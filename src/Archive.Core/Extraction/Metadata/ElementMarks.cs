using HtmlAgilityPack;

namespace Archive.Core.Extraction.Metadata;

/// <summary>
/// The attributes the metadata reader judges an element by, read in one pass over its attributes (a lookup by name
/// costs as much as the whole pass on the few attributes an element has).
/// </summary>
internal readonly record struct ElementMarks(string? Class, string? Id, string? Role, string? AriaLabel, string? ItemType, string? ItemProp, string? Rel, string? Href)
{
    /// <summary>The marks of <paramref name="node"/>; all null when it has no attributes.</summary>
    public static ElementMarks Of(HtmlNode node)
    {
        if (!node.HasAttributes)
        {
            return default;
        }

        string? @class = null, id = null, role = null, ariaLabel = null, itemType = null, itemProp = null, rel = null, href = null;
        var attributes = node.Attributes;
        for (var i = 0; i < attributes.Count; i++)
        {
            var attribute = attributes[i];
            switch (attribute.Name)
            {
                case "class": @class = attribute.Value; break;
                case "id": id = attribute.Value; break;
                case "role": role = attribute.Value; break;
                case "aria-label": ariaLabel = attribute.Value; break;
                case "itemtype": itemType = attribute.Value; break;
                case "itemprop": itemProp = attribute.Value; break;
                case "rel": rel = attribute.Value; break;
                case "href": href = attribute.Value; break;
            }
        }

        return new ElementMarks(@class, id, role, ariaLabel, itemType, itemProp, rel, href);
    }
}
