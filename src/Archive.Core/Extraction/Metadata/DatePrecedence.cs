using System.Globalization;
using System.Text.RegularExpressions;

namespace Archive.Core.Extraction.Metadata;

/// <summary>A date and where it was read (<c>json-ld</c>, <c>og</c>, <c>meta</c>, <c>microdata</c>, <c>time</c>, <c>text</c>).</summary>
internal readonly record struct SourcedDate(string Source, DateTimeOffset? Value);

/// <summary>
/// Picks the publication and update dates: what the page declares comes first, in the order given, as long as it is
/// sane; what the page shows around its headline fills the gaps. Two rules keep a declared date honest: a JSON-LD
/// publication date later than its own update date is not taken, and a page that shows an earlier publication day
/// than it declares (a re-stamped or migrated page) is taken at its word. A page that neither declares nor shows a
/// publication date is dated by the day in its address (<c>/2025/11/14/</c>, source <c>url</c>); failing that, a page
/// that shows only when it was updated ("Updated March 5, 2025") is dated by that update, its source marked
/// <c>-updated</c> (<c>text-updated</c>, <c>time-updated</c>) so the two are never confused.
/// </summary>
internal static partial class DatePrecedence
{
    /// <summary>A publication declared later than its own update by more than this is a slip of the page's markup.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromDays(1);

    /// <summary>The furthest time zone behind UTC.</summary>
    private static readonly TimeSpan WestmostOffset = TimeSpan.FromHours(12);

    /// <summary>The publication date and its source.</summary>
    public static SourcedDate Published(IReadOnlyList<SourcedDate> declared, SourcedDate? jsonLdModified, ShownDates shownDates, Uri? address)
    {
        var shown = shownDates.Published;
        var pick = declared.FirstOrDefault(d => d.Value is { } value &&
            !(d.Source == "json-ld" && jsonLdModified?.Value is { } modified && value - modified > Slack));
        if (pick.Value is not { } chosen)
        {
            return shown is { } only ? new SourcedDate(only.Source, only.Value)
                : DayInAddress(address) is { } day ? new SourcedDate("url", day)
                : shownDates.Modified is { } updated && declared.All(d => d.Value is null) ? new SourcedDate(updated.Source + "-updated", updated.Value)
                : default;
        }

        return shown is { } visible && ShowsEarlierDay(visible.Value, chosen) ? new SourcedDate(visible.Source, visible.Value) : pick;
    }

    /// <summary>
    /// True when the day shown is earlier than the declared moment's day in every time zone (UTC-12 is the furthest
    /// behind): "Nov 18" under a page declaring 2019-11-19T00:04Z is the same moment in New York, not an earlier day.
    /// </summary>
    private static bool ShowsEarlierDay(DateTimeOffset shown, DateTimeOffset declared) =>
        DateOnly.FromDateTime(shown.DateTime) < DateOnly.FromDateTime(declared.UtcDateTime - WestmostOffset);

    /// <summary>The day in an article's address, as blogs and news sites write it: <c>/2025/11/14/slug</c> or <c>/2025-11-14-slug</c>.</summary>
    public static DateTimeOffset? DayInAddress(Uri? address)
    {
        if (address is null || DayInPath().Match(address.AbsolutePath) is not { Success: true } match)
        {
            return null;
        }

        var (year, month, day) = (int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture));
        return year is >= DateText.MinYear and <= DateText.MaxYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero)
            : null;
    }

    [GeneratedRegex(@"/(?<y>(?:19|20)\d{2})(?<s>[/-])(?<m>\d{1,2})\k<s>(?<d>\d{1,2})(?:[/_-]|\.html?$|$)", RegexOptions.CultureInvariant)]
    private static partial Regex DayInPath();

    /// <summary>The update date and its source.</summary>
    public static SourcedDate Modified(IReadOnlyList<SourcedDate> declared, ShownDate? shown)
    {
        var pick = declared.FirstOrDefault(d => d.Value is not null);
        return pick.Value is not null || shown is not { } visible ? pick : new SourcedDate(visible.Source, visible.Value);
    }
}
