using System.Text;
using Archive.Core.Capture;
using Archive.Core.Fetching;
using Archive.Core.Hashing;

namespace Archive.Testing;

/// <summary>Fetched pages as the capture's fetch stage hands them to the decision, for tests of the decision alone.</summary>
public static class TestResponses
{
    /// <summary>A response of <paramref name="status"/> with <paramref name="html"/> as its body; a 2xx carries the hash of its bytes.</summary>
    public static FetchedPage Page(Uri url, DateTimeOffset at, string html, int status = 200, string mediaType = "text/html", params HeaderField[] headers)
    {
        var body = Encoding.UTF8.GetBytes(html);
        var response = new FetchResult
        {
            RequestedUrl = url,
            FinalUrl = url,
            StartedAt = at,
            CompletedAt = at,
            StatusCode = status,
            ReasonPhrase = status == 200 ? "OK" : "Status",
            HttpVersion = "1.1",
            Headers = headers,
            ContentType = mediaType + "; charset=utf-8",
            MediaType = mediaType,
            Body = body,
        };
        var page = new FetchedPage { Response = response, Elapsed = TimeSpan.FromMilliseconds(20) };
        return page.IsSuccess ? page with { OriginalHash = ContentHash.Of(body) } : page;
    }
}
