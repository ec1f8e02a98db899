using System.Globalization;
using Archive.Core.Urls;
using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Functions.Pages;

/// <summary>Parses what a page is asked for, answering a readable error page when it is malformed.</summary>
public static class PageInput
{
    /// <summary>Parses an article id.</summary>
    public static bool TryArticleId(string? value, out ArticleId id, out PageResult? error)
    {
        error = ArticleId.TryParse(value, out id) ? null : PageResult.Error(StatusCodes.Status400BadRequest, ErrorText.BadRequest, "That is not an article id (32 hex characters).");
        return error is null;
    }

    /// <summary>Parses an optional version number from the query: absent is null, anything else must be 1, 2, ...</summary>
    public static bool TryVersion(HttpRequest request, string name, out int? number, out PageResult? error)
    {
        ArgumentNullException.ThrowIfNull(request);
        number = null;
        error = null;
        var value = request.Query[name].ToString();
        if (value.Length == 0)
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            number = n;
            return true;
        }

        error = PageResult.Error(StatusCodes.Status400BadRequest, ErrorText.BadRequest, $"'{name}' must be a version number (1, 2, ...).");
        return false;
    }

    /// <summary>The page for an unknown article.</summary>
    public static PageResult ArticleNotFound(ArticleId id) =>
        PageResult.Error(StatusCodes.Status404NotFound, ErrorText.NotFound, $"No article has the id {id.Value}.");

    /// <summary>Reads a posted form of at most <paramref name="maxBytes"/>, or answers why it cannot be read.</summary>
    public static async Task<(IFormCollection? Form, PageResult? Error)> ReadFormAsync(HttpRequest request, long maxBytes, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasFormContentType)
        {
            return (null, PageResult.Error(StatusCodes.Status415UnsupportedMediaType, ErrorText.BadRequest, $"Send {what} as an HTML form."));
        }

        // A browser always sends the length of a form; without one the size cannot be checked before reading.
        if (request.ContentLength is null or <= 0 || request.ContentLength > maxBytes)
        {
            return (null, PageResult.Error(StatusCodes.Status413PayloadTooLarge, ErrorText.BadRequest, $"The form must be sent with a length of at most {maxBytes} bytes."));
        }

        return (await request.ReadFormAsync(cancellationToken).ConfigureAwait(false), null);
    }

    /// <summary>The function key the request carried as <c>?code=</c>, for the forms of the page it answers.</summary>
    public static string? Key(HttpRequest request) =>
        request?.Query["code"].ToString() is { Length: > 0 } code ? code : null;

    /// <summary>A path with the request's function key added, so a form or a redirect keeps it.</summary>
    public static string WithKey(HttpRequest request, string path) =>
        Key(request) is { } code ? $"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}code={Uri.EscapeDataString(code)}" : path;

    /// <summary>303 See Other: after a form post, the browser fetches <paramref name="path"/> (keeping the function key).</summary>
    public static IActionResult SeeOther(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.HttpContext.Response.Headers.Location = WithKey(request, path);
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }
}
