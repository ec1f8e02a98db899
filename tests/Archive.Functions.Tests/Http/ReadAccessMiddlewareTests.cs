using Archive.Functions.Articles;
using Archive.Functions.Capture;
using Archive.Functions.Http;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Tests.Http;

/// <summary>
/// The worker middleware as the Azure Functions worker calls it: with the ASP.NET Core integration's HttpContext in
/// the invocation's items (the key the integration uses), for a read function and a write function.
/// </summary>
public sealed class ReadAccessMiddlewareTests
{
    private static async Task<(bool Ran, int Status)> InvokeAsync(string readAccess, Type function, string? key)
    {
        var options = Options.Create(new ApiOptions { ReadAccess = Enum.Parse<ReadAccess>(readAccess), ReadKey = "k" });
        var http = FunctionHttp.Request().HttpContext;
        if (key is not null)
        {
            http.Request.Headers["x-functions-key"] = key;
        }

        var ran = false;
        await new ReadAccessMiddleware(new ReadAccessGuard(options)).Invoke(new WorkerInvocation(function.FullName + ".Run", http), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        return (ran, http.Response.StatusCode);
    }

    [Theory]
    [InlineData("Anonymous", typeof(GetArticle), null, true)]
    [InlineData("Function", typeof(GetArticle), null, false)]
    [InlineData("Function", typeof(GetArticle), "wrong", false)]
    [InlineData("Function", typeof(GetArticle), "k", true)]
    [InlineData("Function", typeof(SubmitCaptures), null, true)]
    public async Task Reads_without_the_key_are_answered_401_before_the_function_runs(string readAccess, Type function, string? key, bool runs)
    {
        var (ran, status) = await InvokeAsync(readAccess, function, key);
        Assert.Equal(runs, ran);
        Assert.Equal(runs ? 200 : 401, status);
    }
}
