using System.Text;
using System.Text.RegularExpressions;
using UtfUnknown;

namespace Archive.Core.Extraction;

/// <summary>
/// Decodes the bytes of an HTML page the way browsers decide: a byte-order mark, then the HTTP charset, then a
/// <c>&lt;meta charset&gt;</c> or <c>http-equiv</c> declaration (or an XML declaration), then detection from the bytes.
/// Legacy code pages (windows-125x, ISO-8859-x, KOI8, Shift_JIS, EUC-JP, GBK/GB18030, Big5, EUC-KR) are available
/// through <see cref="CodePagesEncodingProvider"/>; labels are mapped the way the WHATWG Encoding standard maps them.
/// </summary>
public static partial class HtmlTextDecoder
{
    /// <summary>How far into the page a meta declaration is looked for (browsers prescan 1024 bytes, then re-decode on a later one).</summary>
    private const int PrescanBytes = 8192;

    /// <summary>How many bytes detection looks at.</summary>
    private const int DetectionBytes = 256 * 1024;

    static HtmlTextDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decodes <paramref name="bytes"/>; says which encoding was used and where it came from (bom, http, meta, detected, default).</summary>
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

        if (TryGetEncoding(DeclaredCharset(bytes), out var metaEncoding))
        {
            // A page that declares UTF-16 in a meta tag is ASCII-compatible by definition: browsers read UTF-8.
            metaEncoding = metaEncoding is UnicodeEncoding ? Encoding.UTF8 : metaEncoding;
            return (metaEncoding.GetString(bytes), metaEncoding, "meta");
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return (Encoding.UTF8.GetString(bytes), Encoding.UTF8, IsAscii(bytes) ? "default" : "detected");
        }

        if (Detect(bytes) is { } detected)
        {
            return (detected.GetString(bytes), detected, "detected");
        }

        // Browsers in most locales fall back to windows-1252, which maps every byte.
        var fallback = Encoding.GetEncoding(1252);
        return (fallback.GetString(bytes), fallback, "default");
    }

    private static Encoding? Detect(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, DetectionBytes)].ToArray();
        try
        {
            var detected = CharsetDetector.DetectFromBytes(sample).Detected;
            if (detected?.Encoding is null)
            {
                return null;
            }

            return TryGetEncoding(detected.EncodingName, out var mapped) ? mapped : IsUsable(detected.Encoding) ? detected.Encoding : null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return null;
        }
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

    /// <summary>The charset a meta element or XML declaration near the start of the page declares, if any.</summary>
    public static string? DeclaredCharset(ReadOnlySpan<byte> bytes)
    {
        // Latin-1 maps bytes to chars one to one, so ASCII declarations read the same in any ASCII-compatible encoding.
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanBytes)]);
        var meta = MetaCharset().Match(head);
        if (meta.Success)
        {
            return meta.Groups["cs"].Value;
        }

        var xml = XmlDeclaration().Match(head);
        return xml.Success ? xml.Groups["cs"].Value : null;
    }

    /// <summary>The encoding for a WHATWG label, if .NET (with code pages) has it.</summary>
    public static bool TryGetEncoding(string? label, out Encoding encoding)
    {
        encoding = Encoding.UTF8;
        if (string.IsNullOrWhiteSpace(label))
        {
            return false;
        }

        var name = label.Trim().Trim('"', '\'').ToLowerInvariant();
        // WHATWG labels that .NET does not know or maps differently.
        name = name switch
        {
            "utf8" or "unicode-1-1-utf-8" or "unicode11utf8" or "unicode20utf8" or "x-unicode20utf8" => "utf-8",
            "iso-8859-1" or "iso8859-1" or "iso_8859-1" or "latin1" or "l1" or "us-ascii" or "ascii" or "ansi_x3.4-1968" or "cp1252" or "x-cp1252" or "cp819" or "ibm819" => "windows-1252",
            "iso-8859-9" or "iso8859-9" or "latin5" => "windows-1254",
            "iso-8859-11" or "tis-620" or "iso8859-11" => "windows-874",
            "gb2312" or "gbk" or "x-gbk" or "cp936" or "chinese" or "csgb2312" or "iso-ir-58" or "gb_2312-80" => "gb18030",
            "x-sjis" or "shift-jis" or "sjis" or "ms_kanji" or "windows-31j" or "csshiftjis" or "ms932" => "shift_jis",
            "ks_c_5601-1987" or "euc-kr" or "windows-949" or "cp949" or "ks_c_5601-1989" or "ksc5601" or "ksc_5601" or "korean" => "euc-kr",
            "x-euc-jp" or "cseucpkdfmtjapanese" => "euc-jp",
            "big5-hkscs" or "cn-big5" or "x-x-big5" or "csbig5" => "big5",
            "cp1251" or "x-cp1251" => "windows-1251",
            "cp1250" or "x-cp1250" => "windows-1250",
            "koi" or "koi8" or "koi8_r" or "cskoi8r" => "koi8-r",
            "koi8-ru" => "koi8-u",
            "unicode" or "ucs-2" or "utf-16le" or "csunicode" or "iso-10646-ucs-2" => "utf-16",
            "x-user-defined" => "windows-1252",
            _ => name,
        };

        Encoding found;
        try
        {
            found = Encoding.GetEncoding(name);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // Unknown labels, and encodings this runtime refuses (UTF-7 throws NotSupportedException): like a
            // browser, go on to the next source of the encoding.
            return false;
        }

        if (!IsUsable(found))
        {
            return false;
        }

        encoding = found;
        return true;
    }

    /// <summary>
    /// Whether a page may be decoded with <paramref name="encoding"/>: the HTML standard forbids UTF-7 (whatever label
    /// names it), and an encoding that is not ASCII-compatible (EBCDIC, UTF-32) would turn the markup itself into other
    /// characters. UTF-16 stays: a byte-order mark or the HTTP header may name it.
    /// </summary>
    private static bool IsUsable(Encoding encoding)
    {
        if (encoding.CodePage == Utf7CodePage)
        {
            return false;
        }

        if (encoding is UnicodeEncoding)
        {
            return true;
        }

        try
        {
            return encoding.GetString(AsciiProbe) == AsciiProbeText;
        }
        catch (Exception e) when (e is ArgumentException or DecoderFallbackException)
        {
            return false;
        }
    }

    private const int Utf7CodePage = 65000;
    private const string AsciiProbeText = "<meta charset=\"x\">";
    private static readonly byte[] AsciiProbe = Encoding.ASCII.GetBytes(AsciiProbeText);

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

    private static bool IsAscii(ReadOnlySpan<byte> bytes) => System.Text.Ascii.IsValid(bytes);

    [GeneratedRegex("""charset\s*=\s*["']?(?<cs>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeaderCharset();

    [GeneratedRegex("""<meta[^>]+charset\s*=\s*["']?(?<cs>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MetaCharset();

    [GeneratedRegex("""^\s*<\?xml[^>]+encoding\s*=\s*["'](?<cs>[A-Za-z0-9_\-:.]+)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex XmlDeclaration();
}
