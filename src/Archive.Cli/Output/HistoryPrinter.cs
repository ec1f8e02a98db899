using System.Globalization;
using System.Text.Json;

namespace Archive.Cli.Output;

/// <summary>Prints timelines, change logs and verification results for people.</summary>
public static class HistoryPrinter
{
    /// <summary>Prints the versions, the change log and the latest checks.</summary>
    public static void Print(TextWriter output, JsonElement versions, JsonElement changes, JsonElement checks)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"Article {versions.GetProperty("id").GetString()}  {versions.GetProperty("url").GetString()}");
        output.WriteLine();
        output.WriteLine("Versions");
        foreach (var v in versions.GetProperty("versions").EnumerateArray())
        {
            var change = v.TryGetProperty("change", out var c) && c.ValueKind == JsonValueKind.Object
                ? $"{c.GetProperty("verdict").GetString()}: {string.Join(", ", c.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()))} (+{c.GetProperty("wordsAdded").GetInt32()}/-{c.GetProperty("wordsRemoved").GetInt32()} words)"
                : "first capture";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  v{v.GetProperty("number").GetInt32()}  {Time(v, "firstSeenAt")} .. {Time(v, "lastSeenAt")}  seen {v.GetProperty("seenCount").GetInt32()}x  {change}"));
            output.WriteLine($"      {v.GetProperty("title").GetString()}");
            output.WriteLine($"      record {v.GetProperty("recordSha256").GetString()}");
        }

        output.WriteLine();
        output.WriteLine("Change log");
        var any = false;
        foreach (var change in changes.GetProperty("changes").EnumerateArray())
        {
            any = true;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  v{change.GetProperty("from").GetInt32()} -> v{change.GetProperty("to").GetInt32()}  {Time(change, "at")}  {change.GetProperty("verdict").GetString()}: {string.Join(", ", change.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()))}  +{change.GetProperty("wordsAdded").GetInt32()}/-{change.GetProperty("wordsRemoved").GetInt32()} words"));
            foreach (var field in change.GetProperty("metadataChanges").EnumerateArray())
            {
                output.WriteLine($"      {field.GetProperty("field").GetString()}: \"{Str(field, "from")}\" -> \"{Str(field, "to")}\"");
            }

            foreach (var span in change.GetProperty("diff").EnumerateArray().Where(s => s.GetProperty("op").GetString() != "equal"))
            {
                var sign = span.GetProperty("op").GetString() == "insert" ? "+" : "-";
                output.WriteLine($"      {sign} {Shorten(span.GetProperty("text").GetString()!.Trim())}");
            }
        }

        if (!any)
        {
            output.WriteLine("  (no edits recorded)");
        }

        output.WriteLine();
        output.WriteLine("Latest checks");
        foreach (var check in checks.GetProperty("checks").EnumerateArray())
        {
            output.WriteLine($"  {Time(check, "at")}  {check.GetProperty("outcome").GetString(),-14} {check.GetProperty("trigger").GetString(),-8} {Str(check, "reason")}");
            if (check.TryGetProperty("otherTextChange", out var other) && other.ValueKind == JsonValueKind.Object)
            {
                output.WriteLine($"      outside the article text: {other.GetProperty("passage").GetString()}");
            }
        }
    }

    /// <summary>Prints a verification result.</summary>
    public static void PrintVerification(TextWriter output, JsonElement result)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine(result.GetProperty("found").GetBoolean() ? "FOUND" : "NOT FOUND");
        output.WriteLine(result.GetProperty("summary").GetString());
        foreach (var v in result.GetProperty("versions").EnumerateArray())
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Version {v.GetProperty("number").GetInt32()}: first seen {Time(v, "firstSeenAt")}, last seen {Time(v, "lastSeenAt")} ({v.GetProperty("seenCount").GetInt32()} checks)"));
            if (v.TryGetProperty("matchedHash", out var matched))
            {
                output.WriteLine($"  matched:         {matched.GetString()} hash");
            }

            if (v.TryGetProperty("context", out var context))
            {
                output.WriteLine($"  in context:      {context.GetString()}");
            }

            output.WriteLine($"  record:          {v.GetProperty("recordSha256").GetString()}");
            output.WriteLine($"  original bytes:  {v.GetProperty("originalSha256").GetString()}");
            output.WriteLine($"  normalized text: {v.GetProperty("textSha256").GetString()}");
            if (v.TryGetProperty("paragraphProof", out var proof))
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  paragraph proof: {proof.GetProperty("paragraphs").GetArrayLength()} whole paragraph(s) of {proof.GetProperty("treeSize").GetInt32()}, root {proof.GetProperty("root").GetString()} (save it with --json; check it with 'archive verify --paragraph-proof FILE')"));
            }
            else if (v.TryGetProperty("paragraphProofUnavailable", out var why))
            {
                output.WriteLine($"  paragraph proof: none. {why.GetString()}");
            }
        }

        if (result.TryGetProperty("closest", out var closest) && closest.ValueKind == JsonValueKind.Object)
        {
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Closest: version {closest.GetProperty("number").GetInt32()} ({closest.GetProperty("similarity").GetDouble():P0} of the words)"));
            output.WriteLine("  " + string.Concat(closest.GetProperty("differences").EnumerateArray().Select(s => s.GetProperty("op").GetString() switch
            {
                "insert" => "{+" + s.GetProperty("text").GetString() + "+}",
                "delete" => "[-" + s.GetProperty("text").GetString() + "-]",
                _ => s.GetProperty("text").GetString(),
            })));
            output.WriteLine("  ([-passage-] {+archived text+})");
        }
    }

    private static string Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.TryGetDateTimeOffset(out var time) ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "-";

    private static string Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "-";

    private static string Shorten(string text) => text.Length > 140 ? text[..140] + "…" : text;
}
