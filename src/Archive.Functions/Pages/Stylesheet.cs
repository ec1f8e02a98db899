using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Pages;

/// <summary><c>GET /static/site.css</c>: the pages' stylesheet, served by us so the strict policy can allow only our origin.</summary>
public sealed class Stylesheet
{
    /// <summary>Answers the stylesheet.</summary>
    [Function(nameof(Stylesheet))]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "static/site.css")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        PageResult.AddSecurityHeaders(request.HttpContext.Response);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return new ContentResult { StatusCode = StatusCodes.Status200OK, ContentType = "text/css; charset=utf-8", Content = SiteStyle.Css };
    }
}
