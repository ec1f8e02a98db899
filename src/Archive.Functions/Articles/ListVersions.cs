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
        return ApiResults.Json(new TimelineView(
            articleId.Value,
            head.Url,
            timeline.Select(v => new TimelineVersionView(
                v.Number,
                v.Title,
                v.FirstSeenAt,
                v.LastSeenAt,
                v.SeenCount,
                v.RecordSha256,
                v.OriginalSha256,
                v.TextSha256,
                changes.TryGetValue(v.Number, out var c)
                    ? new ChangeInShortView(c.Record.Verdict, c.Record.FlipOf, c.Record.Kinds, c.Record.WordsAdded, c.Record.WordsRemoved)
                    : null,
                new TimelineVersionLinks(Routes.Version(articleId.Value, v.Number), Routes.Original(articleId.Value, v.Number))))));
    }
}
