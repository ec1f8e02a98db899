using System.Text.Json;
using Archive.Core;
using Archive.Core.Capture;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Functions.Capture;
using Archive.Storage;
using Archive.Testing;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests.Capture;

public sealed class SubmitCapturesTests
{
    private static async Task<FunctionResponse> PostAsync(StorageScope scope, string? body, string? contentType = "application/json")
    {
        var function = ActivatorUtilities.CreateInstance<SubmitCaptures>(scope.Services);
        var request = FunctionHttp.Request("POST", body, contentType);
        request.Path = "/api/captures";
        return await FunctionHttp.ExecuteAsync(request, () => function.Run(request, CancellationToken.None));
    }

    private static async Task<List<CaptureMessage>> QueuedAsync(StorageScope scope)
    {
        var queue = scope.Get<QueueServiceClient>().GetQueueClient(scope.Get<ResolvedStorageNames>().CaptureQueue);
        var peeked = await queue.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => JsonSerializer.Deserialize<CaptureMessage>(m.Body, ArchiveJson.Options)!)];
    }

    private static async Task<int> RowCountAsync(StorageScope scope)
    {
        var table = scope.Get<TableServiceClient>().GetTableClient(scope.Get<ResolvedStorageNames>().ArticlesTable);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>())
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Accepts_a_url_records_the_article_and_queues_its_capture()
    {
        await using var scope = await StorageScope.CreateAsync();
        var response = await PostAsync(scope, """{"url": "https://News.Example.com/story?utm_source=x#top", "tags": ["syria", "  war "], "source": "newsletter"}""");

        Assert.Equal(202, response.Status);
        var id = ArticleId.For(UrlCanonicalizer.Canonicalize("https://news.example.com/story")).Value;
        Assert.Equal(id, response.Json.GetProperty("id").GetString());
        Assert.Equal("https://news.example.com/story", response.Json.GetProperty("url").GetString());
        Assert.Equal($"/api/articles/{id}", response.Headers.Location.ToString());
        Assert.True(response.Json.GetProperty("isNewArticle").GetBoolean());

        var message = Assert.Single(await QueuedAsync(scope));
        Assert.Equal(id, message.ArticleId);
        Assert.Equal(["syria", "war"], message.Tags);
        Assert.Equal("newsletter", message.Source);
        var head = await scope.Get<IArticleStore>().GetHeadAsync(ArticleId.TryParse(id, out var parsed) ? parsed : default);
        Assert.Equal("pending", head!.Status);
    }

    [Fact]
    public async Task Gives_the_same_article_id_for_the_same_url()
    {
        await using var scope = await StorageScope.CreateAsync();
        var first = await PostAsync(scope, """{"url": "https://example.com/a"}""");
        var second = await PostAsync(scope, """{"url": "https://EXAMPLE.com:443/a?fbclid=1", "tags": ["later"]}""");

        Assert.Equal(first.Json.GetProperty("id").GetString(), second.Json.GetProperty("id").GetString());
        Assert.False(second.Json.GetProperty("isNewArticle").GetBoolean());
        Assert.Equal(2, await RowCountAsync(scope)); // one article: its head and its labels
        Assert.Equal(2, (await QueuedAsync(scope)).Count);
    }

    [Fact]
    public async Task Accepts_batches_as_an_array_or_a_url_list()
    {
        await using var scope = await StorageScope.CreateAsync();
        var array = await PostAsync(scope, """[{"url": "https://example.com/1"}, {"url": "https://example.com/2", "tags": ["t"]}]""");
        var list = await PostAsync(scope, """{"urls": ["https://example.com/3", "https://example.com/4"], "tags": ["batch"], "source": "rss"}""");

        Assert.Equal(202, array.Status);
        Assert.Equal(2, array.Json.GetProperty("articles").GetArrayLength());
        Assert.Equal(202, list.Status);
        Assert.Equal(2, list.Json.GetProperty("articles").GetArrayLength());
        var queued = await QueuedAsync(scope);
        Assert.Equal(4, queued.Count);
        Assert.All(queued.Skip(2), m => Assert.Equal("rss", m.Source));
    }

    public static TheoryData<string?, string?, int, string> BadInput => new()
    {
        { """{"url": "not a url"}""", "application/json", 400, "not a valid absolute URL" },
        { """{"url": "ftp://example.com/file"}""", "application/json", 400, "Only http and https" },
        { """{"url": "javascript:alert(1)"}""", "application/json", 400, "Only http and https" },
        { """{"tags": ["x"]}""", "application/json", 400, "empty" },
        { null, "application/json", 400, "no body" },
        { "", "application/json", 400, "no body" },
        { """{"url": "https://example.com/a" """, "application/json", 400, "not valid JSON" },
        { "<xml/>", "application/json", 400, "not valid JSON" },
        { """{"url": 42}""", "application/json", 400, "wrong type" },
        { """{"url": "https://example.com/a", "tags": "not-a-list"}""", "application/json", 400, "wrong type" },
        { "[]", "application/json", 400, "holds no URL" },
        { "\"https://example.com/a\"", "application/json", 400, "must be a JSON object" },
        { """{"url": "https://example.com/a"}""", "text/plain", 415, "not JSON" },
        { """[{"url": "https://example.com/ok"}, {"url": "mailto:x@example.com"}]""", "application/json", 400, "Only http and https" },
        { """{"url": "https://example.com/a", "tags": [""]}""", "application/json", 400, "tag is empty" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Refuses_bad_input_with_problem_details_and_stores_nothing(string? body, string? contentType, int status, string detail)
    {
        await using var scope = await StorageScope.CreateAsync();
        var response = await PostAsync(scope, body, contentType);

        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(response.Json.GetProperty("title").GetString()));
        Assert.Contains(detail, response.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await RowCountAsync(scope));
        Assert.Empty(await QueuedAsync(scope));
    }

    [Fact]
    public async Task Names_each_invalid_item_of_a_batch()
    {
        await using var scope = await StorageScope.CreateAsync();
        var response = await PostAsync(scope, """[{"url": "https://example.com/ok"}, {"url": "nope"}, {"url": "gopher://x"}]""");
        var errors = response.Json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([1, 2], errors.Select(e => e.GetProperty("index").GetInt32()));
        Assert.All(errors, e => Assert.Equal("url", e.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Refuses_batches_over_the_limit()
    {
        await using var scope = await StorageScope.CreateAsync(new Dictionary<string, string?> { ["Capture:MaxBatchSize"] = "3" });
        var response = await PostAsync(scope, """{"urls": ["https://e.com/1", "https://e.com/2", "https://e.com/3", "https://e.com/4"]}""");
        Assert.Equal(400, response.Status);
        Assert.Contains("at most 3", response.Text, StringComparison.Ordinal);
        Assert.Equal(0, await RowCountAsync(scope));
    }

    [Fact]
    public async Task Refuses_oversize_bodies()
    {
        await using var scope = await StorageScope.CreateAsync(new Dictionary<string, string?> { ["Api:MaxBodyBytes"] = "2048" });
        var urls = string.Join(",", Enumerable.Range(0, 100).Select(i => $"\"https://example.com/{i}\""));
        var response = await PostAsync(scope, $$"""{"urls": [{{urls}}]}""");
        Assert.Equal(413, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(0, await RowCountAsync(scope));
    }
}
