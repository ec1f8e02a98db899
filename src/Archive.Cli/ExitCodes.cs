namespace Archive.Cli;

/// <summary>What the command line's exit codes mean.</summary>
public static class ExitCodes
{
    /// <summary>Done as asked.</summary>
    public const int Success = 0;

    /// <summary>The work ran but its outcome is a failure (a capture that failed, a check that found tampering).</summary>
    public const int Failed = 1;

    /// <summary>The input is invalid (a malformed URL or id, a bad option); nothing was done.</summary>
    public const int InvalidInput = 2;

    /// <summary>The thing asked for does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>The API or a service it needs could not be reached, or did not answer in time.</summary>
    public const int Unavailable = 4;
}
