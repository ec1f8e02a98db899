using System.Globalization;

namespace Archive.Functions.Http;

/// <summary>What a download answers to a <c>Range</c> request.</summary>
public enum RangeOutcome
{
    /// <summary>200 with the whole file: no Range, one this server ignores (malformed, several ranges, another unit), or a stale <c>If-Range</c>.</summary>
    Whole,

    /// <summary>206 with one range of the file.</summary>
    Partial,

    /// <summary>416: the range starts at or after the end of the file.</summary>
    Unsatisfiable,
}

/// <summary>The answer to a Range request: its outcome and, for a partial answer, the bytes to send.</summary>
/// <param name="Outcome">What to answer.</param>
/// <param name="Start">The first byte to send.</param>
/// <param name="Length">How many bytes to send.</param>
public readonly record struct RangeAnswer(RangeOutcome Outcome, long Start, long Length)
{
    /// <summary>The last byte sent (inclusive), as <c>Content-Range</c> writes it.</summary>
    public long End => Start + Length - 1;
}

/// <summary>
/// Range requests (RFC 9110, section 14) over a file of known length: a single byte range is served as 206, a range past
/// the end is 416, and a Range header that cannot be read (or asks for several ranges) is ignored, as the RFC allows.
/// </summary>
public static class ByteRanges
{
    /// <summary>Decides what to send of a file of <paramref name="length"/> bytes whose entity tag is <paramref name="etag"/>.</summary>
    /// <param name="range">The request's <c>Range</c> header, if any.</param>
    /// <param name="ifRange">The request's <c>If-Range</c> header, if any: the range is served only when it names this very file.</param>
    /// <param name="length">The file's length.</param>
    /// <param name="etag">The file's strong entity tag, quoted.</param>
    public static RangeAnswer Evaluate(string? range, string? ifRange, long length, string etag)
    {
        var whole = new RangeAnswer(RangeOutcome.Whole, 0, length);
        if (string.IsNullOrWhiteSpace(range))
        {
            return whole;
        }

        // A date or a weak or different tag in If-Range means the client's copy may be another file: send all of it.
        if (!string.IsNullOrEmpty(ifRange) && !string.Equals(ifRange.Trim(), etag, StringComparison.Ordinal))
        {
            return whole;
        }

        var text = range.Trim();
        if (!text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return whole;
        }

        var specs = text[6..].Split(',').Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        if (specs.Count != 1)
        {
            return whole;
        }

        var spec = specs[0];
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return whole;
        }

        var (first, last) = (spec[..dash].Trim(), spec[(dash + 1)..].Trim());
        if (first.Length == 0)
        {
            // A suffix: the last N bytes.
            if (!TryDigits(last, out var suffix))
            {
                return whole;
            }

            return suffix == 0 || length == 0
                ? new RangeAnswer(RangeOutcome.Unsatisfiable, 0, 0)
                : new RangeAnswer(RangeOutcome.Partial, Math.Max(0, length - suffix), Math.Min(suffix, length));
        }

        if (!TryDigits(first, out var start))
        {
            return whole;
        }

        var end = long.MaxValue;
        if (last.Length > 0 && (!TryDigits(last, out end) || end < start))
        {
            return whole;
        }

        if (start >= length)
        {
            return new RangeAnswer(RangeOutcome.Unsatisfiable, 0, 0);
        }

        end = Math.Min(end, length - 1);
        return new RangeAnswer(RangeOutcome.Partial, start, end - start + 1);
    }

    /// <summary>The <c>Content-Range</c> of an answer: <c>bytes START-END/LENGTH</c>, or <c>bytes */LENGTH</c> for a 416.</summary>
    public static string ContentRange(RangeAnswer answer, long length) => answer.Outcome == RangeOutcome.Partial
        ? string.Create(CultureInfo.InvariantCulture, $"bytes {answer.Start}-{answer.End}/{length}")
        : string.Create(CultureInfo.InvariantCulture, $"bytes */{length}");

    // Digits only; a number too large for a long saturates (it is past the end of any file).
    private static bool TryDigits(string text, out long value)
    {
        value = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            return false;
        }

        value = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : long.MaxValue;
        return true;
    }
}
