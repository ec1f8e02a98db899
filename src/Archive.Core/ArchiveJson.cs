using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Archive.Core.Urls;

namespace Archive.Core;

/// <summary>The one JSON shape used for records, messages and API answers: camelCase, enums as kebab-case strings, nulls left out.</summary>
public static class ArchiveJson
{
    /// <summary>Options for everything Archive serializes.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented, for people.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Archived text is full of quotes and non-ASCII letters; keep it readable. Pages escape on output.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 32,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        options.Converters.Add(new ArticleIdConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    // An article id is written as its 32 hex characters (capture messages carry heads).
    private sealed class ArticleIdConverter : JsonConverter<ArticleId>
    {
        public override ArticleId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ArticleId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("Not an article id (32 hex characters).");

        public override void Write(Utf8JsonWriter writer, ArticleId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
    }
}
