using Archive.Core.Activity;
using Archive.Core.Versions;

namespace Archive.Functions.Pages.Views;

/// <summary>The home page: the submit form and the latest captures with their status.</summary>
public static class HomeView
{
    /// <summary>Renders the page. <paramref name="formAction"/> is where the form posts (with the function key, if any).</summary>
    public static Html Render(IReadOnlyList<ActivityEntry> latest, string formAction)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var rows = latest.Select(e => Html.Of($"""
            <li class="capture"><a href="{PageRoutes.Article(e.Id.Value)}">{e.Title ?? e.Url}</a>
            {Layout.Badge(Status(e))} <span class="meta">{e.Url} · {Layout.Time(e.At)}{(e.Version is { } v ? Html.Of($" · version {v}") : Html.Empty)}</span></li>
            """));
        var list = latest.Count == 0 ? Html.Of($"<p class=\"empty\">Nothing archived yet.</p>") : Html.Of($"<ol class=\"captures\" id=\"latest\">{rows}</ol>");
        return Layout.Page("Archive", Html.Of($"""
            <h1>Archive a news article</h1>
            <form method="post" action="{formAction}" class="submit">
            <label for="urls">URLs, one a line</label>
            <textarea id="urls" name="urls" rows="4" required placeholder="https://example.com/news/story"></textarea>
            <label for="tags">Tags, separated by commas</label>
            <input id="tags" name="tags" type="text">
            <label for="source">Source (where you found it, or who asks)</label>
            <input id="source" name="source" type="text">
            <button type="submit">Archive</button>
            </form>
            <h2>Latest captures</h2>
            {list}
            """));
    }

    /// <summary>The page after several URLs were queued.</summary>
    public static Html Queued(IReadOnlyList<(string Id, string Url)> queued)
    {
        ArgumentNullException.ThrowIfNull(queued);
        return Layout.Page("Queued", Html.Of($"""
            <h1>Queued {queued.Count} article(s)</h1>
            <ol class="captures">{queued.Select(q => Html.Of($"<li><a href=\"{PageRoutes.Article(q.Id)}\">{q.Url}</a></li>"))}</ol>
            <p><a href="{PageRoutes.Home}">Back to the latest captures</a></p>
            """));
    }

    private static string Status(ActivityEntry entry) => entry.Outcome?.ToCode() ?? "pending";
}
