using System.CommandLine;
using Archive.Local.Hosting;
using Archive.Local;
using Microsoft.Extensions.Logging;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive serve</c>: the local runner. Hosts the Functions app's HTTP functions on 127.0.0.1 and runs its queue
/// functions, against the configured storage or, when none is configured, an Azurite it starts itself.
/// </summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one)", DefaultValueFactory = _ => 7071 };
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: Storage__ConnectionString or AzureWebJobsStorage, else a local Azurite)" };
        var seeds = new Option<bool>("--seeds") { Description = "Also serve seeds/ on a local page server, and allow fetching from loopback" };
        var command = new Command("serve", "Run the Functions app locally (HTTP, queue and timer functions) on 127.0.0.1") { port, storage, seeds };
        command.SetAction((parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
            {
                var connection = parse.GetValue(storage)
                                 ?? Environment.GetEnvironmentVariable("Storage__ConnectionString")
                                 ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
                AzuriteProcess? azurite = null;
                PageServer? pages = null;
                var settings = new Dictionary<string, string?>();
                try
                {
                    if (string.IsNullOrWhiteSpace(connection))
                    {
                        var root = RepositoryPaths.RequireRoot();
                        var data = Directory.CreateDirectory(Path.Combine(root, ".azurite")).FullName;
                        azurite = await AzuriteProcess.StartAsync(root, data, output, cancellationToken).ConfigureAwait(false);
                        foreach (var (key, value) in LocalStack.SettingsFor(azurite))
                        {
                            settings[key] = value;
                        }

                        settings.Remove("Fetch:AllowedNetworks:0");
                        await output.WriteLineAsync($"Azurite (pid {azurite.ProcessId}) on 127.0.0.1 ports {azurite.BlobPort}/{azurite.QueuePort}/{azurite.TablePort}, data in {data}").ConfigureAwait(false);
                    }
                    else
                    {
                        settings["Storage:ConnectionString"] = connection;
                        settings["AzureWebJobsStorage"] = connection;
                    }

                    if (parse.GetValue(seeds))
                    {
                        pages = await PageServer.StartAsync(Path.Combine(RepositoryPaths.RequireRoot(), "seeds"), cancellationToken).ConfigureAwait(false);
                        settings["Fetch:AllowedNetworks:0"] = "127.0.0.0/8";
                        await output.WriteLineAsync($"Seed pages at {pages.BaseAddress} (e.g. {pages.Url("article-syria-2024.html")})").ConfigureAwait(false);
                    }

                    await using var host = await LocalFunctionsHost.StartAsync(
                        new LocalHostOptions { Port = parse.GetValue(port), Settings = settings, LogLevel = LogLevel.Information }, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync($"Archive API at {host.BaseAddress}api/ ({host.Functions.Count} functions), pages at {host.BaseAddress}. Ctrl+C stops.").ConfigureAwait(false);
                    foreach (var function in host.Functions)
                    {
                        var trigger = function.Http is { } h ? $"HTTP {string.Join(",", h.Methods ?? []).ToUpperInvariant()} /{h.Route}"
                            : function.Queue is { } q ? $"queue {q.QueueName}" : $"timer {function.Timer?.Schedule}";
                        await output.WriteLineAsync($"  {function.Name,-24} {trigger}").ConfigureAwait(false);
                    }

                    try
                    {
                        await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        await output.WriteLineAsync("Stopping.").ConfigureAwait(false);
                    }

                    return ExitCodes.Success;
                }
                finally
                {
                    if (pages is not null)
                    {
                        await pages.DisposeAsync().ConfigureAwait(false);
                    }

                    if (azurite is not null)
                    {
                        await azurite.DisposeAsync().ConfigureAwait(false);
                    }
                }
            });
        });
        return command;
    }
}
