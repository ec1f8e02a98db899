using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hosting;
using Archive.Core;
using Archive.Core.Capture;
using Archive.Core.Urls;
using Archive.Core.Verification;
using Archive.Core.Versions;
using Archive.Functions.Articles;
using Archive.Functions.Capture;
using Archive.Storage;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Faults;

/// <summary>
/// Storage errors during a capture are recorded as storage-failure and rethrown so the queue retries; a message that
/// keeps failing goes to the poison queue and the article says capture gave up, with the last reason.
/// </summary>
public sealed class StorageFailureTests : ScopeAndPagesTest
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Pages.SetFile("story", "article-syria-2024.html");
    }

    private CaptureMessage StoryMessage()
    {
        var url = UrlCanonicalizer.Canonicalize(Pages.Url("story").AbsoluteUri);
        return new CaptureMessage { ArticleId = ArticleId.For(url).Value, Url = url.ToString(), RequestedAt = Scope.Clock.GetUtcNow() };
    }

    private static QueueMessage Delivery(CaptureMessage body, long dequeueCount) =>
        QueuesModelFactory.QueueMessage("m1", "pop", BinaryData.FromString(JsonSerializer.Serialize(body, ArchiveJson.Options)), dequeueCount);

    private BlobContainerClient Originals => Scope.Get<BlobServiceClient>().GetBlobContainerClient(Scope.Get<ResolvedStorageNames>().OriginalsContainer);

    private static ArticleId Id(CaptureMessage message) => ArticleId.TryParse(message.ArticleId, out var id) ? id : throw new InvalidOperationException();

    /// <summary>Removes one of the places a capture writes to, so the write there fails; returns how to bring it back.</summary>
    private async Task<Func<Task>> BreakAsync(string what)
    {
        var names = Scope.Get<ResolvedStorageNames>();
        if (what == StorageNames.DueTable)
        {
            var tables = Scope.Get<TableServiceClient>();
            await tables.DeleteTableAsync(names.DueTable);
            return async () => await tables.CreateTableIfNotExistsAsync(names.DueTable);
        }

        var container = Scope.Get<BlobServiceClient>().GetBlobContainerClient(names.Resolve(what));
        await container.DeleteAsync();
        return async () => await container.CreateIfNotExistsAsync();
    }

    // Every write of a capture in the order it happens: original, text, record (blobs), then the due index (table),
    // all before the one transaction that makes the version visible.
    [Theory]
    [InlineData(StorageNames.OriginalsContainer)]
    [InlineData(StorageNames.TextsContainer)]
    [InlineData(StorageNames.RecordsContainer)]
    [InlineData(StorageNames.DueTable)]
    public async Task A_storage_error_at_any_write_is_recorded_rethrown_leaves_no_version_and_the_retry_captures_once(string broken)
    {
        var message = StoryMessage();
        var repair = await BreakAsync(broken);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => Create<CaptureArticle>().Run(Delivery(message, 1), CancellationToken.None));
        Assert.Equal(404, error.Status);
        var store = Scope.Get<IArticleStore>();
        var failed = Assert.Single(await store.ListChecksAsync(Id(message)));
        Assert.Equal(CaptureOutcome.StorageFailure, failed.Outcome);
        Assert.True(failed.WillRetry);
        Assert.Contains("Attempt 1 of 5", failed.Reason, StringComparison.Ordinal);
        var head = (await store.GetHeadAsync(Id(message)))!;
        Assert.Equal((CaptureOutcome.StorageFailure, 0), (head.LastOutcome!.Value, head.LatestVersion));
        Assert.Empty(await store.ListVersionSummariesAsync(Id(message)));
        var request = FunctionHttp.Request();
        var versions = await FunctionHttp.ExecuteAsync(request, await Create<ListVersions>().Run(request, message.ArticleId, CancellationToken.None));
        Assert.Equal(0, versions.Json.GetProperty("versions").GetArrayLength());

        await repair();
        await Create<CaptureArticle>().Run(Delivery(message, 2), CancellationToken.None);
        Assert.Equal([1], (await store.ListVersionSummariesAsync(Id(message))).Select(v => v.Number));
        Assert.Equal([CaptureOutcome.Captured, CaptureOutcome.StorageFailure], (await store.ListChecksAsync(Id(message))).Select(c => c.Outcome));
        Assert.True((await Scope.Get<ChainVerifier>().VerifyAsync(Id(message), checkContent: true))!.Valid);
    }

    [Fact]
    public async Task The_last_delivery_is_not_marked_for_retry_and_the_poison_door_records_that_capture_gave_up()
    {
        var message = StoryMessage();
        await Originals.DeleteAsync();
        await Assert.ThrowsAsync<RequestFailedException>(() => Create<CaptureArticle>().Run(Delivery(message, 5), CancellationToken.None));

        await Create<CaptureGaveUp>().Run(Delivery(message, 1), CancellationToken.None);

        var request = FunctionHttp.Request();
        var article = await FunctionHttp.ExecuteAsync(request, await Create<GetArticle>().Run(request, message.ArticleId, CancellationToken.None));
        var last = article.Json.GetProperty("lastOutcome");
        Assert.Equal("failed", article.Json.GetProperty("status").GetString());
        Assert.Equal("gave-up", last.GetProperty("code").GetString());
        Assert.Contains("the last attempt ended in storage-failure", last.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(last.GetProperty("willRetry").GetBoolean());

        request = FunctionHttp.Request();
        var checks = await FunctionHttp.ExecuteAsync(request, await Create<ListChecks>().Run(request, message.ArticleId, CancellationToken.None));
        var list = checks.Json.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["gave-up", "storage-failure"], list.Select(c => c.GetProperty("outcome").GetString()));
        Assert.Equal("storage-failure", list[0].GetProperty("lastFailure").GetString());
        Assert.False(list[1].GetProperty("willRetry").GetBoolean());
    }

    [Fact]
    public async Task The_poison_door_ignores_messages_that_name_no_article()
    {
        var garbage = QueuesModelFactory.QueueMessage("m2", "pop", BinaryData.FromString("not json"), 1);
        await Create<CaptureGaveUp>().Run(garbage, CancellationToken.None);
        var unknown = StoryMessage();
        await Create<CaptureGaveUp>().Run(Delivery(unknown, 1), CancellationToken.None);
        Assert.Null(await Scope.Get<IArticleStore>().GetHeadAsync(Id(unknown)));
    }

    [Fact]
    public async Task Through_the_runner_a_message_that_keeps_failing_lands_in_the_poison_queue_and_the_article_says_why()
    {
        var settings = Scope.Settings;
        settings["Runner:RetryDelay"] = "00:00:00";
        settings["Runner:MaxPollingInterval"] = "00:00:00.200";
        await using var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Critical });
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await Originals.DeleteAsync();

        using var submitted = await http.PostAsJsonAsync("api/captures", new { url = Pages.Url("story").AbsoluteUri });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var head = await Poll.UntilAsync(
            () => http.GetFromJsonAsync<JsonElement>($"api/articles/{id}"),
            h => h.TryGetProperty("lastOutcome", out var last) && last.GetProperty("code").GetString() == "gave-up",
            TimeSpan.FromSeconds(60));

        Assert.Equal("failed", head.GetProperty("status").GetString());
        var checks = (await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/checks")).GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(["gave-up", .. Enumerable.Repeat("storage-failure", 5)], checks.Select(c => c.GetProperty("outcome").GetString()));
        Assert.Equal([false, false, true, true, true, true], checks.Select(c => c.GetProperty("willRetry").GetBoolean()));
        Assert.Equal([5, 5, 4, 3, 2, 1], checks.Select(c => c.GetProperty("attempt").GetInt32()));
        var queues = Scope.Get<QueueServiceClient>();
        var names = Scope.Get<ResolvedStorageNames>();
        await Poll.UntilAsync(async () => (await queues.GetQueueClient(names.CapturePoisonQueue).PeekMessagesAsync(1)).Value.Length, n => n == 0, TimeSpan.FromSeconds(10));
        Assert.Empty((await queues.GetQueueClient(names.CaptureQueue).PeekMessagesAsync(1)).Value);
    }
}
