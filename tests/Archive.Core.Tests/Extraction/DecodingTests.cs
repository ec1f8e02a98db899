using System.Text;
using Archive.Core.Extraction;

namespace Archive.Core.Tests.Extraction;

/// <summary>Decoding with real bytes in each encoding: BOM, HTTP charset, meta declarations and detection.</summary>
public sealed class DecodingTests
{
    static DecodingTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TheoryData<string, string, string> LegacyPages => new()
    {
        // label declared in the page, .NET encoding name, text in that script
        { "windows-1251", "windows-1251", "Строительство нового моста через реку заняло почти три года, сообщили в мэрии города." },
        { "windows-1252", "windows-1252", "Le café Belvédère garde sa terrasse : une crème brûlée pour chaque habitué, déclare Mme Dufresne." },
        { "iso-8859-1", "windows-1252", "A feira de artesanato voltou à praça central com peças de cerâmica e doces caseiros." },
        { "iso-8859-2", "iso-8859-2", "Żółć gęślą jaźń: nowy most w Krakowie otwarto w sobotę dla pieszych i rowerzystów." },
        { "iso-8859-7", "iso-8859-7", "Η νέα γέφυρα στη Θεσσαλονίκη άνοιξε το Σάββατο για πεζούς και ποδηλάτες." },
        { "koi8-r", "koi8-r", "Новая библиотека открылась в центре города и работает без выходных." },
        { "Shift_JIS", "shift_jis", "京都の老舗和菓子店が創業三百年を迎え、記念の干菓子を販売した。" },
        { "euc-jp", "euc-jp", "東京の図書館で古い地図の展示会が始まり、多くの来場者が訪れた。" },
        { "gb2312", "gb18030", "杭州西湖龙井茶今年春茶开采，茶农说今年的芽头饱满，品质更好。" },
        { "gbk", "gb18030", "据当地茶叶部门介绍，保护区面积约为十六万亩，将继续推行溯源管理。" },
        { "big5", "big5", "台北市立圖書館今年新增三座分館，方便市民就近借閱書籍。" },
        { "euc-kr", "euc-kr", "제주 올레길을 찾은 방문객이 올해 처음으로 백만 명을 넘어섰다." },
    };

    [Theory]
    [MemberData(nameof(LegacyPages))]
    public void A_meta_charset_declaration_decodes_legacy_bytes(string label, string encodingName, string text)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetBytes($"<html><head><meta charset=\"{label}\"><title>t</title></head><body><p>{text}</p></body></html>");

        var (decoded, used, source) = HtmlTextDecoder.Decode(bytes, contentType: null);

        Assert.Contains(text, decoded, StringComparison.Ordinal);
        Assert.Equal(encoding.WebName, used.WebName);
        Assert.Equal("meta", source);
    }

    [Theory]
    [MemberData(nameof(LegacyPages))]
    public void The_http_charset_decodes_legacy_bytes_and_reaches_the_text(string label, string encodingName, string text)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var body = string.Join("", Enumerable.Repeat($"<p>{text}</p>", 4));
        var bytes = encoding.GetBytes($"<html><body><article>{body}</article></body></html>");

        var result = new HtmlArticleExtractor().Extract(new HtmlSource(bytes, $"text/html; charset={label}"));

        Assert.Contains(text, result.Text, StringComparison.Ordinal);
        Assert.Equal(encoding.WebName, result.Encoding);
        Assert.Equal("http", result.EncodingSource);
    }

    [Fact]
    public void An_http_equiv_declaration_is_read()
    {
        var bytes = Encoding.GetEncoding(1251).GetBytes("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>Привет, мир</body></html>");

        var (decoded, used, source) = HtmlTextDecoder.Decode(bytes, null);

        Assert.Contains("Привет, мир", decoded, StringComparison.Ordinal);
        Assert.Equal("windows-1251", used.WebName);
        Assert.Equal("meta", source);
    }

    [Fact]
    public void The_http_charset_wins_over_the_meta_declaration()
    {
        var bytes = Encoding.GetEncoding(1251).GetBytes("<html><head><meta charset=\"utf-8\"></head><body>Привет</body></html>");

        var (decoded, used, source) = HtmlTextDecoder.Decode(bytes, "text/html; charset=windows-1251");

        Assert.Contains("Привет", decoded, StringComparison.Ordinal);
        Assert.Equal("http", source);
        Assert.Equal("windows-1251", used.WebName);
    }

    [Fact]
    public void A_byte_order_mark_wins_over_everything()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("<html><head><meta charset=\"windows-1252\"></head><body>Grüße</body></html>")).ToArray();

        var (decoded, used, source) = HtmlTextDecoder.Decode(bytes, "text/html; charset=iso-8859-1");

        Assert.Contains("Grüße", decoded, StringComparison.Ordinal);
        Assert.Equal("utf-8", used.WebName);
        Assert.Equal("bom", source);
        Assert.False(decoded.StartsWith('\uFEFF'));
    }

    [Fact]
    public void A_utf16_byte_order_mark_is_honoured()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("<html><body>Grüße aus Köln</body></html>")).ToArray();

        var (decoded, _, source) = HtmlTextDecoder.Decode(bytes, null);

        Assert.Contains("Grüße aus Köln", decoded, StringComparison.Ordinal);
        Assert.Equal("bom", source);
    }

    [Fact]
    public void An_xml_declaration_is_read()
    {
        var bytes = Encoding.GetEncoding("iso-8859-2").GetBytes("<?xml version=\"1.0\" encoding=\"ISO-8859-2\"?><html><body>Łódź i Gdańsk</body></html>");

        var (decoded, _, source) = HtmlTextDecoder.Decode(bytes, null);

        Assert.Contains("Łódź i Gdańsk", decoded, StringComparison.Ordinal);
        Assert.Equal("meta", source);
    }

    [Fact]
    public void Undeclared_windows_1251_is_detected()
    {
        var text = string.Join(" ", Enumerable.Repeat("Правительство утвердило новый бюджет на следующий год, сообщили в министерстве финансов.", 20));
        var bytes = Encoding.GetEncoding(1251).GetBytes($"<html><body><p>{text}</p></body></html>");

        var (decoded, used, source) = HtmlTextDecoder.Decode(bytes, "text/html");

        Assert.Equal("detected", source);
        Assert.Equal("windows-1251", used.WebName);
        Assert.Contains("Правительство утвердило", decoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_shift_jis_is_detected()
    {
        var text = string.Join("", Enumerable.Repeat("京都の老舗和菓子店が創業三百年を迎え、記念の干菓子を販売した。店の前には朝から長い列ができた。", 20));
        var bytes = Encoding.GetEncoding("shift_jis").GetBytes($"<html><body><p>{text}</p></body></html>");

        var (decoded, _, source) = HtmlTextDecoder.Decode(bytes, null);

        Assert.Equal("detected", source);
        Assert.Contains("京都の老舗和菓子店", decoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_utf8_is_read_as_utf8()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><body><p>Zürich, São Paulo, Москва, 東京</p></body></html>");

        var (decoded, used, _) = HtmlTextDecoder.Decode(bytes, null);

        Assert.Equal("utf-8", used.WebName);
        Assert.Contains("Zürich, São Paulo, Москва, 東京", decoded, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_ascii_without_a_declaration_says_default()
    {
        var (_, used, source) = HtmlTextDecoder.Decode("<p>plain</p>"u8, null);

        Assert.Equal("utf-8", used.WebName);
        Assert.Equal("default", source);
    }

    [Theory]
    [InlineData("text/html; charset=UTF-8", "UTF-8")]
    [InlineData("text/html;charset=\"iso-8859-1\"", "iso-8859-1")]
    [InlineData("text/html", null)]
    [InlineData(null, null)]
    public void The_charset_parameter_is_read_from_content_type(string? contentType, string? expected) =>
        Assert.Equal(expected, HtmlTextDecoder.CharsetOf(contentType));

    [Theory]
    [InlineData("latin1", "windows-1252")]
    [InlineData("us-ascii", "windows-1252")]
    [InlineData("x-sjis", "shift_jis")]
    [InlineData("ks_c_5601-1987", "euc-kr")]
    [InlineData("GB2312", "gb18030")]
    [InlineData("utf8", "utf-8")]
    public void Whatwg_labels_map_like_browsers(string label, string webName)
    {
        Assert.True(HtmlTextDecoder.TryGetEncoding(label, out var encoding));
        Assert.Equal(webName, encoding.WebName);
    }

    [Fact]
    public void An_unknown_label_falls_through_to_detection()
    {
        var bytes = Encoding.UTF8.GetBytes("<html><head><meta charset=\"no-such-charset\"></head><body>Grüße</body></html>");

        var (decoded, used, _) = HtmlTextDecoder.Decode(bytes, "text/html; charset=bogus");

        Assert.Equal("utf-8", used.WebName);
        Assert.Contains("Grüße", decoded, StringComparison.Ordinal);
    }
}
