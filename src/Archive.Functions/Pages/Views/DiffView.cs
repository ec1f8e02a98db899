using Archive.Core.Versions;

namespace Archive.Functions.Pages.Views;

/// <summary>The diff page: title and metadata changes, then the text with insertions and deletions marked.</summary>
public static class DiffView
{
    /// <summary>Renders the diff between two versions of an article that has <paramref name="latestVersion"/> versions.</summary>
    public static Html Render(ArticleHead head, VersionDiff diff, int latestVersion)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(diff);
        var id = head.Id.Value;
        var (from, to) = (diff.From.Number, diff.To.Number);
        var title = diff.To.Record.Metadata.Title ?? head.Title ?? head.Url;
        var metadata = diff.MetadataChanges.Count == 0
            ? Html.Of($"<p class=\"empty\">No metadata changed.</p>")
            : Html.Of($"""
                <div class="scroll"><table class="metadata-changes" id="metadata-changes">
                <thead><tr><th>Field</th><th>Version {from}</th><th>Version {to}</th></tr></thead>
                <tbody>{diff.MetadataChanges.Select(c => Html.Of($"<tr><th>{c.Field}</th><td><del>{c.From ?? "(none)"}</del></td><td><ins>{c.To ?? "(none)"}</ins></td></tr>"))}</tbody>
                </table></div>
                """);
        var spans = Layout.Spans(diff.Text.Spans);
        return Layout.Page($"Changes to {title}", Html.Of($"""
            <h1>{title}</h1>
            <p class="lede"><a href="{PageRoutes.Article(id)}">Back to the article</a></p>
            <nav class="pager">{Pager(id, from, to, latestVersion)}</nav>
            <h2>Version {from} ({Layout.Time(diff.From.FirstSeenAt)}) → version {to} ({Layout.Time(diff.To.FirstSeenAt)})</h2>
            <p class="words"><ins>+{diff.Text.WordsAdded} words</ins> <del>−{diff.Text.WordsRemoved} words</del></p>
            <h3>Title and metadata</h3>
            {metadata}
            <h3>Text</h3>
            <div class="diff" id="diff">{spans}</div>
            """));
    }

    // Previous and next move along consecutive changes (n-1 → n), whatever pair is shown now.
    private static Html Pager(string id, int from, int to, int latest)
    {
        var at = Math.Max(from, to);
        var previous = at - 1 >= 2 ? Html.Of($"<a rel=\"prev\" id=\"previous-change\" href=\"{PageRoutes.Diff(id, at - 2, at - 1)}\">← previous change</a>") : Html.Empty;
        var next = at + 1 <= latest ? Html.Of($"<a rel=\"next\" id=\"next-change\" href=\"{PageRoutes.Diff(id, at, at + 1)}\">next change →</a>") : Html.Empty;
        return Html.Of($"{previous} {next}");
    }
}
