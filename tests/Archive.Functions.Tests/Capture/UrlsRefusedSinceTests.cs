using Archive.Core.Capture;
using Archive.Core.Hashing;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Testing;

namespace Archive.Functions.Tests.Capture;

/// <summary>
/// An article whose stored URL the current rules refuse (accepted before a length or host-name check was added): its
/// capture ends in invalid-url on the article, with no further re-checks, instead of an unreadable message that
/// leaves the article without a next step.
/// </summary>
public sealed class UrlsRefusedSinceTests : IAsyncLifetime
{
    private StorageScope _scope = null!;

    public async Task InitializeAsync() => _scope = await StorageScope.CreateAsync();

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    // Longer than UrlCanonicalizer.MaxLength, as a URL stored before that limit existed would be.
    private static readonly string StoredUrl = "https://news.example/" + new string('a', UrlCanonicalizer.MaxLength);

    private static string IdOf(string url) => ContentHash.OfText(url).Hex[..32];

    [Fact]
    public async Task A_stored_url_the_rules_now_refuse_ends_in_invalid_url_on_its_article_and_stops_its_checks()
    {
        Assert.False(UrlCanonicalizer.TryCanonicalize(StoredUrl, out _, out _));
        Assert.True(ArticleId.TryParse(IdOf(StoredUrl), out var id));
        var now = _scope.Clock.GetUtcNow();
        await _scope.Get<IArticleStore>().AddHeadAsync(new ArticleHead { Id = id, Url = StoredUrl, SubmittedAt = now, NextCheckAt = now });
        var message = new CaptureMessage { ArticleId = id.Value, Url = StoredUrl, RequestedAt = now, Trigger = CaptureTriggers.Recheck };

        var result = await _scope.Get<CaptureService>().CaptureAsync(message);

        Assert.Equal(CaptureOutcome.InvalidUrl, result.Outcome);
        Assert.Contains("no longer accepted", result.Reason, StringComparison.Ordinal);
        var head = (await _scope.Get<IArticleStore>().GetHeadAsync(id))!;
        Assert.Equal((CaptureOutcome.InvalidUrl, (DateTimeOffset?)null), (head.LastOutcome, head.NextCheckAt));

        // The poison door records on it too, naming the last failure.
        var gaveUp = await _scope.Get<CaptureFailures>().GiveUpAsync(message);
        Assert.Equal(CaptureOutcome.GaveUp, gaveUp!.Outcome);
    }

    [Fact]
    public async Task A_refused_url_without_its_article_or_with_another_id_is_an_unreadable_message()
    {
        var now = _scope.Clock.GetUtcNow();
        var orphan = new CaptureMessage { ArticleId = IdOf(StoredUrl), Url = StoredUrl, RequestedAt = now };
        await Assert.ThrowsAsync<InvalidCaptureMessageException>(() => _scope.Get<CaptureService>().CaptureAsync(orphan));
        Assert.Null(await _scope.Get<IArticleStore>().GetHeadAsync(CaptureTarget.Of(orphan).Id));

        var forged = orphan with { ArticleId = IdOf("https://news.example/other") };
        Assert.Throws<InvalidCaptureMessageException>(() => CaptureTarget.Of(forged));
    }
}
