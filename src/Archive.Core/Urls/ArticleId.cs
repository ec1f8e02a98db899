using System.Diagnostics.CodeAnalysis;
using Archive.Core.Hashing;

namespace Archive.Core.Urls;

/// <summary>
/// The stable id of an article: the first 128 bits of the SHA-256 of its canonical URL, as 32 hex characters.
/// Safe as a table key, unlike the URL itself.
/// </summary>
public readonly record struct ArticleId
{
    /// <summary>Length of an id in characters.</summary>
    public const int Length = 32;

    private ArticleId(string value) => Value = value;

    /// <summary>The id as 32 lower-case hex characters.</summary>
    public string Value { get; }

    /// <summary>Derives the id of the article at <paramref name="url"/>.</summary>
    public static ArticleId For(CanonicalUrl url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return new ArticleId(ContentHash.OfText(url.ToString()).Hex[..Length]);
    }

    /// <summary>Parses an id as given in a route or a command line.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out ArticleId id)
    {
        id = default;
        if (value is null || value.Length != Length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        id = new ArticleId(value.ToLowerInvariant());
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
