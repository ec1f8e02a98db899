using Archive.Core.Capture;
using Archive.Functions.Http;
using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Pages;

/// <summary>
/// <c>POST /submit</c>: the home page's form. Same submission service and the same function-key rule as
/// <c>POST /api/captures</c>; one URL leads to its article page, several to a list of what was queued.
/// </summary>
public sealed class SubmitPage(SubmissionService submissions, IOptions<ApiOptions> options)
{
    /// <summary>Accepts the form: <c>urls</c> (one a line), <c>tags</c> (comma-separated), <c>source</c>.</summary>
    [Function(nameof(SubmitPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "submit")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (form, error) = await PageInput.ReadFormAsync(request, options.Value.MaxBodyBytes, "the URLs to archive", cancellationToken).ConfigureAwait(false);
        if (form is null)
        {
            return error!;
        }

        var urls = form["urls"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            return PageResult.Error(StatusCodes.Status400BadRequest, ErrorText.BadRequest, "Enter at least one URL.");
        }

        var tags = form["tags"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var source = form["source"].ToString().Trim() is { Length: > 0 } s ? s : null;
        // An invalid line throws SubmissionRejectedException: ExceptionMiddleware answers the error page, line by line.
        var accepted = await submissions.SubmitAsync(urls.Select(u => new CaptureSubmission(u, tags, source)).ToList(), cancellationToken).ConfigureAwait(false);
        if (accepted.Count == 1)
        {
            // Post/redirect/get: reloading the article page does not submit again.
            return PageInput.SeeOther(request, PageRoutes.Article(accepted[0].Id.Value));
        }

        return new PageResult(HomeView.Queued(accepted.Select(a => (a.Id.Value, a.Url.ToString())).ToList()), StatusCodes.Status202Accepted);
    }
}
