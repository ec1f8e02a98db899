using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary><c>GET /api/articles/{id}/versions</c>: the timeline, each version with when it was first and last seen and how it changed.</summary>
public sealed class ListVersions(ArticleReader reader)
{
    /// <summary>Answers the timeline.</summary>
    [Function(nameof(ListVersions))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/versions")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (head, problem) = await RouteValues.FindHeadAsync(reader, id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return problem!;
        }

        var articleId = head.Id;

        var timeline = await reader.ListTimelineAsync(articleId, cancellationToken).ConfigureAwait(false);
        var changes = (await reader.ListChangesAsync(articleId, cancellationToken).ConfigureAwait(false)).ToDictionary(c => c.Record.ToVersion);
        return ApiResults.Json(new
        {
            id = articleId.Value,
            url = head.Url,
            versions = timeline.Select(v => new
            {
                number = v.Number,
                title = v.Title,
                firstSeenAt = v.FirstSeenAt,
                lastSeenAt = v.LastSeenAt,
                seenCount = v.SeenCount,
                recordSha256 = v.RecordSha256,
                originalSha256 = v.OriginalSha256,
                textSha256 = v.TextSha256,
                change = changes.TryGetValue(v.Number, out var c)
                    ? new { verdict = c.Record.Verdict, flipOf = c.Record.FlipOf, kinds = c.Record.Kinds, wordsAdded = c.Record.WordsAdded, wordsRemoved = c.Record.WordsRemoved }
                    : null,
                links = new { self = Routes.Version(articleId.Value, v.Number), original = Routes.Original(articleId.Value, v.Number) },
            }),
        });
    }
}
