using System.Diagnostics;
using System.Net.Sockets;

namespace Archive.Local;

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
    private readonly string _folder;
    private string? _ownedFolder;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort, string folder, string? ownedFolder)
    {
        _process = process;
        _folder = folder;
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
    public static Task<AzuriteProcess> StartAsync(string repositoryRoot, string? dataFolder = null, TextWriter? log = null, CancellationToken cancellationToken = default) =>
        StartAsync(repositoryRoot, [], dataFolder, log, cancellationToken);

    /// <summary>Starts Azurite as above, with <paramref name="extraArguments"/> added to its command line (such as <c>--debug FILE</c>).</summary>
    public static async Task<AzuriteProcess> StartAsync(
        string repositoryRoot, IReadOnlyList<string> extraArguments, string? dataFolder = null, TextWriter? log = null, CancellationToken cancellationToken = default)
    {
        var binary = await EnsureInstalledAsync(repositoryRoot, log, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var owned = dataFolder is null ? Directory.CreateTempSubdirectory("archive-azurite-").FullName : null;
            var azurite = Launch(binary, dataFolder ?? owned!, FreePort.Next(), FreePort.Next(), FreePort.Next(), owned, extraArguments);
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

    /// <summary>
    /// Starts this instance again after <see cref="StopAsync"/>: the same ports and the same data folder, so clients
    /// holding the connection string reconnect to the data they left (fault tests stop and restart storage).
    /// </summary>
    public async Task<AzuriteProcess> RestartAsync(string repositoryRoot, CancellationToken cancellationToken = default)
    {
        if (!_process.HasExited)
        {
            throw new InvalidOperationException("Stop Azurite before restarting it.");
        }

        var binary = await EnsureInstalledAsync(repositoryRoot, null, cancellationToken).ConfigureAwait(false);
        var azurite = Launch(binary, _folder, BlobPort, QueuePort, TablePort, _ownedFolder);
        try
        {
            await azurite.WaitUntilListeningAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);

            // The data folder now belongs to the new process; disposing this stopped one must leave it.
            _ownedFolder = null;
            return azurite;
        }
        catch (TimeoutException)
        {
            await azurite.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Stops Azurite the way a service is stopped: SIGTERM, so it saves its data to the data folder, then waits;
    /// kills it only if it has not exited within <paramref name="grace"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan grace, CancellationToken cancellationToken = default)
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            using var term = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, UseShellExecute = false });
            if (term is not null)
            {
                await term.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No kill(1) on this machine: fall through to killing it outright once the grace period is over.
        }

        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(grace);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static AzuriteProcess Launch(string binary, string folder, int blob, int queue, int table, string? owned, IReadOnlyList<string>? extraArguments = null)
    {
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
                 }.Concat(extraArguments ?? []))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start Azurite.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AzuriteProcess(process, blob, queue, table, folder, owned);
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
