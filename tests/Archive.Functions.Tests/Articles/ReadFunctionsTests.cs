using Archive.Functions.Articles;
using Archive.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests.Articles;

public sealed class ReadFunctionsTests
{
    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("not-an-id", 400)]
    [InlineData("0123456789ABCDEF0123456789abcde", 400)]
    [InlineData(UnknownId, 404)]
    public async Task GetArticle_answers_problems_for_bad_or_unknown_ids(string id, int status)
    {
        await using var scope = await StorageScope.CreateAsync();
        var function = ActivatorUtilities.CreateInstance<GetArticle>(scope.Services);
        var request = FunctionHttp.Request();
        var response = await FunctionHttp.ExecuteAsync(request, await function.Run(request, id, CancellationToken.None));
        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal(status, response.Json.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData(UnknownId, "1", 404)]
    [InlineData(UnknownId, "0", 400)]
    [InlineData(UnknownId, "-1", 400)]
    [InlineData(UnknownId, "one", 400)]
    [InlineData("zz", "1", 400)]
    public async Task GetVersion_and_GetOriginal_answer_problems_for_bad_or_unknown_versions(string id, string n, int status)
    {
        await using var scope = await StorageScope.CreateAsync();
        var version = ActivatorUtilities.CreateInstance<GetVersion>(scope.Services);
        var request = FunctionHttp.Request();
        var response = await FunctionHttp.ExecuteAsync(request, await version.Run(request, id, n, CancellationToken.None));
        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);

        var original = ActivatorUtilities.CreateInstance<GetOriginal>(scope.Services);
        request = FunctionHttp.Request();
        response = await FunctionHttp.ExecuteAsync(request, await original.Run(request, id, n, CancellationToken.None));
        Assert.Equal(status, response.Status);
    }

    [Theory]
    [InlineData(null, 400)]
    [InlineData("?url=", 400)]
    [InlineData("?url=ftp%3A%2F%2Fexample.com%2F", 400)]
    [InlineData("?url=https%3A%2F%2Fexample.com%2Fnever-archived", 404)]
    public async Task FindArticle_answers_problems_for_bad_or_unknown_urls(string? query, int status)
    {
        await using var scope = await StorageScope.CreateAsync();
        var function = ActivatorUtilities.CreateInstance<FindArticle>(scope.Services);
        var request = FunctionHttp.Request(query: query);
        var response = await FunctionHttp.ExecuteAsync(request, await function.Run(request, CancellationToken.None));
        Assert.Equal(status, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
    }
}
