using Archive.Local.Hostile;

namespace Archive.Cli.Tests.Commands;

/// <summary><c>archive extract</c> on pages declaring charsets the runtime refuses: read, never "unexpected error".</summary>
public sealed class ExtractCharsetTests
{
    [Theory]
    [InlineData("utf-7", null)]
    [InlineData("unicode-1-1-utf-7", null)]
    [InlineData("csunicode11utf7", null)]
    [InlineData("utf-8", "text/html; charset=utf-7")]
    public async Task A_page_declaring_utf7_is_extracted(string metaCharset, string? contentType)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("archive-extract-").FullName, "page.html");
        await File.WriteAllTextAsync(file, HostileCases.Article(metaCharset));
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = contentType is null ? ["extract", file] : ["extract", file, "--content-type", contentType];

        var exit = await CliApp.RunAsync(args, output, error);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.DoesNotContain("unexpected error", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("northern breakwater", output.ToString(), StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }
}
