using System.Collections.Immutable;
using Archive.Functions.Articles;
using Archive.Functions.Capture;
using Archive.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Tests.Http;

/// <summary>
/// The worker middleware as the Azure Functions worker calls it: with the ASP.NET Core integration's HttpContext in
/// the invocation's items (the key the integration uses), for a read function and a write function.
/// </summary>
public sealed class ReadAccessMiddlewareTests
{
    private sealed class Definition(string entryPoint) : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];

        public override string PathToAssembly => typeof(GetArticle).Assembly.Location;

        public override string EntryPoint => entryPoint;

        public override string Id => entryPoint;

        public override string Name => entryPoint;

        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;

        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }

    private sealed class Invocation(string entryPoint, HttpContext http) : FunctionContext
    {
        public override string InvocationId => "1";

        public override string FunctionId => entryPoint;

        public override TraceContext TraceContext => null!;

        public override BindingContext BindingContext => null!;

        public override RetryContext RetryContext => null!;

        public override IServiceProvider InstanceServices { get; set; } = null!;

        public override FunctionDefinition FunctionDefinition { get; } = new Definition(entryPoint);

        public override IDictionary<object, object> Items { get; set; } = new Dictionary<object, object> { ["HttpRequestContext"] = http };

        public override IInvocationFeatures Features => null!;
    }

    private static async Task<(bool Ran, int Status)> InvokeAsync(string readAccess, Type function, string? key)
    {
        var options = Options.Create(new ApiOptions { ReadAccess = Enum.Parse<ReadAccess>(readAccess), ReadKey = "k" });
        var http = FunctionHttp.Request().HttpContext;
        if (key is not null)
        {
            http.Request.Headers["x-functions-key"] = key;
        }

        var ran = false;
        await new ReadAccessMiddleware(new ReadAccessGuard(options)).Invoke(new Invocation(function.FullName + ".Run", http), _ =>
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
