using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Local;
using Archive.Testing;

namespace Archive.Functions.Tests.Capture;

/// <summary>
/// A paragraph the extractor does not keep as the article, edited between two re-checks, through the Functions app in
/// the local runner on Azurite: recorded as changed-outside-text with its passage and original bytes, while comments
/// and related stories rotating between visits record nothing of the kind.
/// </summary>
public sealed class EditsOutsideTextTests : IAsyncLifetime
{
    private const string Note = RotatingNewsPage.Note;

    private LocalRunner _runner = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _runner = await LocalRunner.StartAsync();
        _http = new HttpClient { BaseAddress = _runner.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _runner.DisposeAsync();
    }

    private static string Page(int visit, string note = Note) => RotatingNewsPage.Html(visit, note);

    private void Serve(string html) => _runner.Pages.Set("ferry", new ServedPage(Encoding.UTF8.GetBytes(html)) { Conditional = false });

    private async Task<JsonElement> RecheckAsync(string id, int checks)
    {
        using var recheck = await _http.PostAsync(new Uri($"api/articles/{id}/recheck", UriKind.Relative), null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, recheck.StatusCode);
        await ApiPolling.WaitForChecksAsync(_http, id, checks);
        var body = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/checks");
        return body.GetProperty("checks")[0];
    }

    [Fact]
    public async Task An_edit_outside_the_article_text_is_recorded_with_its_passage_and_rotating_parts_are_not()
    {
        Serve(Page(1));
        using var submitted = await _http.PostAsJsonAsync("api/captures", new { url = _runner.Pages.Url("ferry").AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await ApiPolling.WaitForChecksAsync(_http, id, 1);

        // Comments, related stories, counts and teasers rotate: the article is unchanged, nothing outside it is reported.
        Serve(Page(5));
        var rotated = await RecheckAsync(id, 2);
        Assert.Equal("unchanged", rotated.GetProperty("outcome").GetString());
        Assert.False(rotated.TryGetProperty("otherTextChange", out _));

        // One word of the editor's note changes: no version, but a check that says what changed, with the bytes kept.
        Serve(Page(6, Note.Replace("old pier", "old quay", StringComparison.Ordinal)));
        var edited = await RecheckAsync(id, 3);
        Assert.Equal("changed-outside-text", edited.GetProperty("outcome").GetString());
        Assert.Equal(1, edited.GetProperty("version").GetInt32());
        var change = edited.GetProperty("otherTextChange");
        Assert.Equal((1, 1), (change.GetProperty("wordsAdded").GetInt32(), change.GetProperty("wordsRemoved").GetInt32()));
        Assert.Contains("old [-pier-]{+quay+} for an exhibition", change.GetProperty("passage").GetString(), StringComparison.Ordinal);
        var original = ContentHash.Parse(edited.GetProperty("originalSha256").GetString()!);
        Assert.NotNull(await _runner.Scope.Get<IContentStore>().OpenOriginalAsync(original));
        var versions = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions");
        Assert.Single(versions.GetProperty("versions").EnumerateArray());

        var page = await _http.GetStringAsync($"articles/{id}");
        Assert.Contains("changed-outside-text", page, StringComparison.Ordinal);
        Assert.Contains("<del>pier</del><ins>quay</ins>", page, StringComparison.Ordinal);

        // The same page again, comments rotated once more: unchanged, the edit is not reported twice.
        Serve(Page(9, Note.Replace("old pier", "old quay", StringComparison.Ordinal)));
        var again = await RecheckAsync(id, 4);
        Assert.True(again.GetProperty("outcome").GetString() == "unchanged", again.ToString());
    }
}
