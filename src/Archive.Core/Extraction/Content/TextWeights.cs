using System.Text;

namespace Archive.Core.Extraction.Content;

/// <summary>
/// How much a piece of text counts: characters, with letters of scripts written without spaces weighing more (a
/// Japanese or Chinese sentence says in 30 characters what an English one says in 90), and comparison keys.
/// </summary>
internal static class TextWeights
{
    /// <summary>The weight of one character.</summary>
    public static int Weight(char c) => c switch
    {
        < '\u3000' => 1,
        >= '\u3040' and <= '\u30ff' or >= '\u3400' and <= '\u9fff' or >= '\uf900' and <= '\ufaff' => 3,
        >= '\uac00' and <= '\ud7af' => 2,
        _ => 1,
    };

    /// <summary>The weighted length of <paramref name="text"/>.</summary>
    public static int WeightedLength(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            length += Weight(c);
        }

        return length;
    }

    /// <summary>The weighted length of <paramref name="builder"/> from <paramref name="start"/> on.</summary>
    public static int WeightedLength(StringBuilder builder, int start)
    {
        var length = 0;
        for (var i = start; i < builder.Length; i++)
        {
            length += Weight(builder[i]);
        }

        return length;
    }

    /// <summary>Characters that are not white space.</summary>
    public static int CountLetters(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>A comparison key: letters and digits only, lower case.</summary>
    public static string Key(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
