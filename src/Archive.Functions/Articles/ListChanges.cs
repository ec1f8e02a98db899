using Archive.Core.Versions;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Articles;

/// <summary><c>GET /api/articles/{id}/changes</c>: the change log: what changed between consecutive versions, with word diffs.</summary>
public sealed class ListChanges(ArticleReader reader)
{
    /// <summary>Answers the change log, oldest first.</summary>
    [Function(nameof(ListChanges))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/articles/{id}/changes")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (head, problem) = await RouteValues.FindHeadAsync(reader, id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return problem!;
        }

        var articleId = head.Id;

        var changes = await reader.ListChangesAsync(articleId, cancellationToken).ConfigureAwait(false);
        return ApiResults.Json(new ChangeLogView(
            articleId.Value,
            head.Url,
            changes.Select(c => new ChangeView(
                c.Record.FromVersion,
                c.Record.ToVersion,
                c.Record.At,
                c.Record.Verdict,
                c.Record.FlipOf,
                c.Record.Kinds,
                c.Record.MetadataChanges,
                c.Record.WordsAdded,
                c.Record.WordsRemoved,
                c.Record.Diff,
                c.Record.FromRecordSha256,
                c.Record.ToRecordSha256,
                c.ChangeSha256))));
    }
}
