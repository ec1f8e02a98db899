using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Archive.Functions.Http;

/// <summary>
/// The worker middleware that applies <see cref="ReadAccessGuard"/> in Azure: before a read function runs, a request
/// without the read key is answered 401 with problem details.
/// </summary>
public sealed class ReadAccessMiddleware(ReadAccessGuard guard) : IFunctionsWorkerMiddleware
{
    private static readonly ConcurrentDictionary<string, bool> Governed = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (guard.Enabled && IsRead(context.FunctionDefinition.EntryPoint) && context.GetHttpContext() is { } http && guard.Check(http.Request) is { } problem)
        {
            await problem.ExecuteResultAsync(new ActionContext(http, http.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>True when the entry point (<c>Namespace.Type.Method</c>) names a read function of this app.</summary>
    public static bool IsRead(string entryPoint) => Governed.GetOrAdd(entryPoint, static e =>
    {
        var dot = e.LastIndexOf('.');
        var type = dot > 0 ? typeof(ReadAccessMiddleware).Assembly.GetType(e[..dot]) : null;
        return ReadAccessGuard.Governs(type?.GetMethod(e[(dot + 1)..], BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static));
    });
}
