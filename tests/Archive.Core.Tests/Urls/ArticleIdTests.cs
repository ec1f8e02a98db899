using Archive.Core.Hashing;
using Archive.Core.Urls;

namespace Archive.Core.Tests.Urls;

public sealed class ArticleIdTests
{
    [Fact]
    public void Is_the_first_128_bits_of_the_sha256_of_the_canonical_url()
    {
        var url = UrlCanonicalizer.Canonicalize("https://example.com/story");
        var id = ArticleId.For(url);
        Assert.Equal(ContentHash.OfText("https://example.com/story").Hex[..32], id.Value);
        Assert.Matches("^[0-9a-f]{32}$", id.Value);
    }

    [Fact]
    public void Is_the_same_for_every_spelling_of_one_article()
    {
        var a = ArticleId.For(UrlCanonicalizer.Canonicalize("https://EXAMPLE.com:443/story?utm_source=x#top"));
        var b = ArticleId.For(UrlCanonicalizer.Canonicalize("https://example.com/story"));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Differs_between_articles()
    {
        var a = ArticleId.For(UrlCanonicalizer.Canonicalize("https://example.com/story-1"));
        var b = ArticleId.For(UrlCanonicalizer.Canonicalize("https://example.com/story-2"));
        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789ABCDEF", true)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdeg", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Parses_only_32_hex_characters(string? value, bool valid)
    {
        Assert.Equal(valid, ArticleId.TryParse(value, out var id));
        if (valid)
        {
            Assert.Equal(value!.ToLowerInvariant(), id.Value);
        }
    }
}
