namespace Archive.Cli;

/// <summary>The entry point of the <c>archive</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line.</summary>
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);
}
