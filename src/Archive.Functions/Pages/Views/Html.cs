using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Archive.Functions.Pages.Views;

/// <summary>
/// A piece of HTML that is safe to write as is. The only ways to make one are <see cref="Of"/>, whose interpolation
/// holes are HTML-encoded unless they are <see cref="Html"/> themselves, and <see cref="Join"/>; so a string from
/// storage can never reach a page unescaped.
/// </summary>
public readonly struct Html : IEquatable<Html>
{
    // Letters of every script stay readable in the source; markup characters, quotes and controls are encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly string? _value;

    private Html(string value) => _value = value;

    /// <summary>No HTML.</summary>
    public static Html Empty => default;

    /// <summary>The markup.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Builds HTML from an interpolated string, encoding every hole that is not already <see cref="Html"/>.</summary>
    public static Html Of(ref HtmlInterpolation html) => new(html.Build());

    /// <summary>Concatenates pieces.</summary>
    public static Html Join(IEnumerable<Html> pieces) => new(string.Concat((pieces ?? []).Select(p => p.Value)));

    /// <summary>Encodes text.</summary>
    public static string Encode(string? text) => Encoder.Encode(text ?? string.Empty);

    /// <summary>Text as HTML.</summary>
    public static Html Text(string? text) => new(Encode(text));

    /// <inheritdoc />
    public override string ToString() => Value;

    /// <inheritdoc />
    public bool Equals(Html other) => Value == other.Value;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Html other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Value.GetHashCode(StringComparison.Ordinal);

    /// <summary>Equality of markup.</summary>
    public static bool operator ==(Html left, Html right) => left.Equals(right);

    /// <summary>Inequality of markup.</summary>
    public static bool operator !=(Html left, Html right) => !left.Equals(right);
}

/// <summary>Collects an interpolated string for <see cref="Html.Of"/>: literals as written, holes encoded.</summary>
[InterpolatedStringHandler]
public ref struct HtmlInterpolation
{
    private readonly StringBuilder _builder;

    /// <summary>Starts a string.</summary>
    public HtmlInterpolation(int literalLength, int formattedCount) => _builder = new StringBuilder(literalLength + (formattedCount * 16));

    /// <summary>Markup written by us.</summary>
    public readonly void AppendLiteral(string value) => _builder.Append(value);

    /// <summary>Safe HTML, as is.</summary>
    public readonly void AppendFormatted(Html value) => _builder.Append(value.Value);

    /// <summary>Safe pieces, as they are.</summary>
    public readonly void AppendFormatted(IEnumerable<Html> values)
    {
        foreach (var value in values ?? [])
        {
            _builder.Append(value.Value);
        }
    }

    /// <summary>Text, encoded.</summary>
    public readonly void AppendFormatted(string? value) => _builder.Append(Html.Encode(value));

    /// <summary>A value, formatted invariantly and encoded.</summary>
    public readonly void AppendFormatted<T>(T value) => _builder.Append(Html.Encode(Convert.ToString(value, CultureInfo.InvariantCulture)));

    /// <summary>A value with a format, formatted invariantly and encoded.</summary>
    public readonly void AppendFormatted<T>(T value, string? format)
        where T : IFormattable => _builder.Append(Html.Encode(value?.ToString(format, CultureInfo.InvariantCulture)));

    internal readonly string Build() => _builder.ToString();
}
