using System.Net.Http.Json;
using System.Text.Json;

namespace Archive.Testing;

/// <summary>Waits on the API for queued work to land.</summary>
public static class ApiPolling
{
    /// <summary>Waits until article <paramref name="id"/> has had at least <paramref name="checks"/> checks (60 s at most, for busy machines).</summary>
    public static async Task WaitForChecksAsync(HttpClient http, string id, int checks)
    {
        ArgumentNullException.ThrowIfNull(http);
        for (var i = 0; i < 600; i++)
        {
            var head = await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}");
            if (head.GetProperty("checkCount").GetInt32() >= checks)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The capture did not finish.");
    }
}
