using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;

namespace Archive.Functions.Http;

/// <summary>
/// Renders an <see cref="HttpFailure"/> the way the path's clients read it: RFC 9457 problem details for the API
/// (<c>/api/...</c>), our HTML error page for the pages people open.
/// </summary>
public static class ErrorAnswers
{
    /// <summary>True for paths of the API (everything under <c>/api</c>).</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments(Routes.Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The answer to <paramref name="failure"/> for a request to <paramref name="path"/>.</summary>
    public static IActionResult For(PathString path, HttpFailure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        if (!IsApi(path))
        {
            // The submit form takes one URL a line: say which line is at fault.
            var detail = failure.Errors is { Count: > 0 } lines ? string.Join(" ", lines.Select(e => $"Line {e.Index + 1}: {e.Message}")) : failure.Detail;
            return PageResult.Error(failure.Status, failure.Status == StatusCodes.Status404NotFound ? ErrorText.NotFound : ErrorText.BadRequest, detail + KeyHint(failure));
        }

        return ApiResults.Problem(failure.Status, failure.Title, failure.Detail, failure.Type,
            failure.Errors is { } errors ? new Dictionary<string, object?> { ["errors"] = errors } : null);
    }

    // A form cannot send headers: on pages the key travels as ?code=.
    private static string KeyHint(HttpFailure failure) =>
        failure.Status == StatusCodes.Status401Unauthorized ? " Open the site as /?code=KEY so its forms carry the key." : string.Empty;

    /// <summary>Writes the answer to <paramref name="failure"/>, unless the response has started (then nothing can be said).</summary>
    public static async Task WriteAsync(HttpContext context, HttpFailure failure)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Response.HasStarted)
        {
            return;
        }

        await For(context.Request.Path, failure).ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
    }
}
