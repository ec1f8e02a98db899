using System.Globalization;
using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary>
/// <c>GET /api/articles/{id}/diff?from=1&amp;to=3</c>: the word-level diff between any two versions, as JSON, or as
/// readable text with <c>?format=text</c>.
/// </summary>
public sealed class DiffVersions(ArticleReader reader)
{
    /// <summary>Answers the diff.</summary>
    [Function(nameof(DiffVersions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/diff")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!RouteValues.TryArticleId(id, out var articleId, out var problem))
        {
            return problem!;
        }

        if (!RouteValues.TryVersionNumber(request.Query["from"].ToString(), out var from, out problem) ||
            !RouteValues.TryVersionNumber(request.Query["to"].ToString(), out var to, out problem))
        {
            return problem!;
        }

        var format = request.Query["format"].ToString();
        if (format is not ("" or "json" or "text"))
        {
            return ApiResults.BadRequest("format must be json or text.");
        }

        var diff = await reader.DiffAsync(articleId, from, to, cancellationToken).ConfigureAwait(false);
        if (diff is null)
        {
            return ApiResults.NotFound($"Article {articleId} has no version {from} or no version {to}.");
        }

        if (format == "text")
        {
            return new ContentResult { StatusCode = 200, ContentType = "text/plain; charset=utf-8", Content = diff.RenderText() };
        }

        return ApiResults.Json(new DiffView(
            articleId.Value,
            new DiffSideView(diff.From.Number, diff.From.FirstSeenAt, diff.From.RecordSha256, diff.From.Record.Metadata.Title),
            new DiffSideView(diff.To.Number, diff.To.FirstSeenAt, diff.To.RecordSha256, diff.To.Record.Metadata.Title),
            diff.MetadataChanges,
            diff.Text.WordsAdded,
            diff.Text.WordsRemoved,
            diff.Text.Spans,
            diff.RenderText(),
            new DiffLinks($"{Routes.Article(articleId.Value)}/diff?from={from.ToString(CultureInfo.InvariantCulture)}&to={to.ToString(CultureInfo.InvariantCulture)}&format=text")));
    }
}
