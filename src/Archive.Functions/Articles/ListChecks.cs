using System.Globalization;
using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary><c>GET /api/articles/{id}/checks</c>: every capture attempt and how it ended, newest first (noise and suspect checks included).</summary>
public sealed class ListChecks(ArticleReader reader)
{
    /// <summary>Answers the checks, newest first (<c>?max=</c>, default 100, at most 1000).</summary>
    [Function(nameof(ListChecks))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/checks")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem))
        {
            return problem!;
        }

        var max = 100;
        var maxText = request.Query["max"].ToString();
        if (maxText.Length > 0 && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > 1000))
        {
            return ApiResults.BadRequest("max must be a number from 1 to 1000.");
        }

        var head = await reader.GetHeadAsync(articleId, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return ApiResults.ArticleNotFound(articleId);
        }

        var checks = await reader.ListChecksAsync(articleId, max, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(new ChecksView(
            articleId.Value,
            head.Url,
            head.NextCheckAt,
            checks.Select(c => new CheckView(
                c.At,
                c.Outcome.ToCode(),
                c.Noise,
                c.Reason,
                c.Trigger,
                c.StatusCode,
                c.Version,
                c.OriginalSha256,
                c.TextSha256,
                c.Attempt,
                c.WillRetry,
                c.LastFailure?.ToCode(),
                c.OtherTextChange is { } other ? new OtherTextChangeView(other.WordsAdded, other.WordsRemoved, other.Render(), other.Passage) : null,
                c.Duration?.TotalMilliseconds))));
    }
}
