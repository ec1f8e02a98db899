using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hosting;
using Archive.Local;
using Microsoft.Extensions.Logging;

namespace Archive.Testing;

/// <summary>The Functions app in the local runner over a fresh storage scope, with the seed pages served on loopback.</summary>
public sealed class ApiStack : IAsyncDisposable
{
    private ApiStack(StorageScope scope, PageServer pages, LocalFunctionsHost host)
    {
        (Scope, Pages, Host) = (scope, pages, host);
        Http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The storage the app uses.</summary>
    public StorageScope Scope { get; }

    /// <summary>The page server holding <c>seeds/</c>.</summary>
    public PageServer Pages { get; }

    /// <summary>The app.</summary>
    public LocalFunctionsHost Host { get; }

    /// <summary>A client of the app.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts everything.</summary>
    public static async Task<ApiStack> StartAsync()
    {
        var scope = await StorageScope.CreateAsync();
        var pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = scope.Settings, LogLevel = LogLevel.Warning });
        return new ApiStack(scope, pages, host);
    }

    /// <summary>Serves <paramref name="seed"/> at <paramref name="path"/>, submits its URL and waits for the capture; returns the article id.</summary>
    public async Task<string> CaptureAsync(string path, string seed)
    {
        Pages.SetFile(path, seed);
        using var submitted = await Http.PostAsJsonAsync("api/captures", new { url = Pages.Url(path).AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(Http, id, 1);
        return id;
    }

    /// <summary>Asks for a re-check and waits until the article has had <paramref name="checks"/> checks.</summary>
    public async Task RecheckAsync(string id, int checks)
    {
        using var recheck = await Http.PostAsync(new Uri($"api/articles/{id}/recheck", UriKind.Relative), null);
        if (recheck.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"The re-check was refused: {recheck.StatusCode}.");
        }

        await ApiPolling.WaitForChecksAsync(Http, id, checks);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        await Pages.DisposeAsync();
        await Scope.DisposeAsync();
    }
}
