using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Xunit;

namespace Archive.Testing.Warc;

/// <summary>Checks a WACZ package: <c>unzip -t</c> reads it, every file datapackage.json names has its size and SHA-256, and warcio reads its WARC.</summary>
public static class WaczCheck
{
    /// <summary>Checks the package at <paramref name="path"/>; returns the check of its WARC and the files it holds.</summary>
    public static async Task<(WarcCheckResult Warc, IReadOnlyList<string> Files)> RunAsync(string path)
    {
        var unzip = await ToolProcess.RunAsync("unzip", ["-t", path], TimeSpan.FromSeconds(30));
        Assert.True(unzip.Completed && unzip.ExitCode == 0, $"unzip -t: {unzip.Output}{unzip.Error}");

        using var zip = ZipFile.OpenRead(path);
        var files = zip.Entries.Select(e => e.FullName).ToList();
        var package = await ReadAsync(zip, "datapackage.json");
        using var document = JsonDocument.Parse(package);
        Assert.Equal("1.1.1", document.RootElement.GetProperty("wacz_version").GetString());
        using var digest = JsonDocument.Parse(await ReadAsync(zip, "datapackage-digest.json"));
        Assert.Equal("sha256:" + Convert.ToHexStringLower(SHA256.HashData(package)), digest.RootElement.GetProperty("hash").GetString());
        foreach (var resource in document.RootElement.GetProperty("resources").EnumerateArray())
        {
            var bytes = await ReadAsync(zip, resource.GetProperty("path").GetString()!);
            Assert.Equal(resource.GetProperty("bytes").GetInt64(), bytes.LongLength);
            Assert.Equal(resource.GetProperty("hash").GetString(), "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }

        // The WARC is stored, not deflated again, so a reader can seek to a record's offset inside the package.
        var warcEntry = zip.GetEntry("archive/data.warc.gz")!;
        Assert.Equal(warcEntry.Length, warcEntry.CompressedLength);
        var warc = Path.Combine(Path.GetTempPath(), $"archive-wacz-{Guid.NewGuid():N}.warc.gz");
        try
        {
            await File.WriteAllBytesAsync(warc, await ReadAsync(zip, "archive/data.warc.gz"));
            return (await WarcCheck.RunAsync(warc), files);
        }
        finally
        {
            File.Delete(warc);
        }
    }

    private static async Task<byte[]> ReadAsync(ZipArchive zip, string name)
    {
        var entry = zip.GetEntry(name) ?? throw new InvalidDataException($"The package has no {name}.");
        await using var stream = entry.Open();
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
