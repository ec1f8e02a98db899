using Archive.Core.Verification;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Verification;

/// <summary>
/// <c>POST /api/verify</c> with <c>{"articleId" or "url", "passage" or "sha256"}</c>: which versions hold the passage
/// or the hash, when each was first and last seen, with the hashes as evidence; or "not found" with the closest version.
/// </summary>
public sealed class Verify(VerificationService verification, IOptions<ApiOptions> options)
{
    /// <summary>Answers the verification.</summary>
    [Function(nameof(Verify))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/verify")] HttpRequest request,
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
            if (document!.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                return ApiResults.BadRequest("The body must be a JSON object such as {\"articleId\": \"...\", \"passage\": \"...\"}.");
            }

            var (query, bindProblem) = JsonBody.Bind<VerifyRequest>(document.RootElement, "verification request");
            if (bindProblem is not null)
            {
                return bindProblem;
            }

            // A contradictory request throws VerifyRequestException: ExceptionMiddleware answers 400 with its message.
            var result = await verification.VerifyAsync(query!, cancellationToken).ConfigureAwait(false);
            return result is null ? ApiResults.NotFound("No such article is archived.") : ApiResults.Json(result);
        }
    }
}
