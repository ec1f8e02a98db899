using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Archive.Core.Extraction;

/// <summary>
/// Writes an <see cref="ExtractionResult"/> as JSON for the command line and the benchmark: <c>articleBody</c>, <c>otherText</c>, the
/// metadata fields, <c>kind</c>, <c>reason</c>, <c>encoding</c> and <c>encodingSource</c>, plus the extractor's name and version when given.
/// </summary>
public static class ExtractionReport
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The result as a JSON object.</summary>
    public static string ToJson(ExtractionResult result, IArticleExtractor? extractor = null, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            Write(writer, result, extractor);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the result as one JSON object to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, ExtractionResult result, IArticleExtractor? extractor = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(result);
        var metadata = result.Metadata;
        writer.WriteStartObject();
        writer.WriteString("articleBody", result.Text);
        writer.WriteString("otherText", result.OtherText);
        writer.WriteString("kind", result.Kind.ToString());
        WriteOptional(writer, "reason", result.Reason);
        WriteOptional(writer, "title", metadata.Title);
        writer.WriteStartArray("authors");
        foreach (var author in metadata.Authors)
        {
            writer.WriteStringValue(author);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "publishedTime", metadata.PublishedTime?.ToString("o", CultureInfo.InvariantCulture));
        WriteOptional(writer, "modifiedTime", metadata.ModifiedTime?.ToString("o", CultureInfo.InvariantCulture));
        writer.WriteStartArray("tags");
        foreach (var tag in metadata.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "section", metadata.Section);
        WriteOptional(writer, "canonicalUrl", metadata.CanonicalUrl);
        WriteOptional(writer, "siteName", metadata.SiteName);
        WriteOptional(writer, "language", metadata.Language);
        WriteOptional(writer, "description", metadata.Description);
        WriteOptional(writer, "leadImage", metadata.LeadImage);
        writer.WriteStartObject("sources");
        foreach (var (field, source) in metadata.Sources.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(field, source);
        }

        writer.WriteEndObject();
        writer.WriteString("encoding", result.Encoding);
        writer.WriteString("encodingSource", result.EncodingSource);
        if (extractor is not null)
        {
            writer.WriteString("extractor", extractor.Name);
            writer.WriteString("extractorVersion", extractor.Version);
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
