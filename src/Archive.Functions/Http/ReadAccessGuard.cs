using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Http;

/// <summary>
/// Enforces <see cref="ApiOptions.ReadAccess"/> on the read endpoints: the HTTP functions declared
/// <c>AuthorizationLevel.Anonymous</c> (write endpoints are declared Function and keyed by the host itself). Called by
/// the worker middleware in Azure and by the local runner, so both honour one setting the same way.
/// </summary>
public sealed class ReadAccessGuard(IOptions<ApiOptions> options)
{
    private readonly ApiOptions _options = options.Value;

    /// <summary>True when read requests need a key.</summary>
    public bool Enabled => _options.ReadAccess == ReadAccess.Function;

    /// <summary>True for the functions the setting governs: HTTP functions declared Anonymous.</summary>
    public static bool Governs(HttpTriggerAttribute? trigger) => trigger is { AuthLevel: AuthorizationLevel.Anonymous };

    /// <summary>True for the function a method implements when the setting governs it.</summary>
    public static bool Governs(MethodInfo? method) =>
        method is not null && Governs(method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null));

    /// <summary>The problem to answer with when the request may not read, or null when it may.</summary>
    public IActionResult? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enabled)
        {
            return null;
        }

        return FunctionKeys.Carries(request, _options.ReadKey!)
            ? null
            : ErrorAnswers.For(request.Path, RequestFailures.KeyRequired("Reading this archive needs a key: send it in the x-functions-key header or the code query parameter."));
    }
}
