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
        return ApiResults.Json(new
        {
            id = articleId.Value,
            url = head.Url,
            changes = changes.Select(c => new
            {
                from = c.Record.FromVersion,
                to = c.Record.ToVersion,
                at = c.Record.At,
                verdict = c.Record.Verdict,
                flipOf = c.Record.FlipOf,
                kinds = c.Record.Kinds,
                metadataChanges = c.Record.MetadataChanges,
                wordsAdded = c.Record.WordsAdded,
                wordsRemoved = c.Record.WordsRemoved,
                diff = c.Record.Diff,
                fromRecordSha256 = c.Record.FromRecordSha256,
                toRecordSha256 = c.Record.ToRecordSha256,
                changeSha256 = c.ChangeSha256,
            }),
        });
    }
}
