using Archive.Core.Provenance;
using Archive.Core.Verification;
using Archive.Core.Versions;

namespace Archive.Functions.Pages.Views;

/// <summary>What the article page shows.</summary>
public sealed record ArticlePageModel
{
    /// <summary>The article's head.</summary>
    public required ArticleHead Head { get; init; }

    /// <summary>The version whose text and evidence are shown (the latest unless one was asked for); null while none exists.</summary>
    public VersionWithText? Shown { get; init; }

    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<VersionSummary> Timeline { get; init; } = [];

    /// <summary>The change log, oldest first.</summary>
    public IReadOnlyList<ChangeEntry> Changes { get; init; } = [];

    /// <summary>The latest checks, newest first.</summary>
    public IReadOnlyList<CheckRecord> Checks { get; init; } = [];

    /// <summary>The check of the hash chain.</summary>
    public ChainReport? Chain { get; init; }

    /// <summary>Where each version stands with anchoring, oldest first.</summary>
    public IReadOnlyList<VersionAnchorStatus> Anchors { get; init; } = [];
}

/// <summary>The article page: metadata, capture history, version timeline, one version's text and its evidence.</summary>
public static class ArticleView
{
    /// <summary>Renders the page; <paramref name="recheckAction"/> is where the re-check button posts (with the function key, if any).</summary>
    public static Html Render(ArticlePageModel model, string recheckAction)
    {
        ArgumentNullException.ThrowIfNull(model);
        var head = model.Head;
        var id = head.Id.Value;
        var shown = model.Shown?.Version;
        var metadata = shown?.Record.Metadata;
        var title = metadata?.Title ?? head.Title ?? head.Url;
        var pending = head.Status == "pending";
        return Layout.Page(title, Html.Of($"""
            <article class="article">
            <h1 id="title">{title}</h1>
            <p class="lede">{Layout.Badge(head.Status)} {Layout.ExternalLink(head.Url)}</p>
            {(pending ? Html.Of($"<p class=\"pending\">Waiting for the first capture; this page refreshes itself.</p>") : Html.Empty)}
            {Layout.Facts([
                ("Site", Html.Text(metadata?.SiteName ?? head.SiteName ?? "—")),
                ("Authors", Layout.List(metadata?.Authors)),
                ("Published", Layout.Time(metadata?.PublishedTime)),
                ("Modified", Layout.Time(metadata?.ModifiedTime)),
                ("Section", Html.Text(metadata?.Section ?? "—")),
                ("Page tags", Layout.List(metadata?.Tags)),
                ("Canonical URL", Layout.ExternalLink(metadata?.CanonicalUrl)),
                ("Archive tags", Layout.List(head.Tags)),
                ("Sources", Layout.List(head.Sources)),
                ("Submitted", Layout.Time(head.SubmittedAt)),
                ("Last checked", Layout.Time(head.LastCheckedAt)),
                ("Next check", Layout.Time(head.NextCheckAt)),
            ])}
            <p class="actions"><a href="{PageRoutes.ArticleFeed(id)}">Atom feed of its changes</a>
            {(head.LatestVersion > 1 ? Html.Of($" · <a href=\"{PageRoutes.Diff(id, head.LatestVersion - 1, head.LatestVersion)}\">Latest change</a>") : Html.Empty)}
            · <a href="{PageRoutes.Verify}?article={id}">Verify a quote</a></p>
            <form method="post" action="{recheckAction}" class="inline"><button type="submit" id="recheck">Re-check now</button></form>
            <h2>Versions</h2>
            {Timeline(id, model)}
            <h2>Capture history</h2>
            {Checks(model.Checks)}
            {Anchors(id, model.Anchors)}
            {(model.Shown is { } version ? Version(id, version, model.Chain, model.Anchors.FirstOrDefault(a => a.Number == version.Version.Number)) : Html.Empty)}
            </article>
            """), pending ? 1 : null);
    }

    private static Html Timeline(string id, ArticlePageModel model)
    {
        if (model.Timeline.Count == 0)
        {
            return Html.Of($"<p class=\"empty\">No version yet.</p>");
        }

        var changes = model.Changes.ToDictionary(c => c.Record.ToVersion);
        var rows = model.Timeline.Select(v =>
        {
            var change = changes.TryGetValue(v.Number, out var c) ? c.Record : null;
            var what = change is null
                ? Html.Text(v.Number == 1 ? "first capture" : "—")
                : Html.Of($"""
                    {change.Verdict}{(change.FlipOf is { } flip ? Html.Of($" back to version {flip}") : Html.Empty)}: {string.Join(", ", change.Kinds)}
                    <span class="words"><ins>+{change.WordsAdded}</ins> <del>−{change.WordsRemoved}</del></span>
                    <a href="{PageRoutes.Diff(id, change.FromVersion, change.ToVersion)}">diff</a>
                    """);
            return Html.Of($"""
                <tr><td><a href="{PageRoutes.Article(id, v.Number)}">{v.Number}</a></td><td>{v.Title}</td><td>{Layout.Time(v.FirstSeenAt)}</td><td>{Layout.Time(v.LastSeenAt)}</td><td>{v.SeenCount}</td><td>{what}</td></tr>
                """);
        });
        return Html.Of($"""
            <div class="scroll"><table class="timeline" id="timeline">
            <thead><tr><th>#</th><th>Title</th><th>First seen</th><th>Last seen</th><th>Checks</th><th>What changed</th></tr></thead>
            <tbody>{rows}</tbody></table></div>
            """);
    }

    // The passage that changed outside the article text, as a diff under the check's reason.
    private static Html OtherText(OtherTextChange? change) => change is null ? Html.Empty
        : Html.Of($"<div class=\"outside\"><span class=\"words\"><ins>+{change.WordsAdded}</ins> <del>−{change.WordsRemoved}</del></span> outside the article text: <span class=\"diff\">{Layout.Spans(change.Passage)}</span></div>");

    private static Html Checks(IReadOnlyList<CheckRecord> checks)
    {
        if (checks.Count == 0)
        {
            return Html.Of($"<p class=\"empty\">Not checked yet.</p>");
        }

        var rows = checks.Select(c => Html.Of($"""
            <tr><td>{Layout.Time(c.At)}</td><td>{Layout.Badge(c.Outcome.ToCode())}{(c.Noise is { } noise ? Html.Of($" <span class=\"noise\">noise: {noise.ToString().ToLowerInvariant()}</span>") : Html.Empty)}</td><td>{c.Trigger}</td><td>{(c.Version is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : "—")}</td><td>{c.Reason}{OtherText(c.OtherTextChange)}</td></tr>
            """));
        return Html.Of($"""
            <div class="scroll"><table class="checks" id="checks">
            <thead><tr><th>When</th><th>Outcome</th><th>Why checked</th><th>Version</th><th>Reason</th></tr></thead>
            <tbody>{rows}</tbody></table></div>
            """);
    }

    private static Html Anchors(string id, IReadOnlyList<VersionAnchorStatus> anchors)
    {
        if (anchors.Count == 0)
        {
            return Html.Empty;
        }

        var rows = anchors.Select(a => Html.Of($"""
            <tr><td>{a.Number}</td><td>{AnchorState(a)}</td><td>{Layout.Time(a.AnchoredAt)}</td><td>{a.Authority ?? "—"}</td><td><a href="{Routes.Evidence(id, a.Number)}">evidence bundle</a></td></tr>
            """));
        return Html.Of($"""
            <section class="evidence" id="anchors">
            <h2>Time anchors</h2>
            <p>Each version's record hash is anchored in a Merkle tree whose root a timestamp authority signed. Check a bundle offline with <code>archive verify --bundle FILE --trust-root CA.pem</code>.</p>
            <div class="scroll"><table class="anchors">
            <thead><tr><th>Version</th><th>Anchor</th><th>Time</th><th>Authority</th><th>Bundle</th></tr></thead>
            <tbody>{rows}</tbody></table></div>
            </section>
            """);
    }

    private static Html AnchorState(VersionAnchorStatus? anchor) => anchor?.Status switch
    {
        "anchored" when anchor.ProofValid == true => Html.Of($"<span class=\"ok\">proof valid</span>"),
        "anchored" => Html.Of($"<span class=\"broken\">proof invalid</span>"),
        "failed" => Html.Of($"<span class=\"broken\">last attempt failed</span> ({Layout.Time(anchor.LastAttemptAt)}: {anchor.LastFailure}); tried again at the next run"),
        "pending" => Html.Text("not anchored yet (waiting for the next anchor)"),
        "not-configured" => Html.Text("not anchored (no timestamp authority configured)"),
        _ => Html.Text("—"),
    };

    private static Html Version(string id, VersionWithText shown, ChainReport? chain, VersionAnchorStatus? anchor)
    {
        var version = shown.Version;
        var record = version.Record;
        var chainState = chain is null ? Html.Text("not checked")
            : chain.Valid ? Html.Of($"<span class=\"ok\">intact</span> ({chain.Versions} version(s) link up and hash to their names)")
            : Html.Of($"<span class=\"broken\">broken</span>: {string.Join("; ", chain.Problems.Concat(chain.Links.SelectMany(l => l.Problems)))}");
        var paragraphs = (shown.Text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Html.Of($"<p>{p}</p>"));
        return Html.Of($"""
            <h2 id="version">Version {version.Number}</h2>
            <section class="evidence">
            <h3>Evidence</h3>
            {Layout.Facts([
                ("Fetched", Layout.Time(record.Capture.FetchCompletedAt)),
                ("HTTP status", Html.Text(record.Capture.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                ("Final URL", Layout.ExternalLink(record.Capture.FinalUrl)),
                ("Original bytes (SHA-256)", Html.Of($"{Layout.Hash(record.OriginalSha256)} <a href=\"{Routes.Original(id, version.Number)}\">original bytes</a> (sandboxed)")),
                ("Normalized text (SHA-256)", Layout.Hash(record.TextSha256)),
                ("Clean text (SHA-256)", Layout.Hash(record.CleanTextSha256)),
                ("Version record (SHA-256)", Html.Of($"{Layout.Hash(version.RecordSha256)} <a href=\"{Routes.Version(id, version.Number)}\">record as JSON</a>")),
                ("Previous record", Layout.Hash(record.PreviousRecordSha256)),
                ("Hash chain", Html.Of($"{chainState} <a href=\"{Routes.Article(id)}/chain?content=true\">re-check with content</a>")),
                ("Time anchor", Html.Of($"{AnchorState(anchor)}{(anchor?.AnchoredAt is { } at ? Html.Of($", {Layout.Time(at)} by {anchor.Authority}") : Html.Empty)} <a href=\"{Routes.Evidence(id, version.Number)}\">evidence bundle</a>")),
                ("Extractor", Html.Of($"{record.Extractor.Name} {record.Extractor.Version}")),
            ])}
            </section>
            <h3>Clean text</h3>
            <div class="text" id="text">{paragraphs}</div>
            """);
    }
}
