using System.Text;

namespace Archive.Core.Fetching;

/// <summary>
/// Makes text that came from a server (a reason phrase, a header value, a parser's message quoting raw bytes) fit
/// to be kept in a reason people read: printable ASCII only, other characters shown as <c>\xNN</c>, and cut short.
/// </summary>
public static class ReasonText
{
    /// <summary>The longest piece of server text quoted in a reason.</summary>
    public const int MaxQuoted = 120;

    /// <summary><paramref name="text"/> as printable ASCII of at most <paramref name="max"/> characters.</summary>
    public static string Printable(string? text, int max = MaxQuoted)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(Math.Min(text.Length, max) + 8);
        foreach (var c in text)
        {
            if (builder.Length >= max)
            {
                return builder.Append("...").ToString();
            }

            if (c is >= ' ' and <= '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(c <= 0xFF ? $"\\x{(int)c:X2}" : $"\\u{(int)c:X4}");
            }
        }

        return builder.ToString();
    }
}
