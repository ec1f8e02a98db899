using Archive.Core.Urls;

namespace Archive.Core.Tests.Urls;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://Example.COM/News/Story", "https://example.com/News/Story")]
    [InlineData("HTTPS://example.com", "https://example.com/")]
    [InlineData("https://example.com:443/a", "https://example.com/a")]
    [InlineData("http://example.com:80/a", "http://example.com/a")]
    [InlineData("http://example.com:8080/a", "http://example.com:8080/a")]
    [InlineData("https://example.com/a#comments", "https://example.com/a")]
    [InlineData("https://example.com/a?utm_source=x&utm_medium=y&id=7", "https://example.com/a?id=7")]
    [InlineData("https://example.com/a?id=7&fbclid=abc&gclid=def", "https://example.com/a?id=7")]
    [InlineData("https://example.com/a?UTM_Campaign=x", "https://example.com/a")]
    [InlineData("https://example.com/a?b=2&a=1", "https://example.com/a?b=2&a=1")]
    [InlineData("  https://example.com/a  ", "https://example.com/a")]
    [InlineData("https://example.com./a", "https://example.com/a")]
    [InlineData("https://bücher.example/a", "https://xn--bcher-kva.example/a")]
    [InlineData("https://example.com/a?", "https://example.com/a")]
    [InlineData("https://example.com/a?&&id=1&", "https://example.com/a?id=1")]
    public void Canonicalizes(string input, string expected)
    {
        Assert.True(UrlCanonicalizer.TryCanonicalize(input, out var url, out var error), error);
        Assert.Equal(expected, url.ToString());
    }

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("not a url", "not a valid")]
    [InlineData("/relative/path", "not a valid")]
    [InlineData("ftp://example.com/file", "Only http and https")]
    [InlineData("javascript:alert(1)", "Only http and https")]
    [InlineData("file:///etc/passwd", "Only http and https")]
    [InlineData("https://user:secret@example.com/a", "credentials")]
    public void Refuses(string? input, string reason)
    {
        Assert.False(UrlCanonicalizer.TryCanonicalize(input, out var url, out var error));
        Assert.Null(url);
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Refuses_overlong_urls()
    {
        var url = "https://example.com/" + new string('a', UrlCanonicalizer.MaxLength);
        Assert.False(UrlCanonicalizer.TryCanonicalize(url, out _, out var error));
        Assert.Contains("longer than", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Is_idempotent()
    {
        var once = UrlCanonicalizer.Canonicalize("https://Example.com:443/x/y?utm_source=a&q=1#frag");
        var twice = UrlCanonicalizer.Canonicalize(once.ToString());
        Assert.Equal(once, twice);
    }
}
