using System.IO.Compression;
using System.Text.Json;

namespace Archive.Core.Extraction.Benchmark;

/// <summary>What the ground truth says of one page.</summary>
/// <param name="ArticleBody">The expected text.</param>
/// <param name="Url">The page's address, when given.</param>
/// <param name="PageType">The page's type (<c>article</c>, <c>collection</c>, <c>listing</c>...), when given; none means an article.</param>
/// <param name="With">Snippets a correct extraction contains.</param>
/// <param name="Without">Snippets of boilerplate a correct extraction leaves out.</param>
/// <param name="Fields">The whole ground-truth entry, for findings on other fields (title, author, dates).</param>
public sealed record BenchmarkTruth(string ArticleBody, string? Url, string? PageType, IReadOnlyList<string> With, IReadOnlyList<string> Without, JsonElement Fields)
{
    /// <summary>True when the page is an article (no type, or the type <c>article</c>).</summary>
    public bool IsArticle => PageType is null or "article";
}

/// <summary>One page of a benchmark folder.</summary>
/// <param name="Id">The page's id (its file name without extension).</param>
/// <param name="Source">Its bytes and address.</param>
/// <param name="Truth">Its ground truth, when the folder has one for it.</param>
public sealed record BenchmarkPage(string Id, HtmlSource Source, BenchmarkTruth? Truth);

/// <summary>A benchmark folder: <c>html/&lt;id&gt;.html.gz</c> (or <c>.html</c>) and, optionally, <c>ground-truth.json</c>.</summary>
/// <param name="Name">The folder's name.</param>
/// <param name="Pages">Its pages in id order.</param>
/// <param name="MissingPages">Ground-truth ids with no page (scored as empty predictions, as <c>score.py</c> does).</param>
public sealed record BenchmarkFolder(string Name, IReadOnlyList<BenchmarkPage> Pages, IReadOnlyList<BenchmarkTruth> MissingPages)
{
    /// <summary>Reads a benchmark folder.</summary>
    public static BenchmarkFolder Load(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var htmlDirectory = Path.Combine(directory, "html");
        if (!Directory.Exists(htmlDirectory))
        {
            throw new DirectoryNotFoundException($"'{directory}' has no html/ folder.");
        }

        var truths = ReadTruth(Path.Combine(directory, "ground-truth.json"));
        var pages = new List<BenchmarkPage>();
        foreach (var file in Directory.EnumerateFiles(htmlDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            string id;
            byte[] bytes;
            if (name.EndsWith(".html.gz", StringComparison.Ordinal))
            {
                id = name[..^".html.gz".Length];
                using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                bytes = buffer.ToArray();
            }
            else if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                id = name[..^".html".Length];
                bytes = File.ReadAllBytes(file);
            }
            else
            {
                continue;
            }

            var truth = truths.GetValueOrDefault(id);
            var source = new HtmlSource(bytes, "text/html", Uri.TryCreate(truth?.Url, UriKind.Absolute, out var uri) ? uri : null);
            pages.Add(new BenchmarkPage(id, source, truth));
        }

        var found = pages.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var missing = truths.Where(t => !found.Contains(t.Key)).OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value).ToList();
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        return new BenchmarkFolder(folderName, pages, missing) ;
    }

    private static Dictionary<string, BenchmarkTruth> ReadTruth(string path)
    {
        var truths = new Dictionary<string, BenchmarkTruth>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return truths;
        }

        var bytes = File.ReadAllBytes(path).AsMemory();
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        using var document = ParseTruth(bytes, path);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path} must hold one JSON object mapping page ids to their ground truth.");
        }

        foreach (var entry in document.RootElement.EnumerateObject())
        {
            var value = entry.Value;
            if (value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            truths[entry.Name] = new BenchmarkTruth(
                String(value, "articleBody") ?? "",
                String(value, "url"),
                String(value, "pageType"),
                Strings(value, "with"),
                Strings(value, "without"),
                value.Clone());
        }

        return truths;
    }

    private static JsonDocument ParseTruth(ReadOnlyMemory<byte> bytes, string path)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not valid JSON: {e.Message}", e);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!).ToList()
            : [];
}
