using System.Globalization;
using System.Text;
using System.Xml;

namespace Archive.Functions.Pages.Views;

/// <summary>One entry of an Atom feed of changes.</summary>
/// <param name="Id">A stable URN for the entry.</param>
/// <param name="Title">The entry's title (archived text: the XML writer escapes it).</param>
/// <param name="Updated">When the change was seen.</param>
/// <param name="Link">The page to read it on, relative to the site.</param>
/// <param name="Summary">What changed, in words.</param>
public sealed record FeedEntry(string Id, string Title, DateTimeOffset Updated, string Link, string Summary);

/// <summary>Writes Atom 1.0 (RFC 4287) with an XML writer, so every archived string is escaped as XML text.</summary>
public static class AtomFeed
{
    /// <summary>The media type of Atom feeds.</summary>
    public const string MediaType = "application/atom+xml; charset=utf-8";

    private const string Namespace = "http://www.w3.org/2005/Atom";

    /// <summary>Writes a feed whose links are made absolute against <paramref name="site"/>.</summary>
    public static string Write(Uri site, string id, string title, string selfPath, string alternatePath, DateTimeOffset updated, IEnumerable<FeedEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(site);
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8, CheckCharacters = false };
        using (var xml = XmlWriter.Create(new StringWriterUtf8(text), settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            xml.WriteElementString("id", Namespace, id);
            xml.WriteElementString("title", Namespace, Clean(title));
            xml.WriteElementString("updated", Namespace, Stamp(updated));
            Link(xml, "self", new Uri(site, selfPath), "application/atom+xml");
            Link(xml, "alternate", new Uri(site, alternatePath), "text/html");
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, "Archive");
            xml.WriteEndElement();
            foreach (var entry in entries ?? [])
            {
                xml.WriteStartElement("entry", Namespace);
                xml.WriteElementString("id", Namespace, entry.Id);
                xml.WriteElementString("title", Namespace, Clean(entry.Title));
                xml.WriteElementString("updated", Namespace, Stamp(entry.Updated));
                Link(xml, "alternate", new Uri(site, entry.Link), "text/html");
                xml.WriteStartElement("summary", Namespace);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Clean(entry.Summary));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return text.ToString();
    }

    private static void Link(XmlWriter xml, string rel, Uri href, string type)
    {
        xml.WriteStartElement("link", Namespace);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    // Control characters other than tab and line breaks cannot appear in XML 1.0 at all, even escaped: drop them.
    private static string Clean(string? value) => string.Concat((value ?? string.Empty).Where(c => char.IsSurrogate(c) || XmlConvert.IsXmlChar(c)));

    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
