using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Archive.Functions.Http;

/// <summary>
/// The one rule for function keys, on writes and reads alike, as the Functions host applies it: the key is the
/// <c>x-functions-key</c> header when the request sends one, else the <c>code</c> query parameter (a wrong header is
/// not rescued by a right <c>code</c>); it is compared in fixed time.
/// </summary>
public static class FunctionKeys
{
    /// <summary>The key a request presents: its header when it has one, else its <c>code</c> parameter.</summary>
    public static string Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers["x-functions-key"].ToString() is { Length: > 0 } header ? header : request.Query["code"].ToString();
    }

    /// <summary>True when <paramref name="request"/> presents <paramref name="key"/>.</summary>
    public static bool Carries(HttpRequest request, string key) => Matches(Presented(request), key);

    // Hashing first makes the comparison fixed-time in the length too, so the answer's timing tells nothing about
    // how much of a guess was right.
    private static bool Matches(string given, string key) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
