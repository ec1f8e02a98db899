using System.Net;
using System.Net.Http.Headers;
using Archive.Testing;

namespace Archive.Browser.Tests;

/// <summary>The site replay is served from reads WACZ packages by ranges: it must answer them as a web server does.</summary>
public sealed class StaticSiteTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archive-site-").FullName;
    private readonly string _other = Directory.CreateTempSubdirectory("archive-site-").FullName;

    [Fact]
    public async Task Serves_ranges_whole_files_and_folders_as_one_site()
    {
        var bytes = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        await File.WriteAllBytesAsync(Path.Combine(_folder, "a.wacz"), bytes);
        await File.WriteAllTextAsync(Path.Combine(_other, "sw.js"), "self.x = 1;");
        await using var site = await StaticSite.StartAsync(_folder, _other);
        using var http = new HttpClient { BaseAddress = site.BaseAddress };

        using var range = new HttpRequestMessage(HttpMethod.Get, "a.wacz") { Headers = { Range = new RangeHeaderValue(100, 109) } };
        using var partial = await http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal("bytes 100-109/1000", partial.Content.Headers.ContentRange?.ToString());
        Assert.Equal(bytes[100..110], await partial.Content.ReadAsByteArrayAsync());

        // The end of the file, as a zip reader asks for it (a suffix longer than the file is the whole file).
        using var suffix = new HttpRequestMessage(HttpMethod.Get, "a.wacz") { Headers = { Range = new RangeHeaderValue(null, 65_558) } };
        using var tail = await http.SendAsync(suffix);
        Assert.Equal(HttpStatusCode.PartialContent, tail.StatusCode);
        Assert.Equal(bytes, await tail.Content.ReadAsByteArrayAsync());

        using var beyond = new HttpRequestMessage(HttpMethod.Get, "a.wacz") { Headers = { Range = new RangeHeaderValue(5000, 5010) } };
        using var unsatisfiable = await http.SendAsync(beyond);
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal("bytes */1000", unsatisfiable.Content.Headers.ContentRange?.ToString());

        using var whole = await http.GetAsync(new Uri("a.wacz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        Assert.Equal("bytes", whole.Headers.AcceptRanges.Single());
        Assert.Equal("application/wacz", whole.Content.Headers.ContentType?.MediaType);

        // A service worker's script must be served as JavaScript.
        using var script = await http.GetAsync(new Uri("sw.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("missing.js", UriKind.Relative))).StatusCode);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        Directory.Delete(_other, recursive: true);
    }
}
