using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Functions.Pages.Views;

/// <summary>
/// A page of ours, sent with a strict Content-Security-Policy: no scripts at all, styles and images only from our
/// origin, forms only to our origin, never framed. Archived strings are escaped in the markup; the policy is the
/// second wall should an escape ever be missed.
/// </summary>
public sealed class PageResult(Html page, int status = StatusCodes.Status200OK) : IActionResult
{
    /// <summary>The policy our pages are sent with.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>The markup.</summary>
    public Html Page { get; } = page;

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; } = status;

    /// <summary>An error page with a 4xx status.</summary>
    public static PageResult Error(int status, string title, string detail) =>
        new(Layout.Page(title, Html.Of($"<h1>{title}</h1><p class=\"error\">{detail}</p><p><a href=\"{PageRoutes.Home}\">Back to the archive</a></p>")), status);

    /// <summary>Adds our headers to a response.</summary>
    public static void AddSecurityHeaders(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        AddSecurityHeaders(response);
        response.StatusCode = StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(Page.Value);
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, context.HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
