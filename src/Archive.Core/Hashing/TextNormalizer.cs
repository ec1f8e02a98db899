using System.Globalization;
using System.Text;

namespace Archive.Core.Hashing;

/// <summary>
/// The comparison form of article text. Two texts that differ only in ways a reader would not call an edit
/// (white space, no-break spaces, soft hyphens, zero-width characters, curly versus straight quotes, dash variants,
/// Unicode composition) normalize to the same string; any change of a word, a letter's case or a digit does not.
/// </summary>
public static class TextNormalizer
{
    /// <summary>Normalizes <paramref name="text"/>: paragraphs are kept (joined by one blank line), everything else is folded.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(composed.Length);
        var pendingSpace = false;
        var pendingBreaks = 0;
        foreach (var rune in composed.EnumerateRunes())
        {
            var value = rune.Value;
            if (value is '\n' or '\u2029' or '\u2028')
            {
                pendingBreaks++;
                continue;
            }

            if (Rune.IsWhiteSpace(rune))
            {
                pendingSpace = true;
                continue;
            }

            if (IsInvisible(value))
            {
                continue;
            }

            if (builder.Length > 0)
            {
                if (pendingBreaks > 0)
                {
                    builder.Append("\n\n");
                }
                else if (pendingSpace)
                {
                    builder.Append(' ');
                }
            }

            pendingSpace = false;
            pendingBreaks = 0;
            AppendFolded(builder, rune);
        }

        return builder.ToString();
    }

    /// <summary>Normalizes a passage for searching: like <see cref="Normalize"/>, but paragraph breaks become single spaces.</summary>
    public static string NormalizeInline(string text) => Normalize(text).Replace("\n\n", " ", StringComparison.Ordinal);

    private static bool IsInvisible(int value) =>
        value is '\u00AD' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u180E' ||
        (value < 0x20 && value != '\t') ||
        CharUnicodeInfo.GetUnicodeCategory(value) == UnicodeCategory.Format;

    private static void AppendFolded(StringBuilder builder, Rune rune)
    {
        switch (rune.Value)
        {
            case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' or '\u00B4' or '\u0060':
                builder.Append('\'');
                break;
            case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' or '\u00AB' or '\u00BB':
                builder.Append('"');
                break;
            case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                builder.Append('-');
                break;
            case '\u2026':
                builder.Append("...");
                break;
            default:
                builder.Append(rune.ToString());
                break;
        }
    }
}
