using System.Net;
using Archive.Testing;
using Archive.Testing.Warc;

namespace Archive.Functions.Tests.Export;

/// <summary>A capture that followed a redirect, with a query string: its index is still warcio.js's, line for line.</summary>
public sealed class WarcRedirectIndexTests
{
    [Fact]
    public async Task Redirect_hops_and_query_strings_index_as_warcio_js_indexes_them()
    {
        await using var stack = await ApiStack.StartAsync();
        stack.Pages.SetFile("story", "article-syria-2024.html");
        stack.Pages.SetHandler("old", context =>
        {
            context.Response.Redirect("/story" + context.Request.QueryString, permanent: true);
            return Task.CompletedTask;
        });
        var id = await stack.CaptureAsync("old?id=7&cat=world", "article-syria-2024.html");

        using var warc = await stack.Http.GetAsync(new Uri($"api/articles/{id}/warc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, warc.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"archive-redirect-{Guid.NewGuid():N}.warc.gz");
        try
        {
            await File.WriteAllBytesAsync(path, await warc.Content.ReadAsByteArrayAsync());
            var checkedWarc = await WarcCheck.RunAsync(path);
            Assert.True(checkedWarc.Valid, string.Join('\n', checkedWarc.Errors));
            Assert.Equal(["warcinfo", "request", "response", "request", "response", "metadata", "conversion"], checkedWarc.Records.Select(r => r.Type));

            var ours = (await stack.Http.GetStringAsync(new Uri($"api/articles/{id}/warc?format=cdxj", UriKind.Relative))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var theirs = await CdxjCheck.WarcioLinesAsync(path, $"{id}.warc.gz");
            Assert.Equal(theirs.Order(StringComparer.Ordinal), ours);

            // The hop (no media type: its response had no Content-Type) and the page, each under its sorted-query key.
            var port = stack.Pages.BaseAddress.Port;
            Assert.Contains(ours, l => l.StartsWith($"1,0,0,127:{port})/old?cat=world&id=7 ", StringComparison.Ordinal) && l.Contains("\"status\":\"301\"", StringComparison.Ordinal) && !l.Contains("\"mime\"", StringComparison.Ordinal));
            Assert.Contains(ours, l => l.StartsWith($"1,0,0,127:{port})/story?cat=world&id=7 ", StringComparison.Ordinal) && l.Contains("\"mime\":\"text/html\",\"status\":\"200\"", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
