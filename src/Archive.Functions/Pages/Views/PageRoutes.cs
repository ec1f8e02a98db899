using System.Globalization;

namespace Archive.Functions.Pages.Views;

/// <summary>Paths of the pages for people, declared once (the function routes spell the same templates).</summary>
public static class PageRoutes
{
    /// <summary>The home page: submit, and the latest captures.</summary>
    public const string Home = "/";

    /// <summary>Where the submit form posts.</summary>
    public const string Submit = "/submit";

    /// <summary>The verify page.</summary>
    public const string Verify = "/verify";

    /// <summary>The Atom feed of changes across the archive.</summary>
    public const string ArchiveFeed = "/feeds/changes.atom";

    /// <summary>The stylesheet.</summary>
    public const string Stylesheet = "/static/site.css";

    /// <summary>An article's page, optionally showing the text of one version.</summary>
    public static string Article(string id, int? version = null) =>
        version is { } n ? $"/articles/{id}?version={n.ToString(CultureInfo.InvariantCulture)}" : $"/articles/{id}";

    /// <summary>The diff page between two versions.</summary>
    public static string Diff(string id, int from, int to) =>
        $"/articles/{id}/diff?from={from.ToString(CultureInfo.InvariantCulture)}&to={to.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Where an article's "Re-check now" button posts.</summary>
    public static string Recheck(string id) => $"/articles/{id}/recheck";

    /// <summary>The Atom feed of one article's changes.</summary>
    public static string ArticleFeed(string id) => $"/articles/{id}/changes.atom";
}
