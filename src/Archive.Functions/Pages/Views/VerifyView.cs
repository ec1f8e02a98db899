using Archive.Core.Verification;

namespace Archive.Functions.Pages.Views;

/// <summary>The verify page: a form for an article and a passage or hash, and the answer with its evidence.</summary>
public static class VerifyView
{
    /// <summary>Renders the form, filled with what was asked, and the result when there is one.</summary>
    public static Html Render(string? article, string? passage, VerifyResult? result, string? error = null)
    {
        var answer = error is not null ? Html.Of($"<p class=\"error\" id=\"result\">{error}</p>") : result is null ? Html.Empty : Result(result);
        return Layout.Page("Verify a quote", Html.Of($"""
            <h1>Verify a quote</h1>
            <form method="post" action="{PageRoutes.Verify}" class="verify">
            <label for="article">Article (its id or URL)</label>
            <input id="article" name="article" type="text" required value="{article}">
            <label for="passage">Passage, or a SHA-256 (of an original, a text or a record)</label>
            <textarea id="passage" name="passage" rows="5" required>{passage}</textarea>
            <button type="submit">Verify</button>
            </form>
            {answer}
            """));
    }

    // A passage of whole paragraphs: the proof, checked here as a third party would, and offered as a file to keep.
    private static Html ParagraphProof(VersionEvidence version)
    {
        if (version.ParagraphProof is not { } proof)
        {
            return version.ParagraphProofUnavailable is { } why ? Html.Of($"<p class=\"paragraph-proof none\">No paragraph proof: {why}</p>") : Html.Empty;
        }

        var valid = ParagraphProofChecker.Check(proof).All(s => s.Passed);
        var file = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(proof, Archive.Core.ArchiveJson.Indented);
        var download = "data:application/json;base64," + Convert.ToBase64String(file);
        var name = $"paragraph-proof-{proof.ArticleId}-v{proof.Version}.json";
        var paths = string.Join(", ", proof.Paragraphs.Select(p => p.AuditPath.Count).Distinct());
        return Html.Of($"""
            <div class="paragraph-proof" id="paragraph-proof-{version.Number}">
            <p>Paragraph proof available: {proof.Paragraphs.Count} whole paragraph(s) of {proof.TreeSize}, audit path of {paths} step(s) to the root {Layout.Hash(proof.Root)} named in record {Layout.Hash(proof.RecordSha256)}: <strong>{(valid ? "proof valid" : "proof NOT valid")}</strong>.</p>
            <p><a href="{download}" download="{name}">Download the proof (JSON)</a>; check it offline with <code>archive verify --paragraph-proof {name}</code>.</p>
            </div>
            """);
    }

    private static Html Result(VerifyResult result)
    {
        var versions = result.Versions.Select(v => Html.Of($"""
            <li class="held"><a href="{PageRoutes.Article(result.ArticleId, v.Number)}">Version {v.Number}</a>, first seen {Layout.Time(v.FirstSeenAt)}, last seen {Layout.Time(v.LastSeenAt)} ({v.SeenCount} check(s))
            {(v.Context is { } context ? Html.Of($"<blockquote>{context}</blockquote>") : Html.Empty)}
            {(v.MatchedHash is { } matched ? Html.Of($"<p>Matched the {matched} hash.</p>") : Html.Empty)}
            {ParagraphProof(v)}
            {Layout.Facts([
                ("Version record", Layout.Hash(v.RecordSha256)),
                ("Original bytes", Html.Of($"{Layout.Hash(v.OriginalSha256)} <a href=\"{Routes.Original(result.ArticleId, v.Number)}\">original</a>")),
                ("Normalized text", Layout.Hash(v.TextSha256)),
                ("Clean text", Layout.Hash(v.CleanTextSha256)),
            ])}</li>
            """));
        var closest = result.Closest is { } c
            ? Html.Of($"""
                <h3>Closest: <a href="{PageRoutes.Article(result.ArticleId, c.Number)}">version {c.Number}</a> ({(c.Similarity * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture)}% similar)</h3>
                <div class="diff" id="closest">{Layout.Spans(c.Differences)}</div>
                """)
            : Html.Empty;
        return Html.Of($"""
            <section class="result {(result.Found ? "found" : "not-found")}" id="result">
            <h2>{(result.Found ? "Found" : "Not found")}</h2>
            <p>{result.Summary}</p>
            <p>In <a href="{PageRoutes.Article(result.ArticleId)}">{result.Url}</a></p>
            {(result.Versions.Count > 0 ? Html.Of($"<ol class=\"versions\">{versions}</ol>") : Html.Empty)}
            {closest}
            </section>
            """);
    }
}
