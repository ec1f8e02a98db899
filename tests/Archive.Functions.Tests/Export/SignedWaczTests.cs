using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Archive.Core.Export;
using Archive.Core.Urls;
using Archive.Local.Hosting;
using Archive.Storage.Signing;
using Archive.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Archive.Functions.Tests.Export;

/// <summary>A WACZ signed with the configured key verifies offline; one changed byte in any file, or another key, fails it.</summary>
public sealed class SignedWaczTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archive-signing-").FullName;
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private ApiStack _stack = null!;
    private string _id = null!;

    private string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public async Task InitializeAsync()
    {
        _stack = await ApiStack.StartAsync();
        _id = await _stack.CaptureAsync("story", "article-syria-2024.html");
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<byte[]> PackageAsync(WaczSigner? signer)
    {
        var packager = new WaczPackager(_stack.Scope.Get<WarcExporter>(), TimeProvider.System, signer);
        using var output = new MemoryStream();
        var ids = new[] { ArticleId.TryParse(_id, out var id) ? id : throw new InvalidOperationException(_id) };
        await packager.WriteAsync(ids.ToAsyncEnumerable(), output, "test");
        return output.ToArray();
    }

    private string WritePem(string name, string pem)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, pem);
        return path;
    }

    private WaczSigner SignerFromFile() =>
        new(new PemFileSigningKey(Options.Create(new SigningOptions { KeyPemFile = WritePem("key.pem", _key.ExportPkcs8PrivateKeyPem()) })));

    private static IReadOnlyList<Archive.Core.Verification.CheckStep> Check(byte[] package, string publicKeyPem)
    {
        using var stream = new MemoryStream(package);
        return WaczVerifier.Check(stream, publicKeyPem);
    }

    // The same package with one byte of one file's content changed at the given offset (the zip rebuilt around it).
    private static byte[] WithByteChanged(byte[] package, string entryName, int offset)
    {
        using var input = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var read = entry.Open();
                using var copy = new MemoryStream();
                read.CopyTo(copy);
                var bytes = copy.ToArray();
                if (entry.FullName == entryName)
                {
                    bytes[offset] ^= 0x01;
                }

                using var write = zip.CreateEntry(entry.FullName, CompressionLevel.NoCompression).Open();
                write.Write(bytes);
            }
        }

        return output.ToArray();
    }

    private static byte[] Entry(byte[] package, string name)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        using var read = zip.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        read.CopyTo(copy);
        return copy.ToArray();
    }

    [Fact]
    public async Task A_package_signed_with_the_key_from_a_pem_file_verifies_at_every_step()
    {
        var package = await PackageAsync(SignerFromFile());
        var steps = Check(package, PublicKeyPem);
        Assert.All(steps, s => Assert.True(s.Passed, s.Name + ": " + s.Detail));
        Assert.Equal(["archive/data.warc.gz", "indexes/index.cdxj", "pages/pages.jsonl", "datapackage.json hash", "public key", "signature"], steps.Select(s => s.Name));
        var digest = Encoding.UTF8.GetString(Entry(package, "datapackage-digest.json"));
        Assert.Contains("\"signedData\":{\"hash\":\"sha256:", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_changed_byte_in_any_file_of_the_package_fails_it()
    {
        var package = await PackageAsync(SignerFromFile());
        using (var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read))
        {
            foreach (var name in zip.Entries.Select(e => e.FullName).Where(n => n != "datapackage-digest.json").ToList())
            {
                var length = Entry(package, name).Length;
                foreach (var offset in new[] { 0, length / 2, length - 1 })
                {
                    var steps = Check(WithByteChanged(package, name, offset), PublicKeyPem);
                    Assert.Contains(steps, s => !s.Passed);
                }
            }
        }

        // The digest file: every byte of what the signature covers (the hash, the signed hash, the signature, the key).
        var digest = Entry(package, "datapackage-digest.json");
        var text = Encoding.UTF8.GetString(digest);
        var covered = new List<int>();
        foreach (var field in new[] { "\"hash\":\"", "\"signature\":\"", "\"publicKey\":\"" })
        {
            for (var at = text.IndexOf(field, StringComparison.Ordinal); at >= 0; at = text.IndexOf(field, at + 1, StringComparison.Ordinal))
            {
                var start = at + field.Length;
                covered.AddRange(Enumerable.Range(start, text.IndexOf('"', start) - start));
            }
        }

        Assert.True(covered.Count > 200);
        foreach (var offset in covered)
        {
            var steps = Check(WithByteChanged(package, "datapackage-digest.json", offset), PublicKeyPem);
            Assert.Contains(steps, s => !s.Passed);
        }
    }

    [Fact]
    public async Task Another_public_key_fails_and_an_unsigned_package_says_it_is_not_signed()
    {
        var package = await PackageAsync(SignerFromFile());
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var steps = Check(package, other.ExportSubjectPublicKeyInfoPem()).ToDictionary(s => s.Name);
        Assert.False(steps["public key"].Passed);
        Assert.False(steps["signature"].Passed);

        var unsigned = Check(await PackageAsync(signer: null), PublicKeyPem);
        var signature = Assert.Single(unsigned, s => s.Name == "signature");
        Assert.False(signature.Passed);
        Assert.StartsWith("not signed", signature.Detail, StringComparison.Ordinal);
        Assert.All(unsigned.Where(s => s.Name != "signature"), s => Assert.True(s.Passed, s.Name));
    }

    [Fact]
    public async Task The_app_signs_its_wacz_export_when_a_key_file_is_configured_and_refuses_to_start_with_a_bad_one()
    {
        var settings = new Dictionary<string, string?>(_stack.Scope.Settings) { ["Signing:KeyPemFile"] = WritePem("app.pem", _key.ExportECPrivateKeyPem()) };
        await using (var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Warning }))
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            using var response = await http.GetAsync(new Uri($"api/articles/{_id}/warc?format=wacz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var steps = Check(await response.Content.ReadAsByteArrayAsync(), PublicKeyPem);
            Assert.All(steps, s => Assert.True(s.Passed, s.Name + ": " + s.Detail));
        }

        settings["Signing:KeyPemFile"] = WritePem("public.pem", PublicKeyPem);
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await (await LocalFunctionsHost.StartAsync(new LocalHostOptions { Settings = settings, LogLevel = LogLevel.Warning })).DisposeAsync());
        Assert.Contains("no ECDSA private key", failure.ToString(), StringComparison.Ordinal);
    }
}
