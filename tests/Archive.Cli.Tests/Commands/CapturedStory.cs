using Archive.Local;
using Archive.Local.Hosting;
using Archive.Testing;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Tests.Commands;

/// <summary>
/// What the command tests run against: a storage scope on Azurite, the seeds on a page server, the Functions app in
/// the local runner, and the seed story (<c>/story</c>) captured once through <c>archive capture</c>.
/// </summary>
internal sealed class CapturedStory : IAsyncDisposable
{
    private CapturedStory(StorageScope scope, PageServer pages, LocalFunctionsHost host, string url) =>
        (Scope, Pages, Host, Url) = (scope, pages, host, url);

    public StorageScope Scope { get; }

    public PageServer Pages { get; }

    public LocalFunctionsHost Host { get; }

    /// <summary>The story's URL on the page server.</summary>
    public string Url { get; }

    public static async Task<CapturedStory> StartAsync()
    {
        var scope = await StorageScope.CreateAsync();
        var pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = scope.Settings, LogLevel = LogLevel.Warning });
        pages.SetFile("story", "article-syria-2024.html");
        var story = new CapturedStory(scope, pages, host, pages.Url("story").AbsoluteUri);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(["capture", story.Url, "--api", host.BaseAddress.AbsoluteUri], output, error);
        Assert.True(exit == ExitCodes.Success, error.ToString());
        return story;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Pages.DisposeAsync();
        await Scope.DisposeAsync();
    }
}
