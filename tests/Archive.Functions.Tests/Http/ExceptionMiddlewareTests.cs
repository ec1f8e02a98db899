using Archive.Core.Capture;
using Archive.Functions.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Archive.Functions.Tests.Http;

/// <summary>The worker middleware that answers what an HTTP function throws, as the Azure Functions worker calls it.</summary>
public sealed class ExceptionMiddlewareTests
{
    private sealed class NoStorageFailures : IStorageFailureClassifier
    {
        public bool IsStorageFailure(Exception exception) => false;
    }

    private static ExceptionMiddleware Middleware() => new(new NoStorageFailures(), NullLogger<ExceptionMiddleware>.Instance);

    [Theory]
    [InlineData("/api/captures", 400, "application/problem+json")]
    [InlineData("/submit", 400, "text/html")]
    public async Task A_rejected_submission_becomes_a_400_problem_or_error_page(string path, int status, string mediaType)
    {
        var request = FunctionHttp.Request("POST");
        request.Path = path;
        await Middleware().Invoke(new WorkerInvocation("Archive.Functions.Capture.SubmitCaptures.Run", request.HttpContext),
            _ => throw new SubmissionRejectedException([new SubmissionError(0, "url", "The URL is empty.")]));

        var response = await FunctionHttp.ExecuteAsync(request, new Microsoft.AspNetCore.Mvc.EmptyResult());
        Assert.Equal(status, response.Status);
        Assert.StartsWith(mediaType, response.ContentType, StringComparison.Ordinal);
        Assert.Contains("The URL is empty.", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_the_reader_refuses_is_a_400_and_our_own_fault_a_500()
    {
        var form = FunctionHttp.Request("POST");
        form.Path = "/api/verify";
        await Middleware().Invoke(new WorkerInvocation("x.Run", form.HttpContext), _ => throw new InvalidDataException("Form value count limit 1024 exceeded."));
        Assert.Equal(400, form.HttpContext.Response.StatusCode);

        var fault = FunctionHttp.Request("GET");
        fault.Path = "/api/articles";
        await Middleware().Invoke(new WorkerInvocation("x.Run", fault.HttpContext), _ => throw new InvalidOperationException("a bug"));
        Assert.Equal(500, fault.HttpContext.Response.StatusCode);
    }

    [Fact]
    public async Task A_queue_function_still_throws_so_the_queue_retries()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Middleware().Invoke(new WorkerInvocation("Archive.Functions.Capture.CaptureArticle.Run", null), _ => throw new InvalidOperationException("storage down")));
    }
}
