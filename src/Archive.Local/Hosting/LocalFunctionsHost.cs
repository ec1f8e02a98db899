using System.Net;
using Archive.Core.Capture;
using Archive.Functions;
using Archive.Functions.Http;
using Archive.Storage;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Archive.Local.Hosting;

/// <summary>How to run the local host.</summary>
public sealed record LocalHostOptions
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Configuration that overrides appsettings and the environment (the storage connection, fetch allowances).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The lowest level logged to the console.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Replaces services after the app's own registrations (tests pass a fake clock).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}

/// <summary>
/// Runs the Functions app's own function classes outside the Azure Functions host: HTTP functions on Kestrel at
/// 127.0.0.1, queue functions polling their queues, with the same DI registrations and host.json settings.
/// </summary>
public sealed class LocalFunctionsHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalFunctionsHost(WebApplication app, IReadOnlyList<FunctionDescriptor> functions)
    {
        _app = app;
        Functions = functions;
    }

    /// <summary>The base address, such as <c>http://127.0.0.1:7071/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's services.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The functions being hosted.</summary>
    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    /// <summary>Builds and starts the host.</summary>
    public static async Task<LocalFunctionsHost> StartAsync(LocalHostOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var functions = FunctionCatalog.Discover(typeof(Routes).Assembly);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        var settings = HostSettings.LoadDefault().WithOverrides(key => builder.Configuration[key]);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port);
            // Header bytes outside ASCII reach the app as Latin-1 characters instead of being refused with a bare 400
            // before it; the function then answers them as it answers any bad value, with problem details.
            k.RequestHeaderEncodingSelector = _ => System.Text.Encoding.Latin1;
        });
        builder.Services.AddArchiveFunctions(builder.Configuration);
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton(settings);
        foreach (var function in functions.Where(f => f.Queue is not null))
        {
            builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => new QueueTriggerListener(
                sp, function, sp.GetRequiredService<QueueServiceClient>(), sp.GetRequiredService<ResolvedStorageNames>(), settings,
                sp.GetRequiredService<ILogger<QueueTriggerListener>>()));
        }

        foreach (var function in functions.Where(f => f.Timer is not null))
        {
            builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => new TimerTriggerListener(
                sp, function, sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<TimerTriggerListener>>()));
        }

        // Reads keyed like writes: the runner's own key serves when no separate read key is configured.
        builder.Services.PostConfigure<ApiOptions>(o => o.ReadKey = string.IsNullOrEmpty(o.ReadKey) ? builder.Configuration["Runner:FunctionKey"] : o.ReadKey);
        options.ConfigureServices?.Invoke(builder.Services);
        var app = builder.Build();
        var functionKey = app.Configuration["Runner:FunctionKey"];

        // A path no function serves (404) or a method it does not take (405, with Allow) is answered like every
        // other error: problem details under /api, the error page elsewhere.
        app.UseStatusCodePages(context => ErrorAnswers.WriteAsync(context.HttpContext, RequestFailures.ForStatus(context.HttpContext.Response.StatusCode, context.HttpContext.Response.Headers.Allow)));
        foreach (var function in functions.Where(f => f.Http is not null))
        {
            var http = function.Http!;
            var route = http.Route ?? function.Name;
            var pattern = settings.RoutePrefix.Length == 0 ? route : $"{settings.RoutePrefix}/{route}";
            var methods = (http.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant()).ToArray();
            app.MapMethods(pattern, methods, context => HandleHttpAsync(context, function, functionKey));
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var host = new LocalFunctionsHost(app, functions) { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/") };
        return host;
    }

    /// <summary>True when no queue message is being processed.</summary>
    public bool IsIdle => _app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<QueueTriggerListener>().All(l => l.InFlight == 0);

    private static async Task HandleHttpAsync(HttpContext context, FunctionDescriptor function, string? functionKey)
    {
        IActionResult result;
        if (function.Http!.AuthLevel is AuthorizationLevel.Function or AuthorizationLevel.Admin && !string.IsNullOrEmpty(functionKey) && !FunctionKeys.Carries(context.Request, functionKey))
        {
            result = ErrorAnswers.For(context.Request.Path, RequestFailures.KeyRequired("Send the key in the x-functions-key header or the code query parameter."));
        }
        else if (ReadAccessGuard.Governs(function.Http) && context.RequestServices.GetRequiredService<ReadAccessGuard>().Check(context.Request) is { } refused)
        {
            result = refused;
        }
        else
        {
            try
            {
                var routeValues = context.GetRouteData().Values.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString(), StringComparer.OrdinalIgnoreCase);
                result = await FunctionInvoker.InvokeAsync(context.RequestServices, function, context.Request, routeValues, context.RequestAborted).ConfigureAwait(false) as IActionResult
                         ?? new NoContentResult();
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // As ExceptionMiddleware does in Azure: every exception becomes the answer RequestFailures gives it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var failure = RequestFailures.Classify(ex, context.RequestServices.GetRequiredService<IStorageFailureClassifier>());
                if (failure.IsServerFault)
                {
                    context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Archive.Runner").LogError(ex, "Function {Function} failed", function.Name);
                }

                await ErrorAnswers.WriteAsync(context, failure).ConfigureAwait(false);
                return;
            }
        }

        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor())).ConfigureAwait(false);
    }

    /// <summary>Stops the host.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
