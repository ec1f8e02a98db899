using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Functions.Pages;

/// <summary>What the feed functions share: the site's address as the request reached it, and the feed's answer.</summary>
public static class FeedSite
{
    /// <summary>The site's base address, for the absolute links feed readers need.</summary>
    public static Uri Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new Uri($"{request.Scheme}://{request.Host.Value}/");
    }

    /// <summary>A feed answer. Atom is data, not a page: it is sent as <c>application/atom+xml</c>, never sniffed.</summary>
    public static IActionResult Result(HttpRequest request, string xml)
    {
        ArgumentNullException.ThrowIfNull(request);
        PageResult.AddSecurityHeaders(request.HttpContext.Response);
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = AtomFeed.MediaType, Content = xml };
    }
}
