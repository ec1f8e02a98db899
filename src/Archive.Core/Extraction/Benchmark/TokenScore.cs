using System.Globalization;
using System.Text;

namespace Archive.Core.Extraction.Benchmark;

/// <summary>Precision, recall and F1 of one page's tokens.</summary>
public readonly record struct PageScore(double Precision, double Recall, double F1);

/// <summary>
/// Scores an extracted text against the expected one the way the benchmarks' <c>score.py</c> does, so the bench and the
/// official scorer agree: the texts are Unicode NFKC-normalised and lower-cased, a token is a maximal run of characters
/// that are no white space, punctuation, symbol, separator or control/format/unassigned character, and the two token
/// lists are compared as bags. Snippets are matched as <c>score.py --snippets</c> does: lower-cased substrings.
/// </summary>
public static class TokenScore
{
    /// <summary>The tokens of <paramref name="text"/>.</summary>
    public static List<string> Tokenize(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return tokens;
        }

        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var token = new StringBuilder();
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsSeparator(rune))
            {
                if (token.Length > 0)
                {
                    tokens.Add(token.ToString());
                    token.Clear();
                }
            }
            else
            {
                token.Append(rune.ToString());
            }
        }

        if (token.Length > 0)
        {
            tokens.Add(token.ToString());
        }

        return tokens;
    }

    /// <summary>Precision, recall and F1 of <paramref name="predicted"/> against <paramref name="expected"/> (both empty: 1; one empty: 0).</summary>
    public static PageScore Score(string? expected, string? predicted)
    {
        var truth = Bag(Tokenize(expected));
        var prediction = Bag(Tokenize(predicted));
        var truthCount = truth.Values.Sum();
        var predictionCount = prediction.Values.Sum();
        if (truthCount == 0 && predictionCount == 0)
        {
            return new PageScore(1, 1, 1);
        }

        if (truthCount == 0 || predictionCount == 0)
        {
            return new PageScore(0, 0, 0);
        }

        var overlap = 0;
        foreach (var (token, count) in truth)
        {
            overlap += Math.Min(count, prediction.GetValueOrDefault(token));
        }

        var precision = (double)overlap / predictionCount;
        var recall = (double)overlap / truthCount;
        return new PageScore(precision, recall, overlap == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    /// <summary>The share of <paramref name="snippets"/> found in <paramref name="text"/>, ignoring case.</summary>
    public static double SnippetShare(string? text, IReadOnlyList<string> snippets)
    {
        ArgumentNullException.ThrowIfNull(snippets);
        if (snippets.Count == 0)
        {
            return 0;
        }

        var lower = (text ?? "").ToLowerInvariant();
        return (double)snippets.Count(s => lower.Contains(s.ToLowerInvariant(), StringComparison.Ordinal)) / snippets.Count;
    }

    private static Dictionary<string, int> Bag(List<string> tokens)
    {
        var bag = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in tokens)
        {
            bag[token] = bag.GetValueOrDefault(token) + 1;
        }

        return bag;
    }

    private static bool IsSeparator(Rune rune)
    {
        if (Rune.IsWhiteSpace(rune))
        {
            return true;
        }

        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or
                UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or
                UnicodeCategory.OtherPunctuation => true,
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => true,
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => true,
            _ => false,
        };
    }
}
