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
    public void A_url_whose_canonical_form_is_too_long_is_refused_although_the_submitted_text_is_short()
    {
        // 1,020 characters as typed; every é becomes %C3%A9 in the canonical form the worker fetches.
        var submitted = "https://example.com/" + new string('é', 1000);
        Assert.True(submitted.Length < UrlCanonicalizer.MaxLength);

        Assert.False(UrlCanonicalizer.TryCanonicalize(submitted, out var url, out var error));
        Assert.Null(url);
        Assert.Contains("6020 characters long once canonicalized", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_canonical_form_of_exactly_the_limit_is_accepted()
    {
        var prefix = "https://example.com/";
        var exact = prefix + new string('é', (UrlCanonicalizer.MaxLength - prefix.Length) / 6) + new string('a', (UrlCanonicalizer.MaxLength - prefix.Length) % 6);
        Assert.True(UrlCanonicalizer.TryCanonicalize(exact, out var url, out var error), error);
        Assert.Equal(UrlCanonicalizer.MaxLength, url.ToString().Length);
        Assert.False(UrlCanonicalizer.TryCanonicalize(exact + "é", out _, out _));
    }

    public static TheoryData<string, string> BadHosts() => new()
    {
        { "https://" + new string('ü', 70) + ".example/a", "not a valid internationalized domain name" },
        { "https://" + new string('a', 64) + ".example/a", "label of 64 characters" },
        { "https://" + string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".example/a", "at most 253" },
        { "https://xn--abc-.example/a", "not a valid internationalized domain name" },
    };

    [Theory]
    [MemberData(nameof(BadHosts))]
    public void Host_names_that_no_resolver_accepts_are_refused(string input, string reason)
    {
        Assert.False(UrlCanonicalizer.TryCanonicalize(input, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://my_site.example.com/a", "https://my_site.example.com/a")]
    [InlineData("https://faß.example/a", "https://xn--fa-hia.example/a")]
    public void Host_names_browsers_accept_stay_valid(string input, string expected)
    {
        var longest = "https://" + string.Join('.', Enumerable.Repeat(new string('a', 63), 3)) + "." + new string('b', 61) + "/";
        Assert.True(UrlCanonicalizer.TryCanonicalize(longest, out _, out var error), error);
        Assert.True(UrlCanonicalizer.TryCanonicalize(input, out var url, out error), error);
        Assert.Equal(expected, url.ToString());
    }

    [Fact]
    public void Is_idempotent()
    {
        var once = UrlCanonicalizer.Canonicalize("https://Example.com:443/x/y?utm_source=a&q=1#frag");
        var twice = UrlCanonicalizer.Canonicalize(once.ToString());
        Assert.Equal(once, twice);
    }
}
