using System.Text.Json;
using Archive.Cli.Client;
using Archive.Core;
using Archive.Core.Provenance;
using Archive.Local;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Cli.Commands;

/// <summary>One bundle the demo wrote and checked.</summary>
/// <param name="Version">The version.</param>
/// <param name="File">Where the bundle is.</param>
/// <param name="Verified">Whether every step passed.</param>
public sealed record DemoBundle(int Version, string File, bool Verified);

/// <summary>
/// The demo's ending: one anchoring run (as the timer would make it) with the test authority, then each version's
/// evidence bundle written to a folder with the test CA, the original and the text, and checked offline from those
/// files alone, as <c>archive verify --bundle</c> does.
/// </summary>
public static class DemoEvidence
{
    /// <summary>Anchors, writes and checks the bundles of every version of <paramref name="id"/>; says what it does on <paramref name="output"/>.</summary>
    public static async Task<IReadOnlyList<DemoBundle>> RunAsync(LocalStack stack, LocalTimestampAuthority authority, ArchiveApiClient client, string id, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(output);
        var run = await stack.Host.Services.GetRequiredService<AnchoringService>().RunAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Anchor timer run: {run.Outcome}, {run.Versions} version(s) under root {run.Root ?? "—"}, {authority.Requests} request(s) to the timestamp authority").ConfigureAwait(false);

        var folder = Directory.CreateTempSubdirectory("archive-demo-evidence-").FullName;
        var ca = Path.Combine(folder, "test-ca.pem");
        await File.WriteAllTextAsync(ca, authority.Ca.RootPem, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "test-tsa.pem"), authority.Ca.AuthorityPem, cancellationToken).ConfigureAwait(false);
        var versions = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/versions", null, cancellationToken).ConfigureAwait(false);
        var written = new List<DemoBundle>();
        foreach (var number in versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()))
        {
            var bundleJson = await client.SendAsync(HttpMethod.Get, $"api/articles/{id}/versions/{number}/evidence", null, cancellationToken).ConfigureAwait(false);
            var file = Path.Combine(folder, $"v{number}.evidence.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(bundleJson, ArchiveJson.Indented), cancellationToken).ConfigureAwait(false);
            var original = Path.Combine(folder, $"v{number}.original.html");
            await File.WriteAllBytesAsync(original, await client.GetBytesAsync($"api/articles/{id}/versions/{number}/original", cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var text = Path.Combine(folder, $"v{number}.txt");
            var version = await client.GetVersionAsync(id, number, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(text, version.GetProperty("text").GetString(), cancellationToken).ConfigureAwait(false);

            // From here on, only the files: the bundle, the original, the text and the test CA.
            var bundle = EvidenceBundle.Parse(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
            using var root = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(authority.Ca.Root.RawData);
            var report = BundleVerifier.Verify(bundle, await File.ReadAllBytesAsync(original, cancellationToken).ConfigureAwait(false), await File.ReadAllBytesAsync(text, cancellationToken).ConfigureAwait(false), [root]);
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync($"archive verify --bundle {file} --original {original} --text {text} --trust-root {ca}").ConfigureAwait(false);
            await BundleVerification.PrintAsync(output, bundle, report).ConfigureAwait(false);
            if (bundle.Anchor is { } anchor)
            {
                var token = Path.Combine(folder, $"v{number}.token.der");
                await File.WriteAllBytesAsync(token, Convert.FromBase64String(anchor.Token), cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"  the same token with OpenSSL: openssl ts -verify -digest {anchor.Root} -token_in -in {token} -CAfile {ca} -untrusted {Path.Combine(folder, "test-tsa.pem")}").ConfigureAwait(false);
            }

            written.Add(new DemoBundle(number, file, report.Verified));
        }

        return written;
    }
}
