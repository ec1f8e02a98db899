using System.Globalization;
using Archive.Core.Versions;

namespace Archive.Functions.Pages.Views;

/// <summary>The frame of every page, and small pieces the views share.</summary>
public static class Layout
{
    /// <summary>A whole page: head, navigation, the body, and an optional refresh while something is pending.</summary>
    public static Html Page(string title, Html body, int? refreshSeconds = null) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        {(refreshSeconds is { } seconds ? Html.Of($"<meta http-equiv=\"refresh\" content=\"{seconds}\">") : Html.Empty)}
        <title>{title} · Archive</title>
        <link rel="stylesheet" href="{PageRoutes.Stylesheet}">
        <link rel="alternate" type="application/atom+xml" title="Changes in the archive" href="{PageRoutes.ArchiveFeed}">
        </head>
        <body>
        <header class="site"><a class="brand" href="{PageRoutes.Home}">Archive</a>
        <nav><a href="{PageRoutes.Home}">Submit &amp; latest</a> <a href="{PageRoutes.Verify}">Verify a quote</a> <a href="{PageRoutes.ArchiveFeed}">Feed</a></nav></header>
        <main>
        {body}
        </main>
        <footer>Archived pages are shown as text; their original bytes are served sandboxed.</footer>
        </body>
        </html>
        """);

    /// <summary>A time as people read it, with the exact value in a <c>time</c> element.</summary>
    public static Html Time(DateTimeOffset? at) => at is { } value
        ? Html.Of($"<time datetime=\"{value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}\">{value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}</time>")
        : Html.Text("—");

    /// <summary>A link to a URL from an archived page, only when it is http or https; otherwise the URL as text.</summary>
    public static Html ExternalLink(string? url, string? text = null)
    {
        if (string.IsNullOrEmpty(url))
        {
            return Html.Text("—");
        }

        var safe = Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        return safe ? Html.Of($"<a href=\"{uri!.AbsoluteUri}\" rel=\"noopener noreferrer nofollow\">{text ?? url}</a>") : Html.Text(url);
    }

    /// <summary>A hash, in a form that wraps on a phone.</summary>
    public static Html Hash(string? sha256) => Html.Of($"<code class=\"hash\">{sha256 ?? "—"}</code>");

    /// <summary>A status badge.</summary>
    public static Html Badge(string code) => Html.Of($"<span class=\"badge badge-{code}\">{code}</span>");

    /// <summary>A definition list of label and value pairs.</summary>
    public static Html Facts(IEnumerable<(string Label, Html Value)> rows) =>
        Html.Of($"<dl class=\"facts\">{rows.Select(r => Html.Of($"<dt>{r.Label}</dt><dd>{r.Value}</dd>"))}</dl>");

    /// <summary>A list of strings, each encoded, or a dash.</summary>
    public static Html List(IReadOnlyList<string>? values) =>
        values is { Count: > 0 } ? Html.Join(values.Select((v, i) => Html.Of($"{(i > 0 ? ", " : string.Empty)}{v}"))) : Html.Text("—");

    /// <summary>A word diff: insertions in <c>ins</c>, deletions in <c>del</c>, every word encoded.</summary>
    public static Html Spans(IEnumerable<DiffSpan> spans) => Html.Join((spans ?? []).Select(s => s.Op switch
    {
        DiffOperation.Insert => Html.Of($"<ins>{s.Text}</ins>"),
        DiffOperation.Delete => Html.Of($"<del>{s.Text}</del>"),
        _ => Html.Text(s.Text),
    }));
}
