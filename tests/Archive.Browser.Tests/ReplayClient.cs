using System.Globalization;
using System.Net;
using Archive.Testing;

namespace Archive.Browser.Tests;

/// <summary>
/// ReplayWeb.page, Webrecorder's replay client, as scripts/bootstrap.sh leaves it in <c>tools/</c>: its prebuilt
/// <c>ui.js</c>, <c>sw.js</c> and <c>index.html</c>, fetched with <c>npm pack</c> and checked against a pinned hash.
/// </summary>
public static class ReplayClient
{
    /// <summary>The version bootstrap.sh fetches.</summary>
    public const string Version = "2.5.3";

    /// <summary>The files replay needs, served side by side with the host page (its <c>replayBase</c> is <c>./</c>).</summary>
    public static IReadOnlyList<string> Files { get; } = ["ui.js", "sw.js", "index.html"];

    /// <summary>Where bootstrap.sh puts the client.</summary>
    public static string Folder => Path.Combine(SharedAzurite.RepositoryRoot, "tools", $"replaywebpage-{Version}");

    /// <summary>A missing client is a failure with a reason, never a silent skip.</summary>
    public static void Require(string folder)
    {
        var missing = Files.Where(f => !File.Exists(Path.Combine(folder, f))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"ReplayWeb.page {Version} is missing from {folder} ({string.Join(", ", missing)}): the replay tests cannot run. Run scripts/bootstrap.sh (it fetches it with 'npm pack replaywebpage@{Version}').");
        }
    }

    /// <summary>
    /// A page that embeds the replay of <paramref name="url"/> at <paramref name="timestamp"/> (14 digits) from the
    /// WACZ at <paramref name="source"/>, relative to the page; the client's own files are at the same base.
    /// </summary>
    public static string HostPage(string title, string source, Uri url, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (timestamp.Length != 14 || !timestamp.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"'{timestamp}' is not a 14-digit timestamp.", nameof(timestamp));
        }

        return string.Create(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{WebUtility.HtmlEncode(title)}</title>
            <script src="./ui.js"></script>
            </head>
            <body>
            <replay-web-page source="{WebUtility.HtmlEncode(source)}" url="{WebUtility.HtmlEncode(url.AbsoluteUri)}" ts="{timestamp}" replayBase="./" embed="replayonly" style="display:block;width:1200px;height:800px"></replay-web-page>
            </body>
            </html>
            """);
    }
}
