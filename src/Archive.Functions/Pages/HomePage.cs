using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Archive.Functions.Pages;

/// <summary><c>GET /</c>: the submit form and the latest captures.</summary>
public sealed class HomePage(PageQueries queries)
{
    /// <summary>Answers the home page.</summary>
    /// <remarks>
    /// The route matches only the empty path (the Functions host's usual way of serving the root), so it shadows nothing.
    /// A function key given as <c>?code=</c> is carried into the form's action, because the submit route requires one
    /// and a plain HTML form cannot send headers.
    /// </remarks>
    [Function(nameof(HomePage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var latest = await queries.LatestCapturesAsync(cancellationToken).ConfigureAwait(false);
        return new PageResult(HomeView.Render(latest, PageInput.WithKey(request, PageRoutes.Submit)));
    }
}
