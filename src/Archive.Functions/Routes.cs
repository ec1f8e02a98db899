namespace Archive.Functions;

/// <summary>Paths of the API's resources, as clients should follow them.</summary>
public static class Routes
{
    /// <summary>The prefix of every API route. host.json sets <c>extensions.http.routePrefix</c> to empty so pages for people can sit at the root; API routes carry <c>api/</c> themselves.</summary>
    public const string Prefix = "/api";

    /// <summary>An article.</summary>
    public static string Article(string id) => $"{Prefix}/articles/{id}";

    /// <summary>The article, answered once it has a finished check after its <paramref name="after"/>th (a long poll).</summary>
    public static string WaitForCheck(string id, int after) => $"{Article(id)}?waitFor=check&after={after}";

    /// <summary>A version of an article.</summary>
    public static string Version(string id, int number) => $"{Article(id)}/versions/{number}";

    /// <summary>The timeline of an article.</summary>
    public static string Versions(string id) => $"{Article(id)}/versions";

    /// <summary>The evidence bundle of a version.</summary>
    public static string Evidence(string id, int number) => $"{Version(id, number)}/evidence";

    /// <summary>The original bytes of a version.</summary>
    public static string Original(string id, int number) => $"{Version(id, number)}/original";
}
