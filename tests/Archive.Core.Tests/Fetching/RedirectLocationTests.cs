using Archive.Core.Fetching;

namespace Archive.Core.Tests.Fetching;

public sealed class RedirectLocationTests
{
    private static readonly Uri Current = new("http://news.example/section/story?id=1");

    [Theory]
    [InlineData("/other", "http://news.example/other")]
    [InlineData("next", "http://news.example/section/next")]
    [InlineData("//cdn.example/x", "http://cdn.example/x")]
    [InlineData("https://news.example/a b", "https://news.example/a%20b")]
    [InlineData("/caf\u00c3\u00a9", "http://news.example/caf%C3%A9")]
    [InlineData("https://b\u00c3\u00bccher.example/a", "https://b\u00fccher.example/a")]
    [InlineData("?page=2", "http://news.example/section/story?page=2")]
    public void Resolves_references_as_RFC_3986_does(string location, string expected)
    {
        Assert.True(RedirectLocation.TryResolve(Current, [location], out var target, out var problem), problem);
        Assert.Equal(expected, target!.AbsoluteUri);
    }

    [Theory]
    [InlineData("///127.0.0.1:8080/x", "empty host")]
    [InlineData("http:///127.0.0.1:8080/", "empty host")]
    [InlineData("http://127.0.0.1:8080\\@example.com/", "backslash")]
    [InlineData("\\\\127.0.0.1:8080\\x", "backslash")]
    [InlineData("http://%31%32%37.0.0.1:8080/", "percent-encoded host")]
    [InlineData("http://user:pw@example.com/", "user information")]
    [InlineData("https:example.com", "names no host")]
    [InlineData("/a\u0000b", "control characters")]
    [InlineData("http://exa mple.com/", "not a valid URL")]
    public void Refuses_locations_that_parsers_read_differently(string location, string says)
    {
        Assert.False(RedirectLocation.TryResolve(Current, [location], out var target, out var problem));
        Assert.Null(target);
        Assert.Contains(says, problem, StringComparison.Ordinal);
        Assert.True(problem!.All(c => c is >= ' ' and <= '~'), problem);
    }

    [Fact]
    public void Refuses_a_missing_or_repeated_location()
    {
        Assert.False(RedirectLocation.TryResolve(Current, [], out _, out var none));
        Assert.Equal("The redirect has no Location.", none);
        Assert.False(RedirectLocation.TryResolve(Current, ["/a", "/b"], out _, out var two));
        Assert.Contains("2 Location headers", two, StringComparison.Ordinal);
    }
}
