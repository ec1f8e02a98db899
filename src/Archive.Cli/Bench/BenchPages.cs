using System.IO.Compression;

namespace Archive.Cli.Bench;

/// <summary>One page of a benchmark folder, as a publisher would send it.</summary>
/// <param name="Name">The file name without <c>.html</c> or <c>.html.gz</c>.</param>
/// <param name="Html">The page's bytes.</param>
public sealed record BenchPage(string Name, byte[] Html);

/// <summary>Reads the pages of a benchmark folder laid out as <c>html/&lt;id&gt;.html.gz</c> (or <c>.html</c>).</summary>
public static class BenchPages
{
    /// <summary>The pages of <paramref name="folder"/>, in file-name order.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder has no <c>html/</c> folder.</exception>
    public static IReadOnlyList<BenchPage> Load(string folder)
    {
        var html = Path.Combine(folder, "html");
        if (!Directory.Exists(html))
        {
            throw new DirectoryNotFoundException($"'{folder}' has no html/ folder.");
        }

        var pages = new List<BenchPage>();
        foreach (var file in Directory.EnumerateFiles(html).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name.EndsWith(".html.gz", StringComparison.Ordinal))
            {
                using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var buffer = new MemoryStream();
                input.CopyTo(buffer);
                pages.Add(new BenchPage(name[..^".html.gz".Length], buffer.ToArray()));
            }
            else if (name.EndsWith(".html", StringComparison.Ordinal))
            {
                pages.Add(new BenchPage(name[..^".html".Length], File.ReadAllBytes(file)));
            }
        }

        return pages;
    }
}
