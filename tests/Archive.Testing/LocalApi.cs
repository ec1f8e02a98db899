using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Testing;

/// <summary>Waiting on the API of a local host, as end-to-end tests do.</summary>
public static class LocalApi
{
    /// <summary>Polls the article until it has been checked at least <paramref name="checks"/> times.</summary>
    public static async Task WaitForChecksAsync(HttpClient http, string id, int checks, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < limit)
        {
            var head = await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}").ConfigureAwait(false);
            if (head.GetProperty("checkCount").GetInt32() >= checks)
            {
                return;
            }

            await Task.Delay(100).ConfigureAwait(false);
        }

        throw new TimeoutException($"Article {id} was not checked {checks} time(s) in time.");
    }
}
