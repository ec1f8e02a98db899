using System.Text;
using Archive.Core.Extraction.Parsing;

namespace Archive.Core.Extraction.Metadata;

/// <summary>A date the page shows and where it was read: <c>time</c> (a time element's datetime) or <c>text</c>.</summary>
internal readonly record struct ShownDate(DateTimeOffset Value, string Source);

/// <summary>The publication and update dates the page shows around its headline.</summary>
internal readonly record struct ShownDates(ShownDate? Published, ShownDate? Modified);

/// <summary>
/// Finds the dates a page shows around its headline (see <see cref="ArticleRegion"/>): <c>&lt;time datetime&gt;</c>
/// elements (and microformat <c>&lt;abbr title&gt;</c> dates) and days written in text ("November 14, 2025", "14.11.2025"), never inside comment sections, cards of
/// other stories or the like. A date labelled "Updated" (in any of the languages <see cref="DateText"/> knows) is the
/// update; one labelled "Published", or else the first unlabelled one, is the publication, those after the headline
/// before those above it. An unlabelled date inside a long passage is prose, not a dateline.
/// </summary>
internal static class VisibleDateFinder
{
    /// <summary>An unlabelled date in a line longer than this is taken for prose.</summary>
    public const int MaxDatelineLength = 150;

    private enum Side
    {
        After,
        Before,
    }

    private readonly record struct Candidate(ShownDate Date, DateLabel Label, Side Side);

    /// <summary>The shown dates; <paramref name="monthFirst"/> reads "03/04/2025" as March 4.</summary>
    public static ShownDates Find(ArticleRegion region, bool monthFirst)
    {
        var candidates = new List<Candidate>();
        var nodes = region.Dom.Nodes;
        var line = new StringBuilder();
        var masked = new List<(int Start, int End)>();
        var times = new List<(int At, DateTimeOffset Value, DateLabel Label)>();
        var side = Side.Before;
        var skipUntil = -1;

        void Flush()
        {
            if (line.Length > 0)
            {
                Read(line.ToString(), masked, times, side, monthFirst, candidates);
            }

            line.Clear();
            masked.Clear();
            times.Clear();
        }

        for (var i = region.Start; i < region.End; i++)
        {
            if (i == region.Headline)
            {
                // The headline's own words are not its date.
                Flush();
                side = Side.After;
                i = nodes[i].End - 1;
                continue;
            }

            var node = nodes[i];
            if (node.Tag != Tag.Text)
            {
                if (Tags.IsBlock(node.Tag) || node.Tag == Tag.Br)
                {
                    Flush();
                }

                if (region.IsExcluded(i))
                {
                    // Nothing inside an excluded part is read: skip it whole.
                    i = node.End - 1;
                    continue;
                }

                if (MachineDate(node) is { } value)
                {
                    var start = line.Length;
                    var text = region.Text(i);
                    line.Append(text).Append(' ');
                    masked.Add((start, line.Length));
                    times.Add((start, value, LabelOf(node.Source)));
                    skipUntil = node.End;
                }

                continue;
            }

            if (i < skipUntil || region.IsExcluded(i))
            {
                continue;
            }

            line.Append(node.Text).Append(' ');
        }

        Flush();
        return new ShownDates(Pick(candidates, DateLabel.Published) ?? Pick(candidates, DateLabel.None), Pick(candidates, DateLabel.Updated));
    }

    private static void Read(string line, List<(int Start, int End)> masked, List<(int At, DateTimeOffset Value, DateLabel Label)> times, Side side, bool monthFirst, List<Candidate> candidates)
    {
        foreach (var (at, value, declaredLabel) in times)
        {
            var label = declaredLabel != DateLabel.None ? declaredLabel : DateText.LabelBefore(line, at);
            candidates.Add(new Candidate(new ShownDate(value, "time"), label, side));
        }

        var prose = line.Trim().Length > MaxDatelineLength;
        foreach (var date in DateText.Find(line, monthFirst))
        {
            if (masked.Any(m => date.Index >= m.Start && date.Index < m.End) || (prose && date.Label == DateLabel.None))
            {
                continue;
            }

            var value = new DateTimeOffset(date.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            candidates.Add(new Candidate(new ShownDate(value, "text"), date.Label, side));
        }
    }

    private static ShownDate? Pick(List<Candidate> candidates, DateLabel label)
    {
        foreach (var side in (Side[])[Side.After, Side.Before])
        {
            foreach (var candidate in candidates)
            {
                if (candidate.Label == label && candidate.Side == side)
                {
                    return candidate.Date;
                }
            }
        }

        return null;
    }

    /// <summary>The machine-readable date of a <c>time</c> element, or of an <c>abbr</c> as microformats write one (<c>title="2025-12-19T15:18:00-05:00"</c>).</summary>
    private static DateTimeOffset? MachineDate(DomNode node) =>
        node.Tag == Tag.Time ? DateValue.Parse(node.Source.GetAttributeValue("datetime", null))
        : node.Tag == Tag.Other && node.Source.Name == "abbr" && node.Source.HasAttributes ? DateValue.Parse(node.Source.GetAttributeValue("title", null))
        : null;

    /// <summary>What a time element's itemprop or class says it is.</summary>
    private static DateLabel LabelOf(HtmlAgilityPack.HtmlNode time)
    {
        var names = (time.GetAttributeValue("itemprop", "") + " " + time.GetAttributeValue("class", "")).ToLowerInvariant();
        if (names.Contains("modified", StringComparison.Ordinal) || names.Contains("updated", StringComparison.Ordinal))
        {
            return DateLabel.Updated;
        }

        return names.Contains("published", StringComparison.Ordinal) || names.Contains("datecreated", StringComparison.Ordinal) ? DateLabel.Published : DateLabel.None;
    }
}
