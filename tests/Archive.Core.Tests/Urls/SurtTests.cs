using System.Text.Json;
using Archive.Core.Urls;
using Archive.Testing;

namespace Archive.Core.Tests.Urls;

public sealed class SurtTests
{
    // URL → SURT key, as warcio.js's getSurt (ReplayWeb.page, warcio's CDXIndexer) writes it.
    public static readonly TheoryData<string, string> Keys = new()
    {
        // IP hosts are reversed like names; the port stays unless it is the scheme's default.
        { "http://127.0.0.1:47557/path", "1,0,0,127:47557)/path" },
        { "http://127.1/", "1,0,0,127)/" },
        { "http://[::1]:8080/x", "[::1]:8080)/x" },
        { "http://[2001:DB8::1]/", "[2001:db8::1])/" },
        { "http://example.com:80/", "com,example)/" },
        { "https://example.com:443/", "com,example)/" },
        { "https://example.com:80/", "com,example:80)/" },
        { "http://news.example.co.uk:8080/a", "uk,co,example,news:8080)/a" },

        // www and www with digits go; only as the first label, and only as written in lower case (warcio.js).
        { "http://www.example.com/", "com,example)/" },
        { "http://www2.example.com/a", "com,example)/a" },
        { "http://www.example.com", "com,example)/" },
        { "https://www.Example.com/News/Story?id=1", "com,example)/news/story?id=1" },
        { "https://WWW.Example.com/A?b=1", "com,example,www)/a?b=1" },
        { "http://wwwexample.com/", "com,wwwexample)/" },
        { "http://www.co.uk/", "uk,co)/" },

        // Query parameters sorted, empty and repeated ones kept; an empty query and the fragment dropped.
        { "http://example.com/news?id=7&cat=world", "com,example)/news?cat=world&id=7" },
        { "http://example.com/news?", "com,example)/news" },
        { "http://example.com/?a=&b=&a=", "com,example)/?a=&a=&b=" },
        { "http://example.com/?b=2&a=1&a=0", "com,example)/?a=0&a=1&b=2" },
        { "http://example.com/?&&", "com,example)/?&&" },
        { "http://example.com/?a=1&", "com,example)/?&a=1" },
        { "http://example.com/a#frag", "com,example)/a" },
        { "http://example.com/?q=a b'c", "com,example)/?q=a%20b%27c" },

        // User information is dropped; a www after it stays (warcio.js).
        { "http://user:pw@example.com/x", "com,example)/x" },
        { "http://user@www.example.com/x", "com,example,www)/x" },

        // International names in punycode; the path as a browser writes it.
        { "http://bücher.example/straße?q=ü", "example,xn--bcher-kva)/stra%C3%9Fe?q=%C3%BC" },
        { "http://example.com/😀", "com,example)/%F0%9F%98%80" },
        { "http://example.com", "com,example)/" },
        { "http://example.com/a/./b/../c", "com,example)/a/c" },
        { "http://EXAMPLE.com/%7Efoo/%2e%2e/bar", "com,example)/bar" },
        { "http://example.com/a b", "com,example)/a%20b" },
        { "http://example.com/a\\b", "com,example)/a/b" },
        { "http://example.com/{x}`|", "com,example)/%7Bx%7D%60|" },
        { "http://example.com./x", ",com,example)/x" },

        // Anything that is not http(s) is its own key.
        { "urn:archive:record:x", "urn:archive:record:x" },
        { "dns:example.com", "dns:example.com" },
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Urls_become_the_keys_replay_tools_use(string url, string expected) => Assert.Equal(expected, Surt.Of(url));

    [Fact]
    public async Task The_table_is_what_warcio_js_computes()
    {
        var urls = Keys.Select(row => (string)row[0]).ToList();
        var file = Path.Combine(Path.GetTempPath(), $"archive-surt-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(urls));
            var run = await NodeScript.RunAsync(Path.Combine("tests", "Archive.Testing", "Warc", "surt.mjs"), [file], TimeSpan.FromSeconds(30));
            Assert.True(run.Completed && run.ExitCode == 0, run.Error);
            var theirs = JsonSerializer.Deserialize<List<string>>(run.Output)!;
            Assert.Equal(urls.Select(u => $"{u} → {theirs[urls.IndexOf(u)]}"), urls.Select(u => $"{u} → {Surt.Of(u)}"));
            Assert.Equal(Keys.Select(row => (string)row[1]), theirs);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
