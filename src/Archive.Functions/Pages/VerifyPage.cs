using Archive.Core.Urls;
using Archive.Core.Verification;
using Archive.Functions.Http;
using Archive.Functions.Pages.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Pages;

/// <summary>
/// <c>GET|POST /verify</c>: paste a passage or a hash for an article and see which versions hold it. GET with
/// <c>?article=&amp;passage=</c> makes a result linkable; the form posts, because passages can be long.
/// </summary>
public sealed class VerifyPage(VerificationService verification, IOptions<ApiOptions> options)
{
    /// <summary>Answers the verify page.</summary>
    [Function(nameof(VerifyPage))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "verify")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string article, passage;
        if (HttpMethods.IsPost(request.Method))
        {
            var (form, error) = await PageInput.ReadFormAsync(request, options.Value.MaxBodyBytes, "the passage", cancellationToken).ConfigureAwait(false);
            if (form is null)
            {
                return error!;
            }

            (article, passage) = (form["article"].ToString().Trim(), form["passage"].ToString());
        }
        else
        {
            (article, passage) = (request.Query["article"].ToString().Trim(), request.Query["passage"].ToString());
        }

        if (article.Length == 0 && passage.Length == 0)
        {
            return new PageResult(VerifyView.Render(null, null, null));
        }

        if (article.Length == 0 || string.IsNullOrWhiteSpace(passage))
        {
            return new PageResult(VerifyView.Render(article, passage, null, "Give both an article and a passage or hash."), StatusCodes.Status400BadRequest);
        }

        // The one box takes an article id or a URL, and a passage or a hash, as people have them at hand.
        var byId = ArticleId.TryParse(article, out _);
        var isHash = IsSha256(passage);
        var query = new VerifyRequest(byId ? article : null, byId ? null : article, isHash ? null : passage, isHash ? passage.Trim().ToLowerInvariant() : null);
        // A contradictory request throws VerifyRequestException: ExceptionMiddleware answers the error page.
        var result = await verification.VerifyAsync(query, cancellationToken).ConfigureAwait(false);
        return result is null
            ? new PageResult(VerifyView.Render(article, passage, null, "No such article is archived."), StatusCodes.Status404NotFound)
            : new PageResult(VerifyView.Render(article, passage, result));
    }

    private static bool IsSha256(string value) => value.Trim() is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit);
}
