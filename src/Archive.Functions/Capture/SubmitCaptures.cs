using System.Text.Json;
using Archive.Core.Capture;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Capture;

/// <summary><c>POST /api/captures</c>: accept one URL or a batch, queue their capture, answer 202 with where to look.</summary>
public sealed class SubmitCaptures(SubmissionService submissions, IOptions<ApiOptions> options)
{
    /// <summary>One item of a submission, as posted.</summary>
    public sealed record SubmissionItem(string? Url, List<string>? Tags, string? Source);

    /// <summary>Several URLs sharing tags and a source, as posted.</summary>
    public sealed record SubmissionList(List<string>? Urls, List<string>? Tags, string? Source);

    /// <summary>Accepts <c>{"url","tags","source"}</c>, an array of those, or <c>{"urls": [...], "tags", "source"}</c>.</summary>
    [Function(nameof(SubmitCaptures))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/captures")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (document, problem) = await JsonBody.ReadAsync(request, options.Value.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using (document)
        {
            var (items, single, bindProblem) = Parse(document!.RootElement);
            if (bindProblem is not null)
            {
                return bindProblem;
            }

            // An invalid submission throws SubmissionRejectedException: ExceptionMiddleware answers 400 with every error.
            var accepted = await submissions.SubmitAsync(items!, cancellationToken).ConfigureAwait(false);
            var answers = accepted.Select(a => new QueuedCapture(
                a.Id.Value, a.Url.ToString(), a.IsNewArticle, QueuedCapture.Queued, a.CheckCount, Routes.Article(a.Id.Value), Routes.WaitForCheck(a.Id.Value, a.CheckCount))).ToList();
            if (single)
            {
                request.HttpContext.Response.Headers.Location = answers[0].Location;
                return ApiResults.Json(answers[0], StatusCodes.Status202Accepted);
            }

            return ApiResults.Json(new QueuedCaptures(answers), StatusCodes.Status202Accepted);
        }
    }

    private static (List<CaptureSubmission>? Items, bool Single, IActionResult? Problem) Parse(JsonElement root)
    {
        switch (root.ValueKind)
        {
            case JsonValueKind.Array:
            {
                var (list, problem) = JsonBody.Bind<List<SubmissionItem?>>(root, "submission");
                return problem is not null ? (null, false, problem) : (list!.Select(ToSubmission).ToList(), false, null);
            }

            case JsonValueKind.Object when root.TryGetProperty("urls", out _):
            {
                var (batch, problem) = JsonBody.Bind<SubmissionList>(root, "submission");
                if (problem is not null)
                {
                    return (null, false, problem);
                }

                var urls = batch!.Urls ?? [];
                return (urls.Select(u => new CaptureSubmission(u, batch.Tags, batch.Source)).ToList(), false, null);
            }

            case JsonValueKind.Object:
            {
                var (item, problem) = JsonBody.Bind<SubmissionItem>(root, "submission");
                return problem is not null ? (null, true, problem) : ([ToSubmission(item)], true, null);
            }

            default:
                return (null, false, ApiResults.BadRequest("The body must be a JSON object {\"url\": ...} or an array of them."));
        }
    }

    private static CaptureSubmission ToSubmission(SubmissionItem? item) =>
        item is null ? new CaptureSubmission(null) : new CaptureSubmission(item.Url, item.Tags, item.Source);
}
