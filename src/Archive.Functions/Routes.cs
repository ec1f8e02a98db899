namespace Archive.Functions;

/// <summary>Paths of the API's resources, as clients should follow them.</summary>
public static class Routes
{
    /// <summary>The prefix every HTTP function's route sits under (host.json <c>extensions.http.routePrefix</c>).</summary>
    public const string Prefix = "/api";

    /// <summary>An article.</summary>
    public static string Article(string id) => $"{Prefix}/articles/{id}";

    /// <summary>A version of an article.</summary>
    public static string Version(string id, int number) => $"{Article(id)}/versions/{number}";

    /// <summary>The timeline of an article.</summary>
    public static string Versions(string id) => $"{Article(id)}/versions";

    /// <summary>The original bytes of a version.</summary>
    public static string Original(string id, int number) => $"{Version(id, number)}/original";
}
