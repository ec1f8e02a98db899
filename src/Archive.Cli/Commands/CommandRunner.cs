using System.Net;
using Archive.Cli.Client;

namespace Archive.Cli.Commands;

/// <summary>Runs a command's body and turns the ways it can fail into a message and a meaningful exit code.</summary>
public static class CommandRunner
{
    /// <summary>Runs <paramref name="body"/>, mapping failures to exit codes.</summary>
    public static async Task<int> RunAsync(TextWriter error, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ApiProblemException ex) when (ex.Status == HttpStatusCode.NotFound)
        {
            await error.WriteLineAsync($"archive: not found: {ex.Detail ?? ex.Title}").ConfigureAwait(false);
            return ExitCodes.NotFound;
        }
        catch (ApiProblemException ex) when ((int)ex.Status is >= 400 and < 500)
        {
            await error.WriteLineAsync($"archive: refused ({(int)ex.Status}): {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (ApiProblemException ex)
        {
            await error.WriteLineAsync($"archive: the API failed ({(int)ex.Status}): {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync($"archive: cannot reach the API: {ex.Message} (is 'archive serve' running? see --api)").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (TimeoutException ex)
        {
            await error.WriteLineAsync($"archive: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (TaskCanceledException)
        {
            await error.WriteLineAsync("archive: the API did not answer in time.").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        catch (UsageException ex)
        {
            await error.WriteLineAsync($"archive: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InvalidInput;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("archive: cancelled.").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
#pragma warning disable CA1031 // The last line of defence of a command line: one clear line instead of a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"archive: unexpected error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }
}

/// <summary>The command line was understood but its values are not acceptable.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
