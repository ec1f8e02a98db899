namespace Archive.Core.Extraction.Benchmark;

/// <summary>A page and what the extractor said of it.</summary>
/// <param name="Id">The page's id.</param>
/// <param name="Kind">The kind the extractor gave it.</param>
/// <param name="Reason">The extractor's reason, for anything but an article.</param>
public sealed record PageVerdict(string Id, PageKind Kind, string? Reason);

/// <summary>
/// How well a folder was extracted, as the benchmarks' <c>score.py</c> measures it: the mean token precision, recall
/// and F1 over the article pages (pages a ground truth types as something else are left out, as <c>--type article</c>
/// does), the share of "with" and "without" snippets found (as <c>--snippets</c>), and the page-kind confusion.
/// </summary>
/// <param name="ScoredPages">Article pages scored (those missing from the folder count as empty predictions).</param>
/// <param name="Precision">Mean token precision.</param>
/// <param name="Recall">Mean token recall.</param>
/// <param name="F1">Mean token F1 (the mean of the pages' F1, not the F1 of the means).</param>
/// <param name="WithPages">Pages that list "with" snippets.</param>
/// <param name="With">Mean share of "with" snippets found (higher is better).</param>
/// <param name="WithoutPages">Pages that list "without" snippets.</param>
/// <param name="Without">Mean share of "without" snippets found (lower is better).</param>
/// <param name="Articles">Pages the ground truth calls articles.</param>
/// <param name="RefusedArticles">Articles the extractor did not take for articles, with its reasons.</param>
/// <param name="NonArticles">Pages the ground truth types as something else (collections, listings).</param>
/// <param name="AcceptedNonArticles">Those the extractor took for articles.</param>
public sealed record BenchmarkQuality(
    int ScoredPages, double Precision, double Recall, double F1, int WithPages, double With, int WithoutPages, double Without,
    int Articles, IReadOnlyList<PageVerdict> RefusedArticles, int NonArticles, IReadOnlyList<PageVerdict> AcceptedNonArticles)
{
    /// <summary>Measures <paramref name="results"/> (one per page of <paramref name="folder"/>, in order); null when the folder has no ground truth.</summary>
    public static BenchmarkQuality? Measure(BenchmarkFolder folder, IReadOnlyList<ExtractionResult> results)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(results);
        if (folder.Pages.All(p => p.Truth is null) && folder.MissingPages.Count == 0)
        {
            return null;
        }

        var scores = new List<PageScore>();
        var with = new List<double>();
        var without = new List<double>();
        var refused = new List<PageVerdict>();
        var accepted = new List<PageVerdict>();
        var articles = 0;
        var nonArticles = 0;
        for (var i = 0; i < folder.Pages.Count; i++)
        {
            var page = folder.Pages[i];
            var result = results[i];
            if (page.Truth is not { } truth)
            {
                continue;
            }

            if (!truth.IsArticle)
            {
                nonArticles++;
                if (result.IsArticle)
                {
                    accepted.Add(new PageVerdict(page.Id, result.Kind, result.Reason));
                }

                continue;
            }

            articles++;
            if (!result.IsArticle)
            {
                refused.Add(new PageVerdict(page.Id, result.Kind, result.Reason));
            }

            scores.Add(TokenScore.Score(truth.ArticleBody, result.Text));
            if (truth.With.Count > 0)
            {
                with.Add(TokenScore.SnippetShare(result.Text, truth.With));
            }

            if (truth.Without.Count > 0)
            {
                without.Add(TokenScore.SnippetShare(result.Text, truth.Without));
            }
        }

        foreach (var missing in folder.MissingPages.Where(t => t.IsArticle))
        {
            scores.Add(TokenScore.Score(missing.ArticleBody, ""));
        }

        return new BenchmarkQuality(
            scores.Count, Mean(scores.Select(s => s.Precision)), Mean(scores.Select(s => s.Recall)), Mean(scores.Select(s => s.F1)),
            with.Count, Mean(with), without.Count, Mean(without), articles, refused, nonArticles, accepted);
    }

    private static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Sum() / list.Count;
    }
}
