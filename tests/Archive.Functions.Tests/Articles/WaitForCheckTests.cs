using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Archive.Local.Hosting;
using Archive.Core.Capture;
using Archive.Core.Versions;
using Archive.Functions.Articles;
using Archive.Functions.Tests.Faults;
using Archive.Storage;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Tests.Articles;

/// <summary><c>GET /api/articles/{id}?waitFor=check</c>: a client waits for a capture with one request instead of polling.</summary>
public sealed class WaitForCheckTests : ScopeAndPagesTest
{
    private async Task<(LocalFunctionsHost Host, HttpClient Http)> StartAsync()
    {
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = Scope.Settings, LogLevel = LogLevel.Critical });
        return (host, new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) });
    }

    [Fact]
    public async Task A_wait_answers_once_the_capture_is_recorded_or_says_it_timed_out()
    {
        var stuck = new StalledPage(Pages, "held/story");
        var (host, http) = await StartAsync();
        await using (host)
        using (http)
        {
            using var submitted = await http.PostAsJsonAsync("api/captures", new { url = stuck.Url.AbsoluteUri });
            var accepted = await submitted.Content.ReadFromJsonAsync<JsonElement>();
            var id = accepted.GetProperty("id").GetString()!;
            Assert.Equal(0, accepted.GetProperty("checkCount").GetInt32());
            Assert.Equal($"/api/articles/{id}?waitFor=check&after=0", accepted.GetProperty("wait").GetString());
            await stuck.Hit;

            using var early = await http.GetAsync(new Uri($"api/articles/{id}?waitFor=check&timeout=1", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, early.StatusCode);
            Assert.Equal("timeout", early.Headers.GetValues("Archive-Wait").Single());
            Assert.Equal("pending", (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

            var waiting = http.GetAsync(new Uri(accepted.GetProperty("wait").GetString()!.TrimStart('/') + "&timeout=30", UriKind.Relative));
            stuck.Release();
            using var done = await waiting;
            Assert.Equal("checked", done.Headers.GetValues("Archive-Wait").Single());
            var head = await done.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((1, "captured"), (head.GetProperty("checkCount").GetInt32(), head.GetProperty("lastOutcome").GetProperty("code").GetString()));
            Assert.Equal(1, head.GetProperty("latest").GetProperty("number").GetInt32());

            // Waiting for a check after one already made waits for the next one.
            using var next = await http.GetAsync(new Uri($"api/articles/{id}?waitFor=check&after=1&timeout=1", UriKind.Relative));
            Assert.Equal("timeout", next.Headers.GetValues("Archive-Wait").Single());
        }
    }

    [Theory]
    [InlineData("?waitFor=version")]
    [InlineData("?waitFor=check&after=-1")]
    [InlineData("?waitFor=check&after=x")]
    [InlineData("?waitFor=check&timeout=0")]
    [InlineData("?waitFor=check&timeout=61")]
    [InlineData("?waitFor=check&timeout=1.5")]
    [InlineData("?timeout=5")]
    [InlineData("?after=1")]
    public async Task Bad_wait_parameters_are_refused_with_a_problem(string query)
    {
        var request = FunctionHttp.Request(query: query);
        var answer = await FunctionHttp.ExecuteAsync(request, await Create<GetArticle>().Run(request, "0123456789abcdef0123456789abcdef", CancellationToken.None));
        Assert.Equal(400, answer.Status);
        Assert.StartsWith("application/problem+json", answer.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Waiting_for_an_unknown_article_is_a_404_problem()
    {
        var request = FunctionHttp.Request(query: "?waitFor=check&timeout=1");
        var answer = await FunctionHttp.ExecuteAsync(request, await Create<GetArticle>().Run(request, "0123456789abcdef0123456789abcdef", CancellationToken.None));
        Assert.Equal(404, answer.Status);
    }

    [Fact]
    public async Task A_commit_in_this_process_wakes_the_wait_without_reading_storage_again()
    {
        Pages.SetFile("signal/story", "article-syria-2024.html");
        var accepted = (await Scope.Get<SubmissionService>().SubmitAsync([new CaptureSubmission(Pages.Url("signal/story").AbsoluteUri)]))[0];

        // The scope's clock is fake and never reaches the waiter's 2-second re-read: only the commit's signal can end the wait.
        var waiting = Scope.Get<ArticleWaiter>().WaitForCheckAsync(accepted.Id, 0, ArticleWaiter.MaxWait);
        Assert.False(waiting.IsCompleted);
        var queue = Scope.Get<QueueServiceClient>().GetQueueClient(Scope.Get<ResolvedStorageNames>().CaptureQueue);
        var message = (await queue.ReceiveMessageAsync()).Value;
        await Scope.Get<CaptureService>().CaptureAsync(CaptureMessageCodec.Decode(message.Body, message.MessageId));

        var result = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.Settled);
        Assert.Equal((1, CaptureOutcome.Captured), (result.Head!.CheckCount, result.Head.LastOutcome));
    }
}
