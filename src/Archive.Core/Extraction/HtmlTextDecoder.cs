using System.Text;
using System.Text.RegularExpressions;
using UtfUnknown;

namespace Archive.Core.Extraction;

/// <summary>Decodes the bytes of an HTML page the way browsers decide: BOM, then the HTTP charset, then a meta declaration, then detection.</summary>
public static partial class HtmlTextDecoder
{
    static HtmlTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="bytes"/>; says which encoding was used and where it came from.</summary>
    public static (string Text, Encoding Encoding, string Source) Decode(ReadOnlySpan<byte> bytes, string? contentType)
    {
        if (TryBom(bytes, out var bomEncoding, out var bomLength))
        {
            return (bomEncoding.GetString(bytes[bomLength..]), bomEncoding, "bom");
        }

        if (TryGetEncoding(CharsetOf(contentType), out var httpEncoding))
        {
            return (httpEncoding.GetString(bytes), httpEncoding, "http");
        }

        // A meta declaration must sit in the first 1024 bytes (HTML's prescan); ASCII is enough to read it.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 1024)]);
        var meta = MetaCharset().Match(head);
        if (meta.Success && TryGetEncoding(meta.Groups["cs"].Value, out var metaEncoding))
        {
            // A page that declares UTF-16 in a meta tag is ASCII-compatible by definition: browsers read UTF-8.
            metaEncoding = metaEncoding is UnicodeEncoding ? Encoding.UTF8 : metaEncoding;
            return (metaEncoding.GetString(bytes), metaEncoding, "meta");
        }

        if (IsValidUtf8(bytes))
        {
            return (Encoding.UTF8.GetString(bytes), Encoding.UTF8, "default");
        }

        var detected = CharsetDetector.DetectFromBytes(bytes.ToArray()).Detected?.Encoding;
        if (detected is not null)
        {
            return (detected.GetString(bytes), detected, "detected");
        }

        return (Encoding.UTF8.GetString(bytes), Encoding.UTF8, "default");
    }

    /// <summary>The charset parameter of a Content-Type value, if any.</summary>
    public static string? CharsetOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var match = HeaderCharset().Match(contentType);
        return match.Success ? match.Groups["cs"].Value : null;
    }

    private static bool TryGetEncoding(string? name, out Encoding encoding)
    {
        encoding = Encoding.UTF8;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        name = name.Trim().Trim('"', '\'').ToLowerInvariant();
        // WHATWG labels that .NET does not know or maps differently.
        name = name switch
        {
            "iso-8859-1" or "latin1" or "us-ascii" or "ascii" => "windows-1252",
            "gb2312" or "gbk" or "x-gbk" => "gb18030",
            "x-sjis" or "shift-jis" or "sjis" => "shift_jis",
            "ks_c_5601-1987" or "euc-kr" => "euc-kr",
            _ => name,
        };

        try
        {
            encoding = Encoding.GetEncoding(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool TryBom(ReadOnlySpan<byte> bytes, out Encoding encoding, out int length)
    {
        (encoding, length) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            _ => ((Encoding)Encoding.UTF8, 0),
        };
        return length > 0;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes) => System.Text.Unicode.Utf8.IsValid(bytes);

    [GeneratedRegex("""charset\s*=\s*["']?(?<cs>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCharset();

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<cs>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();
}
