using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Archive.Core.Export;
using Archive.Core.Memento;
using Archive.Local;
using Archive.Testing;
using Archive.Testing.Warc;

namespace Archive.Functions.Tests.Export;

/// <summary>
/// One archived article: version 1, a re-check the publisher answers 304, a re-check that fetches the same bytes again
/// (a revisit of identical payload), then version 2 from a slow publisher (the page answers after 1.2 s, so its capture
/// crosses a second boundary). Served by the Functions app in the local runner.
/// </summary>
public sealed class WarcExportFixture : IAsyncLifetime
{
    public ApiStack Stack { get; private set; } = null!;

    public HttpClient Http => Stack.Http;

    public string Id { get; private set; } = null!;

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("archive-warc-").FullName;

    public async Task InitializeAsync()
    {
        Stack = await ApiStack.StartAsync();
        Id = await Stack.CaptureAsync("story", "article-syria-2024.html");

        // Each check in a second of its own, so every capture has its own 14-digit timestamp.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await Stack.RecheckAsync(Id, 2);

        var seeds = Path.Combine(SharedAzurite.RepositoryRoot, "seeds");
        var original = await File.ReadAllBytesAsync(Path.Combine(seeds, "article-syria-2024.html"));
        Stack.Pages.Set("story", new ServedPage(original) { Conditional = false });
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await Stack.RecheckAsync(Id, 3);

        var edited = await File.ReadAllBytesAsync(Path.Combine(seeds, "article-syria-2024-edited.html"));
        Stack.Pages.SetHandler("story", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1.2));
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.ContentLength = edited.Length;
            await context.Response.Body.WriteAsync(edited);
        });
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await Stack.RecheckAsync(Id, 4);
    }

    public async Task DisposeAsync()
    {
        await Stack.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

/// <summary>The WARC export through the Functions app in the local runner, read back by warcio and indexed by warcio.js.</summary>
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
        var path = Path.Combine(_dir, $"{_id}-{Guid.NewGuid():N}.warc.gz");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private async Task<string[]> CdxjAsync()
    {
        using var response = await _http.GetAsync(new Uri($"api/articles/{_id}/warc?format=cdxj", UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal(CdxjIndex.MediaType, response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Warcio_reads_every_record_and_every_payload_is_what_archive_stored()
    {
        var result = await WarcCheck.RunAsync(await DownloadAsync());
        Assert.True(result.Valid, string.Join('\n', result.Errors) + result.Diagnostics);

        var records = result.Records;
        Assert.Equal(
            ["warcinfo", "request", "response", "metadata", "conversion", "revisit", "revisit", "request", "response", "metadata", "conversion"],
            records.Select(r => r.Type));
        Assert.All(records.Where(r => r.Type != "warcinfo"), r => Assert.True(r.BlockChecked));
        Assert.All(records.Where(r => r.Type is "request" or "response"), r => Assert.True(r.PayloadChecked));
        Assert.Equal(records.Count, records.Select(r => r.Id).Distinct().Count());

        var responses = records.Where(r => r.Type == "response").ToList();
        var metadata = records.Where(r => r.Type == "metadata").ToList();
        var conversions = records.Where(r => r.Type == "conversion").ToList();
        for (var i = 0; i < 2; i++)
        {
            var version = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{_id}/versions/{i + 1}");
            var originalSha256 = version.GetProperty("originalSha256").GetString()!;
            var stored = await _http.GetByteArrayAsync(new Uri($"api/articles/{_id}/versions/{i + 1}/original", UriKind.Relative));

            // The payload warcio found is byte for byte the original Archive serves, and its digest is the version's SHA-256.
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored)), responses[i].PayloadSha256);
            Assert.Equal(originalSha256, responses[i].PayloadSha256);
            Assert.Equal(WarcWriter.Digest(Convert.FromHexString(originalSha256)), responses[i].PayloadDigest);
            Assert.StartsWith("HTTP/1.1 200 OK\r\n", responses[i].HttpHead, StringComparison.Ordinal);

            // The sealed record, byte for byte: its SHA-256 is the record hash of the chain.
            Assert.Equal(version.GetProperty("recordSha256").GetString(), metadata[i].BlockSha256);
            Assert.Equal(responses[i].Id, metadata[i].ConcurrentTo);
            Assert.Equal(responses[i].Id, metadata[i].RefersTo);
            Assert.Equal(responses[i].Uri, metadata[i].RefersToTargetUri);
            Assert.Equal(responses[i].Date, metadata[i].RefersToDate);
            Assert.Equal(responses[i].Id, conversions[i].RefersTo);
            Assert.Equal(responses[i].Uri, conversions[i].RefersToTargetUri);
            Assert.Equal(version.GetProperty("text").GetString(), conversions[i].Text);

            // Neither names the page's URL as its target: they are not captures of it.
            Assert.StartsWith("urn:archive:record:", metadata[i].Uri, StringComparison.Ordinal);
            Assert.StartsWith("urn:archive:text:", conversions[i].Uri, StringComparison.Ordinal);
        }

        var checks = (await _http.GetFromJsonAsync<JsonElement>($"api/articles/{_id}/checks")).GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("outcome").GetString()).ToList();
        Assert.Equal(["captured", "unchanged", "not-modified", "captured"], checks);
        var revisits = records.Where(r => r.Type == "revisit").ToList();
        Assert.Equal([WarcExporter.NotModifiedProfile, WarcExporter.IdenticalPayloadProfile], revisits.Select(r => r.Profile));
        Assert.All(revisits, r =>
        {
            Assert.Equal(responses[0].Id, r.RefersTo);
            Assert.Equal(responses[0].PayloadDigest, r.PayloadDigest);
            Assert.Equal(responses[0].Uri, r.Uri);
            Assert.Equal(responses[0].Date, r.RefersToDate);
        });
    }

    [Fact]
    public async Task The_cdxj_index_is_line_for_line_what_warcio_js_indexes()
    {
        var path = await DownloadAsync();
        var ours = await CdxjAsync();
        var theirs = await CdxjCheck.WarcioLinesAsync(path, $"{_id}.warc.gz");
        Assert.Equal(theirs.Order(StringComparer.Ordinal), ours);
        Assert.Equal(ours.Order(StringComparer.Ordinal), ours);
    }

    [Fact]
    public async Task Each_cdxj_line_resolves_to_its_record_and_each_capture_is_alone_at_its_time()
    {
        var warc = await File.ReadAllBytesAsync(await DownloadAsync());
        var lines = await CdxjAsync();
        var page = fixture.Stack.Pages.Url("story").AbsoluteUri;
        var captures = new List<(string Key, string Timestamp, string Type)>();
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 3);
            var entry = JsonDocument.Parse(parts[2]).RootElement;
            var (header, block) = CdxjCheck.ReadRecord(
                warc,
                long.Parse(entry.GetProperty("offset").GetString()!, CultureInfo.InvariantCulture),
                long.Parse(entry.GetProperty("length").GetString()!, CultureInfo.InvariantCulture));
            var type = CdxjCheck.Field(header, "WARC-Type")!;
            Assert.Equal(entry.GetProperty("url").GetString(), CdxjCheck.Field(header, "WARC-Target-URI"));
            Assert.Equal(parts[1], CdxjCheck.Field(header, "WARC-Date")!.Replace("-", "", StringComparison.Ordinal).Replace(":", "", StringComparison.Ordinal).Replace("T", "", StringComparison.Ordinal).TrimEnd('Z'));
            Assert.Equal($"{_id}.warc.gz", entry.GetProperty("filename").GetString());
            if (entry.TryGetProperty("digest", out var digest))
            {
                Assert.Equal("sha256:" + digest.GetString(), CdxjCheck.Field(header, "WARC-Payload-Digest"));
            }

            if (entry.GetProperty("url").GetString() == page)
            {
                Assert.Contains(type, new[] { "response", "revisit" });
                Assert.Equal(Archive.Core.Urls.Surt.Of(page), parts[0]);
                Assert.StartsWith("1,0,0,127:", parts[0], StringComparison.Ordinal);
                Assert.Equal(type == "response", entry.TryGetProperty("status", out _));
                captures.Add((parts[0], parts[1], type));
            }
            else
            {
                Assert.Contains(type, new[] { "metadata", "conversion" });
                Assert.StartsWith("urn:archive:", parts[0], StringComparison.Ordinal);
                Assert.False(entry.TryGetProperty("status", out _));
                Assert.NotEmpty(block);
            }
        }

        // Version 1, the 304, the same bytes again, version 2: four captures of the page, each alone at its time.
        Assert.Equal(["response", "revisit", "revisit", "response"], captures.OrderBy(c => c.Timestamp, StringComparer.Ordinal).Select(c => c.Type));
        Assert.Equal(captures.Count, captures.Select(c => (c.Key, c.Timestamp)).Distinct().Count());
        Assert.Equal(8, lines.Length);
    }

    [Fact]
    public async Task A_version_has_one_instant_in_the_warc_the_index_the_memento_api_and_the_pages()
    {
        var version = await _http.GetFromJsonAsync<JsonElement>($"api/articles/{_id}/versions/2");
        var capture = version.GetProperty("capture");
        var started = capture.GetProperty("fetchStartedAt").GetDateTimeOffset();
        var completed = capture.GetProperty("fetchCompletedAt").GetDateTimeOffset();

        // The slow publisher made the capture cross a second boundary: first seen after the fetch would be a later second.
        Assert.True(MementoService.ToSecond(completed) > MementoService.ToSecond(started), $"{started:O} to {completed:O}");
        var second = MementoService.ToSecond(started);

        var warc = await WarcCheck.RunAsync(await DownloadAsync());
        var response = warc.Records.Where(r => r.Type == "response").Last();
        Assert.Equal(WarcWriter.FormatDate(second), response.Date);
        Assert.Contains(await CdxjAsync(), l => l.Contains($" {CdxjIndex.Timestamp(second)} {{\"url\":\"{response.Uri}\",\"mime\":\"text/html\",\"status\":\"200\"", StringComparison.Ordinal));

        var url = Uri.EscapeDataString(fixture.Stack.Pages.Url("story").AbsoluteUri);
        var timeMap = await _http.GetStringAsync(new Uri($"api/memento/timemap?url={url}", UriKind.Relative));
        Assert.Contains($"/api/articles/{_id}/versions/2/original>; rel=\"last memento\"; datetime=\"{LinkFormat.HttpDate(second)}\"", timeMap, StringComparison.Ordinal);

        using var memento = await _http.GetAsync(new Uri($"api/articles/{_id}/versions/2/original", UriKind.Relative));
        Assert.Equal(LinkFormat.HttpDate(second), memento.Headers.GetValues("Memento-Datetime").Single());

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _http.BaseAddress };
        foreach (var (at, expected) in new[] { (second, 2), (second.AddSeconds(-1), 1) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/memento/timegate?url={url}");
            request.Headers.TryAddWithoutValidation("Accept-Datetime", LinkFormat.HttpDate(at));
            using var gate = await noRedirects.SendAsync(request);
            Assert.EndsWith($"/versions/{expected}/original", gate.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var articlePage = await _http.GetStringAsync(new Uri($"articles/{_id}", UriKind.Relative));
        var row = Regex.Match(articlePage, @"version=2"">2</a></td><td>[^<]*</td><td><time datetime=""[^""]*"">(?<first>[^<]+)</time>");
        Assert.True(row.Success, "The version timeline has no row for version 2.");
        Assert.Equal(second.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture), row.Groups["first"].Value);
    }

    [Theory]
    [InlineData("warc")]
    [InlineData("wacz")]
    public async Task The_same_history_exports_to_the_same_bytes(string format)
    {
        // Apart by more than the two seconds a zip entry's time can tell, so a package dated "now" would differ.
        var path = new Uri($"api/articles/{_id}/warc?format={format}", UriKind.Relative);
        var first = await _http.GetByteArrayAsync(path);
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var second = await _http.GetByteArrayAsync(path);
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

    [Theory]
    [InlineData("warc")]
    [InlineData("wacz")]
    public async Task Downloads_have_a_length_and_serve_byte_ranges(string format)
    {
        var path = new Uri($"api/articles/{_id}/warc?format={format}", UriKind.Relative);
        using var whole = await _http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        var bytes = await whole.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.LongLength, whole.Content.Headers.ContentLength);
        Assert.NotEqual(true, whole.Headers.TransferEncodingChunked);
        Assert.Equal(["bytes"], whole.Headers.AcceptRanges);
        var etag = whole.Headers.ETag!.Tag;
        Assert.Equal($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"", etag);
        var length = bytes.LongLength;

        foreach (var (range, from, to) in new (string, long, long)[] { ("bytes=0-99", 0, 99), ($"bytes={length - 10}-", length - 10, length - 1), ("bytes=-50", length - 50, length - 1), ($"bytes=100-{length + 1000}", 100, length - 1) })
        {
            using var partial = await SendAsync(path, range);
            Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
            Assert.Equal($"bytes {from}-{to}/{length}", partial.Content.Headers.ContentRange!.ToString());
            Assert.Equal(to - from + 1, partial.Content.Headers.ContentLength);
            Assert.Equal(bytes[(int)from..(int)(to + 1)], await partial.Content.ReadAsByteArrayAsync());
        }

        using var unsatisfiable = await SendAsync(path, $"bytes={length}-");
        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, unsatisfiable.StatusCode);
        Assert.Equal($"bytes */{length}", unsatisfiable.Content.Headers.ContentRange!.ToString());
        Assert.Equal("application/problem+json", unsatisfiable.Content.Headers.ContentType?.MediaType);

        foreach (var ignored in new[] { "bytes=abc", "bytes=0-1,5-6", "bytes=9-3" })
        {
            using var plain = await SendAsync(path, ignored);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Equal(bytes, await plain.Content.ReadAsByteArrayAsync());
        }

        // If-Range: the range of this very file, or the whole file when the client holds another.
        using (var same = await SendAsync(path, "bytes=0-9", etag))
        {
            Assert.Equal(HttpStatusCode.PartialContent, same.StatusCode);
        }

        using (var stale = await SendAsync(path, "bytes=0-9", "\"0000\""))
        {
            Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
            Assert.Equal(length, stale.Content.Headers.ContentLength);
        }

        // HEAD: the same headers, no body.
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(length, head.Content.Headers.ContentLength);
        Assert.Equal(etag, head.Headers.ETag!.Tag);
        Assert.Equal(["bytes"], head.Headers.AcceptRanges);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private async Task<HttpResponseMessage> SendAsync(Uri path, string range, string? ifRange = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Range", range);
        if (ifRange is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Range", ifRange);
        }

        return await _http.SendAsync(request);
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
