using System.Globalization;
using System.Text.Json;

namespace Archive.Cli.Output;

/// <summary>Prints articles and versions for people.</summary>
public static class ArticlePrinter
{
    /// <summary>How many lines of clean text to show.</summary>
    public const int TextLines = 6;

    /// <summary>Prints an article's head and, when given, one version in full.</summary>
    public static void Print(TextWriter output, JsonElement head, JsonElement? version)
    {
        ArgumentNullException.ThrowIfNull(output);
        Line(output, "Article", $"{Str(head, "id")}  ({Str(head, "status")}, {Int(head, "latestVersion")} version(s), {Int(head, "checkCount")} check(s))");
        Line(output, "URL", Str(head, "url"));
        if (head.TryGetProperty("lastOutcome", out var outcome) && outcome.ValueKind == JsonValueKind.Object)
        {
            Line(output, "Last check", $"{Str(outcome, "code")} at {Time(head, "lastCheckedAt")}: {Str(outcome, "reason")}");
        }

        if (version is not { } v)
        {
            return;
        }

        var capture = v.GetProperty("capture");
        var metadata = v.GetProperty("metadata");
        output.WriteLine();
        Line(output, "Version", $"{Int(v, "number")}  first seen {Time(v, "firstSeenAt")}, last seen {Time(v, "lastSeenAt")}");
        Line(output, "Requested", Str(capture, "requestedUrl"));
        if (capture.TryGetProperty("redirects", out var redirects))
        {
            foreach (var hop in redirects.EnumerateArray())
            {
                Line(output, "Redirect", $"{Int(hop, "statusCode")} {Str(hop, "url")} -> {Str(hop, "location")}");
            }
        }

        Line(output, "Final URL", Str(capture, "finalUrl"));
        Line(output, "Fetched", $"{Time(capture, "fetchStartedAt")} to {Time(capture, "fetchCompletedAt")}");
        Line(output, "HTTP", $"{Int(capture, "statusCode")} (HTTP/{Str(capture, "httpVersion")}), {Long(capture, "byteLength"):N0} bytes, {Str(capture, "contentType")}, decoded as {Str(capture, "decodedAs")}");
        var headers = capture.GetProperty("headers").EnumerateArray().ToList();
        Line(output, "Headers", $"{headers.Count} kept as received:");
        foreach (var header in headers)
        {
            output.WriteLine($"             {Str(header, "name")}: {Str(header, "value")}");
        }

        Line(output, "SHA-256", $"original bytes  {Str(v, "originalSha256")}");
        Line(output, string.Empty, $"normalized text {Str(v, "textSha256")}");
        Line(output, string.Empty, $"version record  {Str(v, "recordSha256")}");
        Line(output, "Extractor", $"{Str(v.GetProperty("extractor"), "name")} {Str(v.GetProperty("extractor"), "version")}");
        Line(output, "Title", Str(metadata, "title"));
        Line(output, "Authors", List(metadata, "authors"));
        Line(output, "Published", Time(metadata, "publishedTime"));
        Line(output, "Modified", Time(metadata, "modifiedTime"));
        Line(output, "Tags", List(metadata, "tags"));
        Line(output, "Section", Str(metadata, "section"));
        Line(output, "Site", Str(metadata, "siteName"));
        Line(output, "Language", Str(metadata, "language"));
        Line(output, "Canonical", Str(metadata, "canonicalUrl"));
        var submission = v.GetProperty("submission");
        Line(output, "Submitted", $"tags: {List(submission, "tags")}; source: {Str(submission, "source")}; by {Str(submission, "reason")}");
        var text = Str(v, "text");
        var lines = text.Split("\n", StringSplitOptions.RemoveEmptyEntries);
        Line(output, "Text", $"{Int(v, "textLength"):N0} characters, {lines.Length} paragraphs; the first lines:");
        foreach (var line in lines.Take(TextLines))
        {
            output.WriteLine($"  | {Wrap(line)}");
        }
    }

    private static void Line(TextWriter output, string label, string value) =>
        output.WriteLine(label.Length == 0 ? $"{"",-12} {value}" : $"{label + ":",-12} {value}");

    private static string Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "-";

    private static int Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static long Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : 0;

    private static string Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time)
            ? time.ToString("yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture)
            : "-";

    private static string List(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            ? string.Join(", ", value.EnumerateArray().Select(v => v.ToString()))
            : "-";

    private static string Wrap(string line) => line.Length > 110 ? line[..110] + "…" : line;
}
