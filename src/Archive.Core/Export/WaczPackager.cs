using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Archive.Core.Urls;

namespace Archive.Core.Export;

/// <summary>
/// Packages an export as WACZ 1.1.1 (Web Archive Collection Zipped), the single file replay tools such as
/// ReplayWeb.page open: the WARC (<c>archive/data.warc.gz</c>, stored, since it is gzipped per record already), its
/// CDXJ index, a page list, and <c>datapackage.json</c> naming every file with its size and SHA-256. With a signing key
/// configured, <c>datapackage-digest.json</c> carries the signature of that hash (<see cref="WaczSigner"/>).
/// </summary>
public sealed class WaczPackager(WarcExporter exporter, TimeProvider time, WaczSigner? signer = null)
{
    /// <summary>The media type of a WACZ file.</summary>
    public const string MediaType = "application/wacz";

    private const string WarcPath = "archive/data.warc.gz";
    private const string IndexPath = "indexes/index.cdxj";
    private const string PagesPath = "pages/pages.jsonl";

    /// <summary>
    /// Writes the package to <paramref name="output"/>. A zip is finished by seeking back, so for an output that cannot
    /// seek (an HTTP response) the package is built in a temporary file first and then copied.
    /// </summary>
    /// <param name="ids">The articles.</param>
    /// <param name="output">Where the package goes.</param>
    /// <param name="title">The package's title.</param>
    /// <param name="createdAt">When the package is dated; default now.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    public async Task<WarcExportResult> WriteAsync(IAsyncEnumerable<ArticleId> ids, Stream output, string title, DateTimeOffset? createdAt = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.CanSeek)
        {
            return await PackAsync(ids, output, title, createdAt, cancellationToken).ConfigureAwait(false);
        }

        var file = new FileStream(Path.Combine(Path.GetTempPath(), "archive-wacz-" + Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var result = await PackAsync(ids, file, title, createdAt, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            await file.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    private async Task<WarcExportResult> PackAsync(IAsyncEnumerable<ArticleId> ids, Stream output, string title, DateTimeOffset? createdAt, CancellationToken cancellationToken)
    {
        var created = createdAt ?? time.GetUtcNow();
        var resources = new List<Dictionary<string, object>>();
        WarcExportResult result;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            result = await AddAsync(zip, WarcPath, CompressionLevel.NoCompression, created, resources, s => exporter.ExportAsync(ids, s, Path.GetFileName(WarcPath), created, cancellationToken)).ConfigureAwait(false);
            await AddAsync(zip, IndexPath, CompressionLevel.Optimal, created, resources, async s =>
            {
                var writer = new StreamWriter(s, new UTF8Encoding(false), leaveOpen: true);
                await using (writer.ConfigureAwait(false))
                {
                    await CdxjIndex.WriteAsync(result.Index, writer, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }).ConfigureAwait(false);
            await AddAsync(zip, PagesPath, CompressionLevel.Optimal, created, resources, s => WriteTextAsync(s, Pages(result), cancellationToken)).ConfigureAwait(false);

            var package = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
            {
                ["profile"] = "data-package",
                ["wacz_version"] = "1.1.1",
                ["title"] = title,
                ["created"] = created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["software"] = WarcExporter.Software,
                ["resources"] = resources,
            }, new JsonSerializerOptions { WriteIndented = true });
            await AddAsync(zip, "datapackage.json", CompressionLevel.Optimal, created, null, async s =>
            {
                await s.WriteAsync(package, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
            var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(package));
            var digest = signer is null
                ? JsonSerializer.SerializeToUtf8Bytes(new { path = "datapackage.json", hash })
                : JsonSerializer.SerializeToUtf8Bytes(new { path = "datapackage.json", hash, signedData = await signer.SignAsync(hash, created, cancellationToken).ConfigureAwait(false) }, ArchiveJson.Options);

            // Stored, not deflated: an ECDSA signature differs on every signing, and a stored entry keeps its length,
            // so every download of the same history has its entries at the same offsets.
            await AddAsync(zip, "datapackage-digest.json", CompressionLevel.NoCompression, created, null, async s =>
            {
                await s.WriteAsync(digest, cancellationToken).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }

        return result;
    }

    // One page per archived URL and capture of an HTML response: what a replay tool lists first.
    private static string Pages(WarcExportResult result)
    {
        var text = new StringBuilder("{\"format\": \"json-pages-1.0\", \"id\": \"pages\", \"title\": \"All Pages\"}\n");
        foreach (var entry in result.Index.Where(e => e.Mime == "text/html" && e.Status == "200"))
        {
            text.Append(JsonSerializer.Serialize(new { url = entry.Url, ts = entry.Date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) })).Append('\n');
        }

        return text.ToString();
    }

    private static async Task<bool> WriteTextAsync(Stream stream, string text, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Writes one file of the package, measuring its size and SHA-256 on the way for datapackage.json.
    // Each entry is dated with the package (not the moment it is written), so the same history packs to the same bytes
    // and byte ranges of one download fit another.
    private static async Task<T> AddAsync<T>(ZipArchive zip, string path, CompressionLevel level, DateTimeOffset created, List<Dictionary<string, object>>? resources, Func<Stream, Task<T>> write)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var entry = zip.CreateEntry(path, level);
        entry.LastWriteTime = created;
        T value;
        long bytes;
        var stream = entry.Open();
        await using (stream.ConfigureAwait(false))
        {
            var measured = new MeasuredStream(stream, hash);
            value = await write(measured).ConfigureAwait(false);
            bytes = measured.Written;
        }

        resources?.Add(new Dictionary<string, object>
        {
            ["name"] = Path.GetFileName(path),
            ["path"] = path,
            ["hash"] = "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset()),
            ["bytes"] = bytes,
        });
        return value;
    }
}
