using System.Text;

namespace Archive.Cli.Batch;

/// <summary>One URL to capture, from line <paramref name="Line"/> of a list.</summary>
public sealed record CaptureItem(int Line, string Url, IReadOnlyList<string> Tags, string? Source);

/// <summary>
/// Reads a list of URLs for <c>archive capture --from</c>: one URL a line, or CSV whose header names a <c>url</c>
/// column and optionally <c>tags</c> (separated by <c>;</c> or <c>|</c>) and <c>source</c>. Blank lines and lines
/// starting with <c>#</c> are skipped. Commas inside quoted CSV fields are kept.
/// </summary>
public static class CaptureList
{
    /// <summary>Parses the text of a list; tags and source given on the command line apply to every item as well.</summary>
    /// <exception cref="FormatException">The CSV header has no <c>url</c> column, or a row is malformed.</exception>
    public static IReadOnlyList<CaptureItem> Parse(string text, IReadOnlyList<string>? tags = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.ReplaceLineEndings("\n").Split('\n')
            .Select((line, index) => (Number: index + 1, Text: line.Trim().TrimStart('\uFEFF')))
            .Where(l => l.Text.Length > 0 && !l.Text.StartsWith('#'))
            .ToList();
        if (lines.Count == 0)
        {
            return [];
        }

        var header = SplitCsv(lines[0].Text, lines[0].Number).Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (!header.Contains("url"))
        {
            // A plain list: the whole line is the URL.
            return lines.Select(l => new CaptureItem(l.Number, l.Text, tags ?? [], source)).ToList();
        }

        var (url, tagsColumn, sourceColumn) = (header.IndexOf("url"), header.IndexOf("tags"), header.IndexOf("source"));
        return lines.Skip(1).Select(l =>
        {
            var fields = SplitCsv(l.Text, l.Number);
            string? Field(int column) => column >= 0 && column < fields.Count && fields[column].Trim() is { Length: > 0 } value ? value : null;
            var rowTags = (Field(tagsColumn) ?? string.Empty).Split([';', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return new CaptureItem(l.Number, Field(url) ?? string.Empty, [.. tags ?? [], .. rowTags], Field(sourceColumn) ?? source);
        }).ToList();
    }

    // RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes.
    private static List<string> SplitCsv(string line, int number)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException($"Line {number}: a quoted field is not closed.");
        }

        fields.Add(field.ToString());
        return fields;
    }
}
