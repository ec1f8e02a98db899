using System.Text;
using System.Text.Json;
using Archive.Local;
using Archive.Core;
using Archive.Core.Capture;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Functions.Articles;
using Archive.Functions.Capture;
using Archive.Functions.Recheck;
using Archive.Functions.Verification;
using Archive.Storage;
using Archive.Testing;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests;

/// <summary>Each function class constructed directly over real services on Azurite, called as its trigger would call it.</summary>
public sealed class FunctionClassTests : IAsyncLifetime
{
    private StorageScope _scope = null!;
    private PageServer _pages = null!;

    public async Task InitializeAsync()
    {
        _scope = await StorageScope.CreateAsync();
        _pages = await PageServer.StartAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds"));
    }

    public async Task DisposeAsync()
    {
        await _pages.DisposeAsync();
        await _scope.DisposeAsync();
    }

    private T Create<T>() => ActivatorUtilities.CreateInstance<T>(_scope.Services);

    private static QueueMessage Message(object body, long dequeueCount = 1) =>
        QueuesModelFactory.QueueMessage("m1", "pop", BinaryData.FromString(JsonSerializer.Serialize(body, ArchiveJson.Options)), dequeueCount);

    private async Task<string> ArchiveWithEditAsync()
    {
        _pages.SetFile("story", "article-syria-2024.html");
        var url = UrlCanonicalizer.Canonicalize(_pages.Url("story").AbsoluteUri);
        var message = new CaptureMessage { ArticleId = ArticleId.For(url).Value, Url = url.ToString(), RequestedAt = _scope.Clock.GetUtcNow() };
        await Create<CaptureArticle>().Run(Message(message), CancellationToken.None);
        _pages.SetFile("story", "article-syria-2024-edited.html");
        await Create<CaptureArticle>().Run(Message(message with { Trigger = CaptureTriggers.Recheck }), CancellationToken.None);
        return message.ArticleId;
    }

    private static async Task<FunctionResponse> Execute(Microsoft.AspNetCore.Http.HttpRequest request, Task<Microsoft.AspNetCore.Mvc.IActionResult> run) =>
        await FunctionHttp.ExecuteAsync(request, await run);

    [Fact]
    public async Task CaptureArticle_captures_what_a_queue_message_names()
    {
        var id = await ArchiveWithEditAsync();
        var head = await _scope.Get<IArticleStore>().GetHeadAsync(ArticleId.TryParse(id, out var parsed) ? parsed : default);
        Assert.Equal(2, head!.LatestVersion);
        Assert.Equal(2, head.CheckCount);
    }

    [Fact]
    public async Task CaptureArticle_refuses_messages_it_can_never_process()
    {
        var function = Create<CaptureArticle>();
        await Assert.ThrowsAsync<InvalidCaptureMessageException>(() => function.Run(QueuesModelFactory.QueueMessage("m", "p", BinaryData.FromString("not json"), 1), CancellationToken.None));
        var forged = new CaptureMessage { ArticleId = new string('a', 32), Url = "https://example.com/a", RequestedAt = _scope.Clock.GetUtcNow() };
        await Assert.ThrowsAsync<InvalidCaptureMessageException>(() => function.Run(Message(forged), CancellationToken.None));
    }

    [Fact]
    public async Task CaptureArticle_queues_a_delayed_retry_while_attempts_are_left_and_records_the_final_failure()
    {
        _pages.SetHandler("/down", ctx => { ctx.Response.StatusCode = 503; return Task.CompletedTask; });
        var url = UrlCanonicalizer.Canonicalize(_pages.Url("down").AbsoluteUri);
        var message = new CaptureMessage { ArticleId = ArticleId.For(url).Value, Url = url.ToString(), RequestedAt = _scope.Clock.GetUtcNow() };
        var function = Create<CaptureArticle>();
        var queue = _scope.Get<QueueServiceClient>().GetQueueClient(_scope.Get<ResolvedStorageNames>().CaptureQueue);

        await function.Run(Message(message, 1), CancellationToken.None);
        Assert.Empty((await queue.PeekMessagesAsync(1)).Value);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        // The retry message carries the attempts made; its delivery that reaches the last attempt records the final failure.
        await function.Run(Message(message with { PreviousAttempts = new CaptureOptions().MaxAttempts - 1 }, 1), CancellationToken.None);
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        var checks = await _scope.Get<IArticleStore>().ListChecksAsync(ArticleId.For(url));
        Assert.Equal([(5, false), (1, true)], checks.Select(c => (c.Attempt, c.WillRetry)));
        Assert.All(checks, c => Assert.Equal(CaptureOutcome.Http5xx, c.Outcome));
    }

    [Fact]
    public void Retries_back_off_exponentially_up_to_the_limit()
    {
        var delivery = Create<CaptureDelivery>();
        Assert.Equal([30, 60, 120, 240, 480, 900], Enumerable.Range(1, 6).Select(a => delivery.RetryDelay(a).TotalSeconds));
    }

    [Fact]
    public async Task RecheckTimer_queues_due_articles()
    {
        var id = await ArchiveWithEditAsync();
        _scope.Clock.Advance(TimeSpan.FromHours(1));
        await Create<RecheckTimer>().Run(new TimerInfo(), CancellationToken.None);
        var queue = _scope.Get<QueueServiceClient>().GetQueueClient(_scope.Get<ResolvedStorageNames>().CaptureQueue);
        var queued = (await queue.PeekMessagesAsync(10)).Value.Select(m => JsonSerializer.Deserialize<CaptureMessage>(m.Body, ArchiveJson.Options)!).ToList();
        Assert.Equal(id, Assert.Single(queued).ArticleId);
        Assert.Equal(CaptureTriggers.Recheck, queued[0].Trigger);
    }

    [Fact]
    public async Task RequestRecheck_queues_a_manual_check()
    {
        var id = await ArchiveWithEditAsync();
        var request = FunctionHttp.Request("POST");
        var response = await Execute(request, Create<RequestRecheck>().Run(request, id, CancellationToken.None));
        Assert.Equal(202, response.Status);
        Assert.Equal($"/api/articles/{id}", response.Headers.Location.ToString());
        var queue = _scope.Get<QueueServiceClient>().GetQueueClient(_scope.Get<ResolvedStorageNames>().CaptureQueue);
        var message = JsonSerializer.Deserialize<CaptureMessage>((await queue.PeekMessageAsync()).Value.Body, ArchiveJson.Options)!;
        Assert.Equal(CaptureTriggers.Manual, message.Trigger);
    }

    [Fact]
    public async Task The_reading_functions_answer_the_timeline_changes_checks_diff_and_chain()
    {
        var id = await ArchiveWithEditAsync();

        var request = FunctionHttp.Request();
        var versions = await Execute(request, Create<ListVersions>().Run(request, id, CancellationToken.None));
        Assert.Equal(2, versions.Json.GetProperty("versions").GetArrayLength());

        request = FunctionHttp.Request();
        var changes = await Execute(request, Create<ListChanges>().Run(request, id, CancellationToken.None));
        Assert.Equal("edit", changes.Json.GetProperty("changes")[0].GetProperty("verdict").GetString());

        request = FunctionHttp.Request(query: "?max=1");
        var checks = await Execute(request, Create<ListChecks>().Run(request, id, CancellationToken.None));
        Assert.Equal(1, checks.Json.GetProperty("checks").GetArrayLength());

        request = FunctionHttp.Request(query: "?from=1&to=2&format=text");
        var diff = await Execute(request, Create<DiffVersions>().Run(request, id, CancellationToken.None));
        Assert.StartsWith("text/plain", diff.ContentType, StringComparison.Ordinal);
        Assert.Contains("{+25+}", diff.Text, StringComparison.Ordinal);

        request = FunctionHttp.Request(query: "?content=true");
        var chain = await Execute(request, Create<VerifyChain>().Run(request, id, CancellationToken.None));
        Assert.Equal(200, chain.Status);
        Assert.True(chain.Json.GetProperty("valid").GetBoolean());

        request = FunctionHttp.Request("POST", JsonSerializer.Serialize(new { articleId = id, passage = "roughly 25 kilometres from the capital" }));
        var verify = await Execute(request, Create<Verify>().Run(request, CancellationToken.None));
        Assert.Equal([2], verify.Json.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));

        request = FunctionHttp.Request();
        var original = await Execute(request, Create<GetOriginal>().Run(request, id, "2", CancellationToken.None));
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(SharedAzurite.RepositoryRoot, "seeds", "article-syria-2024-edited.html")), original.Body);
        Assert.Equal(Encoding.UTF8.GetBytes("text/html; charset=utf-8"), Encoding.UTF8.GetBytes(original.ContentType!));
    }
}
