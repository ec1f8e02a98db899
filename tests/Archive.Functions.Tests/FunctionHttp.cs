using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions.Tests;

/// <summary>What an HTTP function answered, once its result has been executed.</summary>
public sealed record FunctionResponse(int Status, string? ContentType, byte[] Body, IHeaderDictionary Headers)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}

/// <summary>Builds requests for function classes called directly, and runs their results as the host would.</summary>
public static class FunctionHttp
{
    private static readonly IServiceProvider MvcServices = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();

    public static HttpRequest Request(string method = "GET", string? body = null, string? contentType = "application/json", string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = MvcServices };
        context.Request.Method = method;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query);
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>Runs a function and its result, answering what it throws as <c>ExceptionMiddleware</c> does in the host.</summary>
    public static async Task<FunctionResponse> ExecuteAsync(HttpRequest request, Func<Task<IActionResult>> run)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(run);
        IActionResult result;
        try
        {
            result = await run();
        }
        catch (Exception ex)
        {
            result = Archive.Functions.Http.ErrorAnswers.For(request.Path, Archive.Functions.Http.RequestFailures.Classify(ex));
        }

        return await ExecuteAsync(request, result);
    }

    public static async Task<FunctionResponse> ExecuteAsync(HttpRequest request, IActionResult result)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var context = request.HttpContext;
        await result.ExecuteResultAsync(new ActionContext(context, new RouteData(), new ActionDescriptor()));
        var body = ((MemoryStream)context.Response.Body).ToArray();
        return new FunctionResponse(context.Response.StatusCode, context.Response.ContentType, body, context.Response.Headers);
    }
}
