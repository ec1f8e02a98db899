using System.CommandLine;
using System.Globalization;
using Archive.Core;
using Archive.Core.Export;
using Archive.Core.Urls;
using Archive.Core.Versions;
using Archive.Storage;
using Archive.Storage.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive export warc ID|URL|--all [--out FILE]</c>: archived articles as a gzipped WARC 1.1 file and its CDXJ index
/// (<c>FILE.cdxj</c>); <c>archive export wacz</c>: the same as one WACZ package. They read the storage themselves, as
/// the API's export does, through the same exporter.
/// </summary>
public static class ExportCommand
{
    /// <summary>Builds <c>archive export</c> and its <c>warc</c> and <c>wacz</c> subcommands.</summary>
    public static Command Create() => new("export", "Export archived articles in formats other archives read")
    {
        Format("warc", "Write archived articles as a WARC 1.1 file (gzip per record) and a CDXJ index beside it (FILE.cdxj)", ".warc.gz", WriteWarcAsync),
        Format("wacz", "Write archived articles as a WACZ package (WARC, CDXJ index, pages, datapackage.json)", ".wacz", WriteWaczAsync),
    };

    private static Command Format(string name, string description, string extension, Func<IServiceProvider, IAsyncEnumerable<ArticleId>, string, CancellationToken, Task<(WarcExportResult Result, string Written)>> write)
    {
        var target = new Argument<string?>("article") { Description = "The article's id, or its URL (omit with --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = "Export every archived article" };
        var output = new Option<string?>("--out") { Description = $"The file to write (default ID{extension}, or archive{extension} with --all)" };
        var storage = new Option<string?>("--storage") { Description = "Storage connection string (default: Storage__ConnectionString or AzureWebJobsStorage)" };
        var prefix = new Option<string?>("--prefix") { Description = "Prefix of the container, table and queue names (default: Storage__NamePrefix, else none)" };
        var command = new Command(name, description) { target, all, output, storage, prefix };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var value = parse.GetValue(target);
            if (parse.GetValue(all) == value is not null)
            {
                throw new UsageException("Give an article (id or URL), or --all, not both.");
            }

            var connection = parse.GetValue(storage) ?? Environment.GetEnvironmentVariable("Storage__ConnectionString") ?? Environment.GetEnvironmentVariable("AzureWebJobsStorage");
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new UsageException("No storage: give --storage CONNECTION_STRING or set Storage__ConnectionString.");
            }

            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:ConnectionString"] = connection,
                ["Storage:NamePrefix"] = parse.GetValue(prefix) ?? Environment.GetEnvironmentVariable("Storage__NamePrefix") ?? string.Empty,
                ["Signing:KeyPemFile"] = Environment.GetEnvironmentVariable("Signing__KeyPemFile"),
            }).Build();
            var services = new ServiceCollection().AddLogging();
            services.AddArchiveCore(configuration);
            services.AddArchiveStorage(configuration);
            services.AddArchiveSigning(configuration);
            await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false });
            try
            {
                // The clients parse the connection string when they are made: a bad one is bad input, said plainly.
                provider.GetRequiredService<IArticleStore>();
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new UsageException($"The storage connection string is not valid: {ex.Message}");
            }

            IAsyncEnumerable<ArticleId> ids;
            string defaultName;
            if (value is null)
            {
                ids = provider.GetRequiredService<IArticleStore>().ListHeadsAsync(cancellationToken).Select(head => head.Id);
                defaultName = "archive" + extension;
            }
            else
            {
                var id = Resolve(value);
                var head = await provider.GetRequiredService<IArticleStore>().GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
                if (head is null || head.LatestVersion == 0)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"archive: not found: {(head is null ? $"there is no article {id}" : $"article {id} has no version yet")}.").ConfigureAwait(false);
                    return ExitCodes.NotFound;
                }

                ids = new[] { id }.ToAsyncEnumerable();
                defaultName = id.Value + extension;
            }

            var path = Path.GetFullPath(parse.GetValue(output) ?? defaultName);
            var (result, written) = await write(provider, ids, path, cancellationToken).ConfigureAwait(false);
            await parse.InvocationConfiguration.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote {result.Records} WARC records of {result.Articles} article(s) and {result.Index.Count} index lines to {written}")).ConfigureAwait(false);
            return result.Articles > 0 ? ExitCodes.Success : ExitCodes.NotFound;
        }));
        return command;
    }

    private static async Task<(WarcExportResult, string)> WriteWarcAsync(IServiceProvider services, IAsyncEnumerable<ArticleId> ids, string path, CancellationToken cancellationToken)
    {
        var exporter = services.GetRequiredService<WarcExporter>();
        WarcExportResult? result = null;
        await WriteFileAsync(path, async file => result = await exporter.ExportAsync(ids, file, Path.GetFileName(path), cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        await WriteFileAsync(path + ".cdxj", async file =>
        {
            var index = new StreamWriter(file, leaveOpen: true);
            await using (index.ConfigureAwait(false))
            {
                await CdxjIndex.WriteAsync(result!.Index, index, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
        return (result!, $"{path} and {path}.cdxj");
    }

    private static async Task<(WarcExportResult, string)> WriteWaczAsync(IServiceProvider services, IAsyncEnumerable<ArticleId> ids, string path, CancellationToken cancellationToken)
    {
        var packager = services.GetRequiredService<WaczPackager>();
        WarcExportResult? result = null;
        await WriteFileAsync(path, async file => result = await packager.WriteAsync(ids, file, $"Archive export {Path.GetFileNameWithoutExtension(path)}", cancellationToken: cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        return (result!, path);
    }

    // A file is written beside its final name and moved into place only when complete, so a failed export never
    // leaves a truncated file that looks whole.
    private static async Task WriteFileAsync(string path, Func<FileStream, Task> write)
    {
        var partial = path + ".partial";
        try
        {
            var file = new FileStream(partial, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                await write(file).ConfigureAwait(false);
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static ArticleId Resolve(string value)
    {
        if (ArticleId.TryParse(value, out var id))
        {
            return id;
        }

        return UrlCanonicalizer.TryCanonicalize(value, out var url, out _)
            ? ArticleId.For(url)
            : throw new UsageException($"'{value}' is neither an article id (32 hex characters) nor an http(s) URL.");
    }
}
