using System.Globalization;

namespace Archive.Core.Extraction.Metadata;

/// <summary>Reads the machine-readable dates pages declare (ISO 8601, RFC 1123, compact forms, Unix times).</summary>
internal static class DateValue
{
    private static readonly string[] Formats = ["yyyyMMdd", "yyyyMMddHHmmss", "yyyy-MM-dd HH:mm:ss zzz", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd", "dd.MM.yyyy", "dd.MM.yyyy HH:mm"];

    /// <summary>The date in <paramref name="value"/>, or null when it is not one or not a plausible publication date.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > 64)
        {
            return null;
        }

        // "+0500" offsets, which .NET does not read, become "+05:00".
        if (text.Length > 5 && (text[^5] is '+' or '-') && text[^4..].All(char.IsAsciiDigit) && text.Contains('T', StringComparison.Ordinal))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        DateTimeOffset? parsed = null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var any))
        {
            parsed = any;
        }
        else if (DateTimeOffset.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var exact))
        {
            parsed = exact;
        }
        else if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch) && epoch is > 100_000_000 and < 100_000_000_000_000)
        {
            parsed = epoch > 100_000_000_000 ? DateTimeOffset.FromUnixTimeMilliseconds(epoch) : DateTimeOffset.FromUnixTimeSeconds(epoch);
        }

        return parsed is { } date && IsPlausible(date) ? date : null;
    }

    /// <summary>Placeholders (year 1, the Unix epoch) and far-off years are not dates anyone published on.</summary>
    public static bool IsPlausible(DateTimeOffset date) =>
        date.Year is >= 1900 and <= DateText.MaxYear && date.UtcDateTime != DateTime.UnixEpoch;
}
