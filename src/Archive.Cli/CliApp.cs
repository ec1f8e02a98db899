using System.CommandLine;
using Archive.Cli.Commands;

namespace Archive.Cli;

/// <summary>The <c>archive</c> command line: the local runner and the client of the API.</summary>
public static class CliApp
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand Build() => new("Archive: capture news articles, keep their originals, track their edits")
    {
        DemoCommand.Create(),
        ServeCommand.Create(),
        CaptureCommand.Create(),
        ShowCommand.Create(),
        HistoryCommands.History(),
        HistoryCommands.Diff(),
        HistoryCommands.Verify(),
        BundleVerification.Evidence(),
        HistoryCommands.Recheck(),
        AuditCommand.Create(),
        ExtractCommand.Create(),
        BenchCommand.Create(),
        ExportCommand.Create(),
    };

    /// <summary>Runs the command line with the given output streams.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
}
