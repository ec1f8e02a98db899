using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Archive.Core.Export;
using Archive.Core.Provenance;
using Archive.Core.Urls;

namespace Archive.Cli.Tests.Commands;

/// <summary><c>archive verify --paragraph-proof</c> and <c>--wacz</c>: files checked with nothing else, each step printed.</summary>
public sealed class OfflineVerificationTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("archive-offline-").FullName;
    private CapturedStory _story = null!;

    public async Task InitializeAsync() => _story = await CapturedStory.StartAsync();

    public async Task DisposeAsync()
    {
        await _story.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private string Save(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task A_paragraph_proof_saved_from_verify_json_checks_offline_and_a_changed_character_fails_it()
    {
        using var http = new HttpClient { BaseAddress = _story.Host.BaseAddress };
        var id = ArticleId.For(UrlCanonicalizer.Canonicalize(_story.Url)).Value;
        var version = await http.GetFromJsonAsync<JsonElement>($"api/articles/{id}/versions/1");
        var paragraph = ParagraphTree.Split(version.GetProperty("text").GetString()!)[2];

        var (found, json, _) = await RunAsync("verify", _story.Url, "--passage", paragraph, "--json", "--api", _story.Host.BaseAddress.AbsoluteUri);
        Assert.Equal(ExitCodes.Success, found);
        var proofFile = Save("proof.json", json);

        var (exit, said, _) = await RunAsync("verify", "--paragraph-proof", proofFile);
        Assert.True(exit == ExitCodes.Success, said);
        Assert.Contains("  pass  record hash:", said, StringComparison.Ordinal);
        Assert.Contains("  pass  root named in the record:", said, StringComparison.Ordinal);
        Assert.Contains("  pass  paragraph 2:", said, StringComparison.Ordinal);

        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        var text = node["versions"]![0]!["paragraphProof"]!["paragraphs"]![0]!["text"]!;
        Assert.Equal(paragraph, text.GetValue<string>());
        node["versions"]![0]!["paragraphProof"]!["paragraphs"]![0]!["text"] = paragraph[..^2] + "!" + paragraph[^1];
        var changed = Save("changed.json", node.ToJsonString());
        var (failed, told, _) = await RunAsync("verify", "--paragraph-proof", changed);
        Assert.Equal(ExitCodes.Failed, failed);
        Assert.Contains("  FAIL  paragraph 2:", told, StringComparison.Ordinal);
        Assert.Contains("does NOT hold", told, StringComparison.Ordinal);

        var (none, _, error) = await RunAsync("verify", "--paragraph-proof", Save("empty.json", "{\"found\": false}"));
        Assert.Equal(ExitCodes.InvalidInput, none);
        Assert.Contains("holds no paragraph proof", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_wacz_checks_with_its_public_key_and_fails_with_another_or_unsigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ids = new[] { ArticleId.For(UrlCanonicalizer.Canonicalize(_story.Url)) };
        async Task<string> PackAsync(string name, WaczSigner? signer)
        {
            var path = Path.Combine(_folder, name);
            await using var file = File.Create(path);
            await new WaczPackager(_story.Scope.Get<WarcExporter>(), TimeProvider.System, signer).WriteAsync(ids.ToAsyncEnumerable(), file, "test");
            return path;
        }

        var signed = await PackAsync("signed.wacz", new WaczSigner(new FixedKey(key)));
        var unsigned = await PackAsync("unsigned.wacz", null);
        var publicKey = Save("public.pem", key.ExportSubjectPublicKeyInfoPem());

        var (exit, said, _) = await RunAsync("verify", "--wacz", signed, "--public-key", publicKey);
        Assert.True(exit == ExitCodes.Success, said);
        Assert.Contains("  pass  archive/data.warc.gz:", said, StringComparison.Ordinal);
        Assert.Contains("  pass  signature:", said, StringComparison.Ordinal);

        var (wrong, told, _) = await RunAsync("verify", "--wacz", signed, "--public-key", Save("other.pem", other.ExportSubjectPublicKeyInfoPem()));
        Assert.Equal(ExitCodes.Failed, wrong);
        Assert.Contains("  FAIL  signature:", told, StringComparison.Ordinal);

        var (plain, saidPlain, _) = await RunAsync("verify", "--wacz", unsigned, "--public-key", publicKey);
        Assert.Equal(ExitCodes.Failed, plain);
        Assert.Contains("not signed", saidPlain, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.InvalidInput, (await RunAsync("verify", "--wacz", signed)).Exit);
        Assert.Equal(ExitCodes.InvalidInput, (await RunAsync("verify", "--wacz", publicKey, "--public-key", publicKey)).Exit);
        Assert.Equal(ExitCodes.InvalidInput, (await RunAsync("verify")).Exit);
    }

    private sealed class FixedKey(ECDsa key) : IWaczSigningKey
    {
        public ValueTask<ECDsa> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(key);
    }
}
