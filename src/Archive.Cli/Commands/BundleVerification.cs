using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Provenance;

namespace Archive.Cli.Commands;

/// <summary>
/// <c>archive verify --bundle FILE [--original F] [--text F] [--trust-root CA.pem ...]</c>: checks an evidence bundle
/// offline, with nothing but the bundle, the files given and the trust roots given (no API, no storage), printing
/// each step with pass or fail; and <c>archive evidence ID N --out FILE</c>, which downloads a bundle.
/// </summary>
public static class BundleVerification
{
    /// <summary>The bundle to check.</summary>
    public static Option<string?> Bundle { get; } = new("--bundle") { Description = "Check this evidence bundle offline (no API needed)" };

    /// <summary>The original bytes to check against the bundle.</summary>
    public static Option<string?> Original { get; } = new("--original") { Description = "With --bundle: the original bytes, checked against the hash the record names" };

    /// <summary>The text to check against the bundle.</summary>
    public static Option<string?> Text { get; } = new("--text") { Description = "With --bundle: the clean text (or its normalized form), checked against the hashes the record names" };

    /// <summary>The certificates the authority must chain to.</summary>
    public static Option<string[]> TrustRoots { get; } = new("--trust-root") { Description = "With --bundle: a PEM or DER certificate the timestamp authority must chain to (repeatable)", AllowMultipleArgumentsPerToken = false };

    /// <summary>Checks the bundle <see cref="Bundle"/> names and prints each step; the exit code says whether all passed.</summary>
    public static Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            if (parse.GetValue(OfflineVerification.ParagraphProofFile) is not null || parse.GetValue(OfflineVerification.WaczFile) is not null)
            {
                throw new UsageException("Check one file at a time: --bundle, --paragraph-proof or --wacz.");
            }

            var output = parse.InvocationConfiguration.Output;
            var bundle = ParseBundle(await ReadAsync(parse.GetValue(Bundle)!, "--bundle", cancellationToken).ConfigureAwait(false));
            var original = parse.GetValue(Original) is { } o ? await ReadAsync(o, "--original", cancellationToken).ConfigureAwait(false) : null;
            var text = parse.GetValue(Text) is { } t ? await ReadAsync(t, "--text", cancellationToken).ConfigureAwait(false) : null;
            var roots = new X509Certificate2Collection();
            foreach (var path in parse.GetValue(TrustRoots) ?? [])
            {
                roots.AddRange(LoadCertificates(path));
            }

            var report = BundleVerifier.Verify(bundle, original, text, [.. roots]);
            if (parse.GetValue(CommonOptions.Json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new { verified = report.Verified, steps = report.Steps }, ArchiveJson.Indented)).ConfigureAwait(false);
            }
            else
            {
                await PrintAsync(output, bundle, report).ConfigureAwait(false);
            }

            return report.Verified ? ExitCodes.Success : ExitCodes.Failed;
        });

    /// <summary>Prints each step of <paramref name="report"/> with pass or fail, and what they add up to.</summary>
    public static async Task PrintAsync(TextWriter output, EvidenceBundle bundle, BundleReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(report);
        await output.WriteLineAsync($"Evidence of version {bundle.Version} of {bundle.ArticleId} ({bundle.Url})").ConfigureAwait(false);
        foreach (var step in report.Steps)
        {
            var mark = step.Status switch { StepStatus.Pass => "pass", StepStatus.Fail => "FAIL", _ => "n/a " };
            await output.WriteLineAsync($"  {mark}  {step.Name,-9}  {step.Detail}").ConfigureAwait(false);
        }

        var failed = report.Steps.Count(s => s.Status == StepStatus.Fail);
        await output.WriteLineAsync(
            report.Verified ? $"Verified: this record was sealed as it reads, and existed by {bundle.Anchor!.AnchoredAt:O} ({bundle.Anchor.Authority})."
            : failed > 0 ? $"NOT verified: {failed} step(s) failed."
            : "Not anchored yet: the record and its chain check out, but its time is not proven. Download the bundle again after the next anchor.").ConfigureAwait(false);
    }

    /// <summary><c>archive evidence ID|URL N --out FILE</c>: downloads a version's evidence bundle.</summary>
    public static Command Evidence()
    {
        var target = new Argument<string>("article") { Description = "The article's id, or its URL" };
        var number = new Argument<int>("version") { Description = "The version number" };
        var output = new Option<string?>("--out") { Description = "The file to write (default ID-vN.evidence.json)" };
        var command = new Command("evidence", "Download a version's evidence bundle, to check offline with 'archive verify --bundle'") { target, number, output, CommonOptions.Api, CommonOptions.Key };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse.InvocationConfiguration.Error, async () =>
        {
            var n = parse.GetValue(number);
            if (n < 1)
            {
                throw new UsageException("Version numbers start at 1.");
            }

            var (client, http) = CommonOptions.CreateClient(parse);
            using (http)
            {
                var id = await HistoryCommands.ResolveAsync(client, parse.GetValue(target)!, cancellationToken).ConfigureAwait(false);
                var bundle = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/versions/{n}/evidence", null, cancellationToken).ConfigureAwait(false);
                var file = parse.GetValue(output) ?? $"{id}-v{n}.evidence.json";
                await File.WriteAllTextAsync(file, JsonSerializer.Serialize(bundle, ArchiveJson.Indented) + "\n", cancellationToken).ConfigureAwait(false);
                var status = bundle.GetProperty("anchorStatus").GetString();
                await parse.InvocationConfiguration.Output.WriteLineAsync($"Wrote {file} (version {n} of {id}, {status}).").ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }));
        return command;
    }

    private static EvidenceBundle ParseBundle(byte[] bytes)
    {
        try
        {
            return EvidenceBundle.Parse(bytes);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"--bundle: {ex.Message}");
        }
    }

    private static async Task<byte[]> ReadAsync(string path, string option, CancellationToken cancellationToken) =>
        File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false)
            : throw new UsageException($"{option}: '{path}' does not exist.");

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"--trust-root: '{path}' does not exist.");
        }

        var certificates = new X509Certificate2Collection();
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (System.Text.Encoding.ASCII.GetString(bytes).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPemFile(path);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (CryptographicException ex)
        {
            throw new UsageException($"--trust-root: '{path}' is not a PEM or DER certificate: {ex.Message}");
        }

        return certificates.Count > 0 ? certificates : throw new UsageException($"--trust-root: '{path}' holds no certificate.");
    }
}
