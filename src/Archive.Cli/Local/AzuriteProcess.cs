using System.Diagnostics;
using System.Net.Sockets;

namespace Archive.Cli.Local;

/// <summary>
/// Runs Azurite, Microsoft's Azure Storage emulator, from the repository's node_modules (pinned in package.json),
/// on 127.0.0.1 and free ports. Always with <c>--disableTelemetry</c>: without it Azurite contacts the cloud metadata
/// address and then ignores SIGTERM.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    // Azurite's published development account; it only ever exists inside the emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string? _ownedFolder;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, string? ownedFolder)
    {
        _process = process;
        _ownedFolder = ownedFolder;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>The blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>The queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>The table service port.</summary>
    public int TablePort { get; }

    /// <summary>The process id, to stop it by.</summary>
    public int ProcessId => _process.Id;

    /// <summary>A connection string for this instance.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>The Azurite binary in the repository's node_modules, installing it with <c>npm ci</c> when missing.</summary>
    public static async Task<string> EnsureInstalledAsync(string repositoryRoot, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var binary = Path.Combine(repositoryRoot, "node_modules", ".bin", "azurite");
        if (File.Exists(binary))
        {
            return binary;
        }

        log?.WriteLine("Installing Azurite (npm ci)...");
        var npm = new ProcessStartInfo("npm", "ci --no-audit --no-fund --loglevel=error") { WorkingDirectory = repositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        using var install = Process.Start(npm) ?? throw new InvalidOperationException("Could not start npm; install Node.js.");
        var stderr = install.StandardError.ReadToEndAsync(cancellationToken);
        _ = await install.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        await install.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (install.ExitCode != 0 || !File.Exists(binary))
        {
            throw new InvalidOperationException($"npm ci failed (exit {install.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        return binary;
    }

    /// <summary>Starts Azurite with its data in <paramref name="dataFolder"/> (a new temporary folder when null, removed on dispose).</summary>
    public static async Task<AzuriteProcess> StartAsync(string repositoryRoot, string? dataFolder = null, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var binary = await EnsureInstalledAsync(repositoryRoot, log, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var owned = dataFolder is null ? Directory.CreateTempSubdirectory("archive-azurite-").FullName : null;
            var folder = dataFolder ?? owned!;
            int blob = FreePort.Next(), queue = FreePort.Next(), table = FreePort.Next();
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--silent", "--disableTelemetry", "--skipApiVersionCheck", "--loose",
                         "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
                         "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
                         "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
                         "--location", folder,
                     })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var azurite = new AzuriteProcess(process, blob, queue, table, owned);
            try
            {
                await azurite.WaitUntilListeningAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
                return azurite;
            }
            catch (TimeoutException ex)
            {
                last = ex;
                await azurite.DisposeAsync().ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException("Azurite did not start.", last);
    }

    private async Task WaitUntilListeningAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new TimeoutException($"Azurite exited with code {_process.ExitCode} while starting.");
                }

                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync("127.0.0.1", port, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (SocketException) when (deadline.Elapsed < limit)
                {
                    await Task.Delay(50, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException ex)
                {
                    throw new TimeoutException($"Azurite did not listen on port {port} within {limit}.", ex);
                }
            }
        }
    }

    /// <summary>Stops Azurite (by its own pid) and removes the data folder it owns.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or will be reaped with us.
        }

        _process.Dispose();
        if (_ownedFolder is not null)
        {
            try
            {
                Directory.Delete(_ownedFolder, recursive: true);
            }
            catch (IOException)
            {
                // A temporary folder; the OS cleans it eventually.
            }
        }
    }
}
