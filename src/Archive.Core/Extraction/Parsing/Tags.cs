namespace Archive.Core.Extraction.Parsing;

/// <summary>The element names the extractor treats specially; everything else is <see cref="Other"/>.</summary>
internal enum Tag : byte
{
    Other,
    Text,
    Html,
    Body,
    A,
    P,
    Div,
    Section,
    Article,
    Main,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tbody,
    Thead,
    Tfoot,
    Tr,
    Td,
    Th,
    Caption,
    Br,
    Hr,
    Figure,
    Figcaption,
    Header,
    Footer,
    Nav,
    Aside,
    Form,
    Address,
    Center,
    Details,
    Summary,
    Time,
    Span,
    Strong,
    B,
    Em,
    I,
    Font,
    Img,
    Dropped,
    Head,
    Title,
    Meta,
    Link,
}

/// <summary>Lookups over <see cref="Tag"/>.</summary>
internal static class Tags
{
    private static readonly Dictionary<string, Tag> ByName = new(StringComparer.Ordinal)
    {
        ["html"] = Tag.Html, ["body"] = Tag.Body, ["a"] = Tag.A, ["p"] = Tag.P, ["div"] = Tag.Div, ["section"] = Tag.Section,
        ["article"] = Tag.Article, ["main"] = Tag.Main, ["h1"] = Tag.H1, ["h2"] = Tag.H2, ["h3"] = Tag.H3, ["h4"] = Tag.H4,
        ["h5"] = Tag.H5, ["h6"] = Tag.H6, ["ul"] = Tag.Ul, ["ol"] = Tag.Ol, ["li"] = Tag.Li, ["dl"] = Tag.Dl, ["dt"] = Tag.Dt,
        ["dd"] = Tag.Dd, ["blockquote"] = Tag.Blockquote, ["pre"] = Tag.Pre, ["table"] = Tag.Table, ["tbody"] = Tag.Tbody,
        ["thead"] = Tag.Thead, ["tfoot"] = Tag.Tfoot, ["tr"] = Tag.Tr, ["td"] = Tag.Td, ["th"] = Tag.Th, ["caption"] = Tag.Caption,
        ["br"] = Tag.Br, ["hr"] = Tag.Hr, ["figure"] = Tag.Figure, ["figcaption"] = Tag.Figcaption, ["header"] = Tag.Header,
        ["footer"] = Tag.Footer, ["nav"] = Tag.Nav, ["aside"] = Tag.Aside, ["form"] = Tag.Form, ["address"] = Tag.Address,
        ["center"] = Tag.Center, ["details"] = Tag.Details, ["summary"] = Tag.Summary, ["time"] = Tag.Time, ["span"] = Tag.Span,
        ["strong"] = Tag.Strong, ["b"] = Tag.B, ["em"] = Tag.Em, ["i"] = Tag.I, ["font"] = Tag.Font, ["img"] = Tag.Img,
        ["head"] = Tag.Head, ["title"] = Tag.Title, ["meta"] = Tag.Meta, ["link"] = Tag.Link,

        // Never article text: embedded objects, media, form controls and the page's own machinery.
        ["script"] = Tag.Dropped, ["style"] = Tag.Dropped, ["noscript"] = Tag.Dropped, ["template"] = Tag.Dropped,
        ["svg"] = Tag.Dropped, ["math"] = Tag.Dropped, ["iframe"] = Tag.Dropped, ["object"] = Tag.Dropped, ["embed"] = Tag.Dropped,
        ["canvas"] = Tag.Dropped, ["video"] = Tag.Dropped, ["audio"] = Tag.Dropped, ["picture"] = Tag.Dropped, ["source"] = Tag.Dropped,
        ["track"] = Tag.Dropped, ["map"] = Tag.Dropped, ["input"] = Tag.Dropped, ["select"] = Tag.Dropped, ["option"] = Tag.Dropped,
        ["textarea"] = Tag.Dropped, ["button"] = Tag.Dropped, ["dialog"] = Tag.Dropped, ["base"] = Tag.Dropped, ["param"] = Tag.Dropped,
        ["applet"] = Tag.Dropped, ["frameset"] = Tag.Dropped, ["frame"] = Tag.Dropped, ["datalist"] = Tag.Dropped, ["output"] = Tag.Dropped,
        ["progress"] = Tag.Dropped, ["meter"] = Tag.Dropped, ["menu"] = Tag.Dropped, ["xmp"] = Tag.Dropped,
    };

    /// <summary>The tag of a lower-case element name.</summary>
    public static Tag Of(string name) => ByName.TryGetValue(name, out var tag) ? tag : Tag.Other;

    /// <summary>True for elements that start a new block of text (a line break in rendering).</summary>
    public static bool IsBlock(Tag tag) => tag switch
    {
        Tag.P or Tag.Div or Tag.Section or Tag.Article or Tag.Main or Tag.H1 or Tag.H2 or Tag.H3 or Tag.H4 or Tag.H5 or Tag.H6 or
        Tag.Ul or Tag.Ol or Tag.Li or Tag.Dl or Tag.Dt or Tag.Dd or Tag.Blockquote or Tag.Pre or Tag.Table or Tag.Tbody or
        Tag.Thead or Tag.Tfoot or Tag.Tr or Tag.Td or Tag.Th or Tag.Caption or Tag.Hr or Tag.Figure or Tag.Figcaption or
        Tag.Header or Tag.Footer or Tag.Nav or Tag.Aside or Tag.Form or Tag.Address or Tag.Center or Tag.Details or Tag.Summary or
        Tag.Body or Tag.Html => true,
        _ => false,
    };

    /// <summary>The heading level of h1..h6, or 0.</summary>
    public static int HeadingLevel(Tag tag) => tag is >= Tag.H1 and <= Tag.H6 ? tag - Tag.H1 + 1 : 0;
}
