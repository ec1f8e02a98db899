using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Archive.Core.Hashing;

/// <summary>A SHA-256 digest, written as 64 lower-case hex characters.</summary>
public readonly record struct ContentHash
{
    private ContentHash(string hex) => Hex = hex;

    /// <summary>The digest as 64 lower-case hex characters.</summary>
    public string Hex { get; }

    /// <summary>Hashes raw bytes.</summary>
    public static ContentHash Of(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return new ContentHash(Convert.ToHexStringLower(digest));
    }

    /// <summary>Hashes the UTF-8 encoding of a text.</summary>
    public static ContentHash OfText(string text) => Of(Encoding.UTF8.GetBytes(text));

    /// <summary>Hashes a stream to its end without holding it in memory.</summary>
    public static async Task<ContentHash> OfStreamAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var digest = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new ContentHash(Convert.ToHexStringLower(digest));
    }

    /// <summary>Parses 64 hex characters (either case, an optional <c>sha256:</c> prefix).</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ContentHash hash)
    {
        hash = default;
        if (value is null)
        {
            return false;
        }

        var span = value.AsSpan().Trim();
        if (span.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            span = span["sha256:".Length..];
        }

        if (span.Length != 64)
        {
            return false;
        }

        foreach (var c in span)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        hash = new ContentHash(span.ToString().ToLowerInvariant());
        return true;
    }

    /// <summary>Parses a digest that must be valid.</summary>
    public static ContentHash Parse(string value) =>
        TryParse(value, out var hash) ? hash : throw new FormatException("A SHA-256 digest is 64 hex characters.");

    /// <inheritdoc />
    public override string ToString() => Hex ?? string.Empty;
}
