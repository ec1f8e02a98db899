using System.Globalization;
using System.Text;

namespace Archive.Core.Memento;

/// <summary>The links of a Memento answer: where the original, the TimeGate, the TimeMap and each memento are.</summary>
/// <param name="Original">The original resource (URI-R).</param>
/// <param name="TimeGate">The TimeGate for it.</param>
/// <param name="TimeMap">The TimeMap for it.</param>
/// <param name="Memento">The URI of a version's memento (URI-M).</param>
/// <remarks>The TimeGate, TimeMap and memento URIs may be relative references when the request named no host.</remarks>
public sealed record MementoLinks(Uri Original, Uri TimeGate, Uri TimeMap, Func<int, Uri> Memento);

/// <summary>Writes RFC 7089 links: TimeMaps in <c>application/link-format</c> (RFC 6690) and <c>Link</c> header values.</summary>
public static class LinkFormat
{
    /// <summary>The media type of a TimeMap.</summary>
    public const string MediaType = "application/link-format";

    /// <summary>A date as HTTP writes it (RFC 9110 IMF-fixdate), as Memento-Datetime and <c>datetime</c> attributes use.</summary>
    public static string HttpDate(DateTimeOffset date) => date.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    /// <summary>Parses an <c>Accept-Datetime</c> value (an RFC 1123 date in GMT).</summary>
    public static bool TryParseHttpDate(string? value, out DateTimeOffset date) =>
        DateTimeOffset.TryParseExact(value?.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out date);

    /// <summary>The TimeMap of a history: the original, itself, the TimeGate, then every memento with its datetime.</summary>
    public static string TimeMap(MementoHistory history, MementoLinks links)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(links);
        var mementos = history.Mementos;
        var lines = new List<string>
        {
            Link(links.Original, "original"),
            Link(links.TimeMap, "self", ("type", MediaType), ("from", HttpDate(mementos[0].Datetime)), ("until", HttpDate(mementos[^1].Datetime))),
            Link(links.TimeGate, "timegate"),
        };
        for (var i = 0; i < mementos.Count; i++)
        {
            var rel = (i == 0 ? "first " : string.Empty) + (i == mementos.Count - 1 ? "last " : string.Empty) + "memento";
            lines.Add(Link(links.Memento(mementos[i].Number), rel, ("datetime", HttpDate(mementos[i].Datetime))));
        }

        return string.Join(",\n", lines) + "\n";
    }

    /// <summary>The <c>Link</c> header of a memento or a TimeGate answer: the original, the TimeGate and the TimeMap.</summary>
    public static string Header(MementoLinks links, bool timeGate = true)
    {
        ArgumentNullException.ThrowIfNull(links);
        var parts = new List<string> { Link(links.Original, "original") };
        if (timeGate)
        {
            parts.Add(Link(links.TimeGate, "timegate"));
        }

        parts.Add(Link(links.TimeMap, "timemap", ("type", MediaType)));
        return string.Join(", ", parts);
    }

    /// <summary>A link target as written: absolute URIs in full, relative references as given.</summary>
    public static string Text(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsAbsoluteUri ? target.AbsoluteUri : target.OriginalString;
    }

    private static string Link(Uri target, string rel, params (string Name, string Value)[] attributes)
    {
        var link = new StringBuilder().Append('<').Append(Text(target)).Append(">; rel=\"").Append(rel).Append('"');
        foreach (var (name, value) in attributes)
        {
            link.Append("; ").Append(name).Append("=\"").Append(value).Append('"');
        }

        return link.ToString();
    }
}
