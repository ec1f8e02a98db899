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

    private static string Shorten(string? value) => value is null ? string.Empty : value.Length > 80 ? value[..80] + "…" : value;
}
