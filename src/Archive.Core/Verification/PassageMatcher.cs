namespace Archive.Core.Verification;

/// <summary>Finds the stretch of a text most like a passage that it does not hold verbatim.</summary>
public static class PassageMatcher
{
    /// <summary>
    /// The window of <paramref name="text"/>, as many words long as <paramref name="passage"/>, sharing the most words
    /// with it (as a bag); null when they share none.
    /// </summary>
    public static (double Similarity, string Excerpt)? Closest(string passage, string text)
    {
        ArgumentNullException.ThrowIfNull(passage);
        ArgumentNullException.ThrowIfNull(text);
        var needle = Words(passage);
        var words = Words(text);
        if (needle.Count == 0 || words.Count == 0)
        {
            return null;
        }

        var want = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var word in needle)
        {
            want[word] = want.GetValueOrDefault(word) + 1;
        }

        var have = new Dictionary<string, int>(StringComparer.Ordinal);
        var size = Math.Min(needle.Count, words.Count);
        int overlap = 0, best = -1, bestStart = 0;
        for (var i = 0; i < words.Count; i++)
        {
            overlap += Add(words[i], +1);
            if (i >= size)
            {
                overlap += Add(words[i - size], -1);
            }

            if (i >= size - 1 && overlap > best)
            {
                best = overlap;
                bestStart = i - size + 1;
            }
        }

        if (best <= 0)
        {
            return null;
        }

        var excerpt = string.Join(' ', words.Skip(bestStart).Take(size));
        return ((double)best / needle.Count, excerpt);

        // Adds or removes one word from the window; returns the change in overlap with the passage.
        int Add(string word, int delta)
        {
            var before = Math.Min(have.GetValueOrDefault(word), want.GetValueOrDefault(word));
            have[word] = have.GetValueOrDefault(word) + delta;
            var after = Math.Min(have[word], want.GetValueOrDefault(word));
            return after - before;
        }
    }

    private static List<string> Words(string text) => [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];
}
