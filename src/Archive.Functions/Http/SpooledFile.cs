using System.Security.Cryptography;

namespace Archive.Functions.Http;

/// <summary>
/// A download built whole into a temporary file before anything is sent, so its length and entity tag are known, any
/// range of it can be served, and a failure while building it is answered as an error rather than a cut-off body. Memory
/// stays bounded however large the file; the file is deleted when this is disposed.
/// </summary>
public sealed class SpooledFile : IAsyncDisposable
{
    private readonly FileStream _file;

    private SpooledFile(FileStream file, string etag)
    {
        _file = file;
        ETag = etag;
    }

    /// <summary>The file's length in bytes.</summary>
    public long Length => _file.Length;

    /// <summary>A strong entity tag: the SHA-256 of the bytes, quoted. The same history exports to the same bytes, so to the same tag.</summary>
    public string ETag { get; }

    /// <summary>Builds the file with <paramref name="write"/> (which may seek) and hashes it.</summary>
    public static async Task<SpooledFile> CreateAsync(Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "archive-download-" + Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await write(file, cancellationToken).ConfigureAwait(false);
            await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            var hash = await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false);
            return new SpooledFile(file, $"\"{Convert.ToHexStringLower(hash)}\"");
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Copies <paramref name="length"/> bytes from <paramref name="start"/> to <paramref name="output"/>.</summary>
    public async Task CopyToAsync(Stream output, long start, long length, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        _file.Position = start;
        var buffer = new byte[81920];
        while (length > 0)
        {
            var read = await _file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new EndOfStreamException("The spooled file ended early.");
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            length -= read;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
