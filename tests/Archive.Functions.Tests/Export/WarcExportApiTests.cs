using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Archive.Core.Export;
using Archive.Testing;
using Archive.Testing.Warc;

namespace Archive.Functions.Tests.Export;

/// <summary>One archived article with two versions and a revisit, served by the Functions app in the local runner.</summary>
public sealed class WarcExportFixture : IAsyncLifetime
{
    private ApiStack _stack = null!;

    public HttpClient Http => _stack.Http;

    public string Id { get; private set; } = null!;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("archive-warc-").FullName;

    public async Task InitializeAsync()
    {
        // Version 1, a re-check that finds the same bytes (a revisit), then an edit: version 2.
        _stack = await ApiStack.StartAsync();
        Id = await _stack.CaptureAsync("story", "article-syria-2024.html");
        await _stack.RecheckAsync(Id, 2);
        _stack.Pages.SetFile("story", "article-syria-2024-edited.html");
        await _stack.RecheckAsync(Id, 3);
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>The WARC export through the Functions app in the local runner, read back by warcio.</summary>
public sealed class WarcExportApiTests(WarcExportFixture fixture) : IClassFixture<WarcExportFixture>
{
    private readonly HttpClient _http = fixture.Http;
    private readonly string _id = fixture.Id;
    private readonly string _dir = fixture.Directory;

    private async Task<string> DownloadAsync()
    {
        using var response = await _http.GetAsync(new Uri($"api/articles/{_id}/warc", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WarcExporter.MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{_id}.warc.gz", response.Content.Headers.ContentDisposition?.FileName);
        var path = Path.Combine(_dir, $"{_id}.warc.gz");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    [Fact]
    public async Task Warcio_reads_every_record_and_every_digest_matches_the_bytes()
    {
        var result = await WarcCheck.RunAsync(await DownloadAsync());
        Assert.True(result.Valid, string.Join('\n', result.Errors) + result.Diagnostics);

        var records = result.Records;
        Assert.Equal("warcinfo", records[0].Type);
        Assert.Equal(
            ["warcinfo", "request", "response", "metadata", "conversion", "revisit", "request", "response", "metadata", "conversion"],
            records.Select(r => r.Type));
        Assert.All(records.Where(r => r.Type != "warcinfo"), r => Assert.True(r.BlockChecked));
        Assert.All(records.Where(r => r.Type is "request" or "response"), r => Assert.True(r.PayloadChecked));
        Assert.Equal(records.Count, records.Select(r => r.Id).Distinct().Count());

        var versions = (await _http.GetFromJsonAsync<JsonElement>($"api/articles/{_id}/versions")).GetProperty("versions").EnumerateArray().ToList();
        var responses = records.Where(r => r.Type == "response").ToList();
        for (var i = 0; i < 2; i++)
        {
            var version = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{_id}/versions/{i + 1}");
            var original = version.GetProperty("originalSha256").GetString()!;
            // The payload digest warcio checked against the bytes is the SHA-256 the version names.
            Assert.Equal(WarcWriter.Digest(Convert.FromHexString(original)), responses[i].PayloadDigest);
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", responses[i].HttpHead, StringComparison.Ordinal);
            var conversion = records.Where(r => r.Type == "conversion").ElementAt(i);
            Assert.Equal(responses[i].Id, conversion.RefersTo);
            Assert.Equal(version.GetProperty("text").GetString(), conversion.Text);
        }

        Assert.Equal(2, versions.Count);
        var revisit = Assert.Single(records, r => r.Type == "revisit");
        Assert.Equal(responses[0].Id, revisit.RefersTo);
        Assert.Equal(responses[0].PayloadDigest, revisit.PayloadDigest);
        Assert.Contains(revisit.Profile, new[] { WarcExporter.IdenticalPayloadProfile, WarcExporter.NotModifiedProfile });
        Assert.All(records.Where(r => r.Type == "metadata"), m => Assert.Contains(m.ConcurrentTo, responses.Select(r => r.Id)));
    }

    [Fact]
    public async Task The_cdxj_index_points_at_the_response_and_revisit_records()
    {
        var checkedWarc = await WarcCheck.RunAsync(await DownloadAsync());
        using var response = await _http.GetAsync(new Uri($"api/articles/{_id}/warc?format=cdxj", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(CdxjIndex.MediaType, response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 3);
            Assert.StartsWith("127.0.0.1:", parts[0], StringComparison.Ordinal);
            Assert.Matches("^[0-9]{14}$", parts[1]);
            var entry = JsonDocument.Parse(parts[2]).RootElement;
            var record = Assert.Single(checkedWarc.Records, r => r.Offset == long.Parse(entry.GetProperty("offset").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains(record.Type, new[] { "response", "revisit" });
            Assert.Equal(record.Uri, entry.GetProperty("url").GetString());
            Assert.Equal(record.PayloadDigest, entry.GetProperty("digest").GetString());
            Assert.Equal($"{_id}.warc.gz", entry.GetProperty("filename").GetString());
        }
    }

    [Fact]
    public async Task The_same_history_exports_to_the_same_bytes()
    {
        var first = await File.ReadAllBytesAsync(await DownloadAsync());
        var second = await File.ReadAllBytesAsync(await DownloadAsync());
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task The_wacz_package_holds_the_same_records()
    {
        var warc = await WarcCheck.RunAsync(await DownloadAsync());
        using var response = await _http.GetAsync(new Uri($"api/articles/{_id}/warc?format=wacz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WaczPackager.MediaType, response.Content.Headers.ContentType?.MediaType);
        var path = Path.Combine(_dir, $"{_id}.wacz");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());

        var (packed, _) = await WaczCheck.RunAsync(path);
        Assert.True(packed.Valid, string.Join('\n', packed.Errors));

        // Only the warcinfo differs (it names the file it is in).
        Assert.Equal(
            warc.Records.Skip(1).Select(r => (r.Type, r.Id, r.PayloadDigest)),
            packed.Records.Skip(1).Select(r => (r.Type, r.Id, r.PayloadDigest)));
    }

    [Fact]
    public async Task A_corrupted_warc_is_detected()
    {
        var path = await DownloadAsync();

        // Same records, one byte of the article changed: still parseable, but the digests no longer match.
        await using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain);
        var bytes = plain.ToArray();
        var at = Encoding.Latin1.GetString(bytes).IndexOf("kilometres", StringComparison.Ordinal);
        Assert.True(at > 0);
        bytes[at] = (byte)'K';
        var corrupted = Path.Combine(_dir, "corrupted.warc");
        await File.WriteAllBytesAsync(corrupted, bytes);

        var result = await WarcCheck.RunAsync(corrupted);
        Assert.False(result.Valid);
        Assert.Contains(result.Errors, e => e.Contains("Digest does not match", StringComparison.Ordinal));

        var intact = Path.Combine(_dir, "intact.warc");
        bytes[at] = (byte)'k';
        await File.WriteAllBytesAsync(intact, bytes);
        Assert.True((await WarcCheck.RunAsync(intact)).Valid);
    }

    [Fact]
    public async Task A_truncated_warc_is_not_read_as_whole()
    {
        var path = await DownloadAsync();
        var bytes = await File.ReadAllBytesAsync(path);
        var truncated = Path.Combine(_dir, "truncated.warc.gz");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length * 2 / 3)]);
        var result = await WarcCheck.RunAsync(truncated, TimeSpan.FromSeconds(15));
        Assert.False(result.Valid);
    }

    [Theory]
    [InlineData("api/articles/not-an-id/warc", HttpStatusCode.BadRequest)]
    [InlineData("api/articles/0123456789abcdef0123456789abcdef/warc", HttpStatusCode.NotFound)]
    public async Task Bad_requests_answer_problem_details(string path, HttpStatusCode expected)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_format_is_a_bad_request()
    {
        using var response = await _http.GetAsync(new Uri($"api/articles/{_id}/warc?format=xml", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
