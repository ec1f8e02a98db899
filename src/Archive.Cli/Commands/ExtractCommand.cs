using System.CommandLine;
using System.IO.Compression;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Archive.Core.Extraction;

namespace Archive.Cli.Commands;

/// <summary><c>archive extract PATH...</c>: extract clean text and metadata from local HTML files, without any storage.</summary>
public static class ExtractCommand
{
    private static readonly JsonSerializerOptions Line = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var paths = new Argument<string[]>("path") { Description = "HTML files (.html, .htm, .html.gz) or folders of them", Arity = ArgumentArity.OneOrMore };
        var url = new Option<string?>("--url") { Description = "The page's URL, to resolve relative links (canonical URL, lead image)" };
        var contentType = new Option<string?>("--content-type") { Description = "The HTTP Content-Type the page was served with (its charset is honoured)" };
        var explain = new Option<bool>("--explain") { Description = "Print every text block with its class and whether it was kept (for tuning)" };
        var command = new Command("extract", "Extract clean text and metadata from local HTML files, without storage") { paths, url, contentType, explain, CommonOptions.Json };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            return CommandRunner.RunAsync(error, async () =>
            {
                Uri? pageUrl = null;
                if (parse.GetValue(url) is { } given && (!Uri.TryCreate(given, UriKind.Absolute, out pageUrl) || pageUrl.Scheme is not ("http" or "https")))
                {
                    throw new UsageException($"--url '{given}' is not an http(s) URL.");
                }

                var files = Expand(parse.GetValue(paths) ?? []);
                var json = parse.GetValue(CommonOptions.Json);
                var extractor = new HtmlArticleExtractor();
                var trace = parse.GetValue(explain) ? new ExtractionTrace(output.WriteLine) : null;
                foreach (var file in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var bytes = await ReadAsync(file, cancellationToken).ConfigureAwait(false);
                    var result = extractor.Extract(new HtmlSource(bytes, parse.GetValue(contentType), pageUrl), trace, cancellationToken);
                    if (json)
                    {
                        var report = JsonNode.Parse(ExtractionReport.ToJson(result, extractor, indented: false))!.AsObject();
                        var line = new JsonObject { ["file"] = file };
                        foreach (var (key, value) in report.ToList())
                        {
                            report.Remove(key);
                            line[key] = value;
                        }

                        await output.WriteLineAsync(line.ToJsonString(Line)).ConfigureAwait(false);
                    }
                    else
                    {
                        Print(output, file, result);
                    }
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static List<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(IsHtml).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UsageException($"'{path}' does not exist.");
            }
        }

        if (files.Count == 0)
        {
            throw new UsageException("No HTML files found (.html, .htm, .xhtml, .html.gz).");
        }

        return files;
    }

    private static bool IsHtml(string file) =>
        file.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".htm", StringComparison.OrdinalIgnoreCase) ||
        file.EndsWith(".xhtml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".html.gz", StringComparison.OrdinalIgnoreCase);

    private static async Task<byte[]> ReadAsync(string file, CancellationToken cancellationToken)
    {
        if (!file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            return await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
        }

        await using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        try
        {
            await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"'{file}' is not valid gzip: {ex.Message}", ex);
        }

        return buffer.ToArray();
    }

    private static void Print(TextWriter output, string file, ExtractionResult result)
    {
        var m = result.Metadata;
        output.WriteLine($"== {file}");
        output.WriteLine($"Kind:        {result.Kind}{(result.Reason is null ? string.Empty : $" ({result.Reason})")}");
        output.WriteLine($"Title:       {m.Title ?? "-"}");
        output.WriteLine($"Authors:     {(m.Authors.Count > 0 ? string.Join(", ", m.Authors) : "-")}");
        output.WriteLine($"Published:   {m.PublishedTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        output.WriteLine($"Modified:    {m.ModifiedTime?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
        output.WriteLine($"Tags:        {(m.Tags.Count > 0 ? string.Join(", ", m.Tags) : "-")}");
        output.WriteLine($"Section:     {m.Section ?? "-"}");
        output.WriteLine($"Site:        {m.SiteName ?? "-"}");
        output.WriteLine($"Language:    {m.Language ?? "-"}");
        output.WriteLine($"Canonical:   {m.CanonicalUrl ?? "-"}");
        output.WriteLine($"Encoding:    {result.Encoding} ({result.EncodingSource})");
        output.WriteLine($"Other text:  {result.OtherText.Length} characters outside the article text");
        output.WriteLine();
        output.WriteLine(result.Text);
        output.WriteLine();
    }
}
