using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Archive.Functions.Articles;

/// <summary>Parses route values, answering a problem when they are malformed.</summary>
public static class RouteValues
{
    /// <summary>Parses an article id.</summary>
    public static bool TryArticleId(string? value, out ArticleId id, out IActionResult? problem)
    {
        problem = null;
        if (ArticleId.TryParse(value, out id))
        {
            return true;
        }

        problem = ApiResults.BadRequest($"'{Shorten(value)}' is not an article id (32 hex characters).");
        return false;
    }

    /// <summary>Parses an article id and reads its head: the head, or the problem (400 for a malformed id, 404 for an unknown one).</summary>
    public static async Task<(ArticleHead? Head, IActionResult? Problem)> FindHeadAsync(ArticleReader reader, string? id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (!TryArticleId(id, out var articleId, out var problem))
        {
            return (null, problem);
        }

        var head = await reader.GetHeadAsync(articleId, cancellationToken).ConfigureAwait(false);
        return head is null ? (null, ApiResults.ArticleNotFound(articleId)) : (head, null);
    }

    /// <summary>Parses a version number.</summary>
    public static bool TryVersionNumber(string? value, out int number, out IActionResult? problem)
    {
        problem = null;
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0)
        {
            return true;
        }

        problem = ApiResults.BadRequest($"'{Shorten(value)}' is not a version number (1, 2, ...).");
        return false;
    }

    /// <summary>Reads and canonicalizes the <c>?url=</c> query value; <paramref name="whenMissing"/> says what to give.</summary>
    public static bool TryUrlQuery(HttpRequest request, string whenMissing, [NotNullWhen(true)] out CanonicalUrl? canonical, [NotNullWhen(false)] out IActionResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        canonical = null;
        var url = request.Query["url"].ToString();
        if (string.IsNullOrWhiteSpace(url))
        {
            problem = ApiResults.BadRequest(whenMissing);
            return false;
        }

        if (!UrlCanonicalizer.TryCanonicalize(url, out canonical, out var error))
        {
            problem = ApiResults.BadRequest(error);
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>
    /// Reads the long-poll parameters of <c>GET /api/articles/{id}</c>: <c>waitFor=check</c>, <c>after</c> (checks to
    /// wait beyond, default 0) and <c>timeout</c> (seconds, 1 to 60, default 30). A null wait means "answer at once".
    /// </summary>
    public static bool TryWaitQuery(HttpRequest request, out CheckWait? wait, [NotNullWhen(false)] out IActionResult? problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        wait = null;
        problem = null;
        var query = request.Query;
        if (!query.ContainsKey("waitFor"))
        {
            if (query.ContainsKey("after") || query.ContainsKey("timeout"))
            {
                problem = ApiResults.BadRequest("'after' and 'timeout' go with 'waitFor=check'.");
                return false;
            }

            return true;
        }

        if (query["waitFor"].ToString() != "check")
        {
            problem = ApiResults.BadRequest($"'waitFor' must be 'check', not '{Shorten(query["waitFor"].ToString())}'.");
            return false;
        }

        var max = (int)ArticleWaiter.MaxWait.TotalSeconds;
        if (!TryInt(query, "after", 0, 0, int.MaxValue, out var after) || !TryInt(query, "timeout", CheckWait.DefaultSeconds, 1, max, out var seconds))
        {
            problem = ApiResults.BadRequest($"'after' must be a whole number of checks (0 or more) and 'timeout' a whole number of seconds from 1 to {max}.");
            return false;
        }

        wait = new CheckWait(after, TimeSpan.FromSeconds(seconds));
        return true;
    }

    private static bool TryInt(IQueryCollection query, string name, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (!query.TryGetValue(name, out var raw))
        {
            return true;
        }

        return raw.Count == 1 && int.TryParse(raw.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    private static string Shorten(string? value) => value is null ? string.Empty : value.Length > 80 ? value[..80] + "…" : value;
}

/// <summary>A client's request to wait for a check: a finished check after the <paramref name="After"/>th, for at most <paramref name="Timeout"/>.</summary>
public sealed record CheckWait(int After, TimeSpan Timeout)
{
    /// <summary>How long a wait lasts when the client does not say.</summary>
    public const int DefaultSeconds = 30;
}
