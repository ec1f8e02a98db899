using System.CommandLine;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Export;
using Archive.Core.Verification;

namespace Archive.Cli.Commands;

/// <summary>
/// The offline modes of <c>archive verify</c>: <c>--paragraph-proof FILE</c> and <c>--wacz FILE --public-key K</c> check
/// a file with nothing else (no API, no storage), print each step with pass or fail, and exit non-zero on a failure.
/// </summary>
public static class OfflineVerification
{
    /// <summary>A paragraph proof to check offline.</summary>
    public static Option<string?> ParagraphProofFile { get; } = new("--paragraph-proof")
    {
        Description = "Check a paragraph proof offline: a JSON file saved from POST /api/verify, 'archive verify … --json' or the verify page",
    };

    /// <summary>A WACZ package to check offline.</summary>
    public static Option<string?> WaczFile { get; } = new("--wacz") { Description = "Check a WACZ package offline: every file's hash and the signature (with --public-key)" };

    /// <summary>The public key a WACZ package must be signed with.</summary>
    public static Option<string?> PublicKeyFile { get; } = new("--public-key") { Description = "The signer's public key (PEM), for --wacz" };

    /// <summary>Adds the offline options to <paramref name="command"/>.</summary>
    public static Command WithOfflineModes(this Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(ParagraphProofFile);
        command.Options.Add(WaczFile);
        command.Options.Add(PublicKeyFile);
        return command;
    }

    /// <summary>Runs the offline check the command line asks for; null when it asks for none.</summary>
    public static Task<int>? TryRun(ParseResult parse, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var proof = parse.GetValue(ParagraphProofFile);
        var wacz = parse.GetValue(WaczFile);
        if (proof is null && wacz is null)
        {
            return parse.GetValue(PublicKeyFile) is null ? null : Refuse(parse, "--public-key goes with --wacz FILE.");
        }

        var output = parse.InvocationConfiguration.Output;
        return CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            if (proof is not null && wacz is not null)
            {
                throw new UsageException("Check one file at a time: --paragraph-proof or --wacz.");
            }

            return proof is not null
                ? await CheckParagraphProofAsync(output, proof, cancellationToken).ConfigureAwait(false)
                : await CheckWaczAsync(output, wacz!, parse.GetValue(PublicKeyFile), cancellationToken).ConfigureAwait(false);
        });
    }

    private static Task<int> Refuse(ParseResult parse, string message) =>
        CommandRunner.RunAsync(parse.InvocationConfiguration.Error, () => throw new UsageException(message));

    private static async Task<int> CheckParagraphProofAsync(TextWriter output, string path, CancellationToken cancellationToken)
    {
        var proofs = ReadProofs(await ReadFileAsync(path, cancellationToken).ConfigureAwait(false), path);
        var holds = true;
        foreach (var proof in proofs)
        {
            await output.WriteLineAsync($"Paragraph proof: article {proof.ArticleId}, version {proof.Version}, record {proof.RecordSha256}").ConfigureAwait(false);
            holds &= await PrintAsync(output, ParagraphProofChecker.Check(proof)).ConfigureAwait(false);
        }

        await output.WriteLineAsync(holds
            ? $"The paragraph proof holds: these paragraphs are in the version whose record hashes to the hash given."
            : "The paragraph proof does NOT hold.").ConfigureAwait(false);
        return holds ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task<int> CheckWaczAsync(TextWriter output, string path, string? keyPath, CancellationToken cancellationToken)
    {
        if (keyPath is null)
        {
            throw new UsageException("--wacz needs --public-key PEM: the key the package must be signed with.");
        }

        var pem = await ReadFileAsync(keyPath, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<CheckStep> steps;
        var file = File.OpenRead(path);
        await using (file.ConfigureAwait(false))
        {
            try
            {
                steps = WaczVerifier.Check(file, pem);
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException($"'{path}' is not a WACZ (zip) file: {ex.Message}");
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"'{keyPath}': {ex.Message}");
            }
        }

        await output.WriteLineAsync($"WACZ package {path}").ConfigureAwait(false);
        var holds = await PrintAsync(output, steps).ConfigureAwait(false);
        var signed = steps.Any(s => s.Name == "signature" && !s.Detail.StartsWith("not signed", StringComparison.Ordinal));
        await output.WriteLineAsync(holds ? "The package is intact and signed by the key given."
            : signed ? "The package does NOT verify."
            : "The package does NOT verify: it is not signed.").ConfigureAwait(false);
        return holds ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task<bool> PrintAsync(TextWriter output, IReadOnlyList<CheckStep> steps)
    {
        foreach (var step in steps)
        {
            await output.WriteLineAsync($"  {(step.Passed ? "pass" : "FAIL")}  {step.Name}: {step.Detail}").ConfigureAwait(false);
        }

        return steps.Count > 0 && steps.All(s => s.Passed);
    }

    private static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : throw new UsageException($"'{path}' does not exist.");

    // The proof alone, a version of a verify answer, or a whole verify answer (every version's proof).
    private static List<ParagraphProof> ReadProofs(string json, string path)
    {
        var proofs = new List<ParagraphProof>();
        try
        {
            using var document = JsonDocument.Parse(json);
            Collect(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw new UsageException($"'{path}' is not a paragraph proof (JSON): {ex.Message}");
        }

        return proofs.Count > 0 ? proofs : throw new UsageException($"'{path}' holds no paragraph proof (a passage that is not whole paragraphs gets none).");

        void Collect(JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (element.TryGetProperty("record", out _) && element.TryGetProperty("paragraphs", out _))
            {
                proofs.Add(element.Deserialize<ParagraphProof>(ArchiveJson.Options) ?? throw new JsonException("empty proof"));
                return;
            }

            if (element.TryGetProperty("paragraphProof", out var inner))
            {
                Collect(inner);
            }

            if (element.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array)
            {
                foreach (var version in versions.EnumerateArray())
                {
                    Collect(version);
                }
            }
        }
    }
}
