using Archive.Core.Capture;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Archive.Functions.Http;

/// <summary>
/// The worker middleware that answers for every HTTP function when it throws (as in the Functions worker samples):
/// the exception becomes the answer <see cref="RequestFailures"/> gives it, as problem details for the API and as
/// the HTML error page for pages; only our own faults are a 500, and those are logged. The function doors therefore
/// hold no try/catch of their own. Other triggers rethrow, so the queue still retries and poisons.
/// </summary>
public sealed partial class ExceptionMiddleware(IStorageFailureClassifier storage, ILogger<ExceptionMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception ex) when (context.GetHttpContext() is { } http && !http.RequestAborted.IsCancellationRequested)
        {
            var failure = RequestFailures.Classify(Unwrap(ex), storage);
            if (failure.IsServerFault)
            {
                LogFailed(logger, context.FunctionDefinition.Name, ex);
            }

            await ErrorAnswers.WriteAsync(http, failure).ConfigureAwait(false);
        }
    }

    // A task that failed once may surface wrapped; the answer depends on what was thrown.
    private static Exception Unwrap(Exception exception) =>
        exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : exception;

    [LoggerMessage(Level = LogLevel.Error, Message = "Function {Function} failed")]
    private static partial void LogFailed(ILogger logger, string function, Exception exception);
}
