using Archive.Core.Extraction.Metadata;

namespace Archive.Core.Tests.Extraction;

/// <summary>What pages give as their authors, turned into names.</summary>
public sealed class AuthorNamesTests
{
    [Theory]
    [InlineData("By Jane Doe", "Jane Doe")]
    [InlineData("By Dana Whitfield and Omar Haddad | Nov. 14, 2025 at 9:24 pm ET • 2 min read", "Dana Whitfield;Omar Haddad")]
    [InlineData("Dakota Hebert July 3, 2025", "Dakota Hebert")]
    [InlineData("Written by Jordanna Campbell", "Jordanna Campbell")]
    [InlineData("Jane Doe, John Roe and Ana Lima", "Jane Doe;John Roe;Ana Lima")]
    [InlineData("Dylan Bailey, MS, RD, FAND", "Dylan Bailey")]
    [InlineData("Liz Kenny | Former McKinsey Consultant", "Liz Kenny")]
    [InlineData("Ashley Biancuzzo | Associate Editor, PCWorld", "Ashley Biancuzzo")]
    [InlineData("Written by Ryan Noonan, Reviewed by Robert Tschudi", "Ryan Noonan")]
    [InlineData("Jane Doe (@janedoe)", "Jane Doe")]
    [InlineData("Von Jürgen Bäcker", "Jürgen Bäcker")]
    [InlineData("Por María José Pérez y Luis Ortega", "María José Pérez;Luis Ortega")]
    [InlineData("Автор: Анна Петрова", "Анна Петрова")]
    [InlineData("Maria & Katerina", "Maria & Katerina")]
    [InlineData("Center for Drug Evaluation and Research", "Center for Drug Evaluation and Research")]
    [InlineData("Niko Matsakis on behalf of Vision Doc group", "Niko Matsakis")]
    [InlineData("AP", "AP")]
    [InlineData("Staff Writer", "Staff Writer")]
    [InlineData("https://example.com/author/jane-doe/", "Jane Doe")]
    [InlineData("Mara Quill<img src=x onerror=alert('ld-author')>", "Mara Quill")]
    [InlineData("<b>Jane Doe</b>", "Jane Doe")]
    public void Bylines_become_names(string value, string expected) =>
        Assert.Equal(expected.Split(';'), AuthorNames.Clean([value]));

    [Theory]
    [InlineData("2019 at 9:24 pm ET • 2 min read")]
    [InlineData("@janedoe")]
    [InlineData("https://www.facebook.com/jane.doe")]
    [InlineData("Jiobal says:")]
    [InlineData("Your Name: *")]
    [InlineData("Updated November 14, 2025")]
    [InlineData("Share on Facebook | Tweet | Pin | Email")]
    [InlineData("This is a sentence that is far too long to be anybody's name at all, even with titles")]
    public void Things_that_are_not_names_are_dropped(string value) =>
        Assert.Empty(AuthorNames.Clean([value]));

    [Theory]
    [InlineData("/author/jane-doe/", true)]
    [InlineData("https://example.com/authors/jane-doe?ref=byline", true)]
    [InlineData("/people/amara-quist", true)]
    [InlineData("/news/2025/11/storm", false)]
    [InlineData("https://www.facebook.com/jane.doe", false)]
    public void Author_pages_are_recognised_by_their_address(string href, bool profile) =>
        Assert.Equal(profile, AuthorNames.IsProfilePath(href));
}
