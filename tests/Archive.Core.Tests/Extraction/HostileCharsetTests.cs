using System.Text;
using Archive.Core.Extraction;
using Archive.Local.Hostile;

namespace Archive.Core.Tests.Extraction;

/// <summary>Charsets a page may declare that the runtime cannot or must not decode: the page is still read, never thrown on.</summary>
public sealed class HostileCharsetTests
{
    [Theory]
    [InlineData("utf-7")]
    [InlineData("UTF-7")]
    [InlineData("unicode-1-1-utf-7")]
    [InlineData("csunicode11utf7")]
    [InlineData("x-unicode20utf7")]
    [InlineData("ibm037")]
    [InlineData("utf-32")]
    [InlineData("no-such-charset")]
    public void A_charset_that_cannot_be_used_falls_back_without_throwing(string charset)
    {
        var bytes = Encoding.UTF8.GetBytes(HostileCases.Article(charset));

        var fromMeta = new HtmlArticleExtractor().Extract(new HtmlSource(bytes, "text/html", null));
        var fromHeader = new HtmlArticleExtractor().Extract(new HtmlSource(bytes, $"text/html; charset={charset}", null));

        foreach (var result in new[] { fromMeta, fromHeader })
        {
            Assert.True(result.IsArticle, result.Reason);
            Assert.Contains("northern breakwater", result.Text, StringComparison.Ordinal);
            Assert.Equal("utf-8", result.Encoding);
            Assert.NotEqual("meta", result.EncodingSource);
            Assert.NotEqual("http", result.EncodingSource);
        }
    }

    [Fact]
    public void The_decoder_answers_for_utf7_labels_instead_of_throwing()
    {
        Assert.False(HtmlTextDecoder.TryGetEncoding("utf-7", out _));
        Assert.False(HtmlTextDecoder.TryGetEncoding("csUnicode11UTF7", out _));
        Assert.True(HtmlTextDecoder.TryGetEncoding("windows-1252", out var legacy));
        Assert.Equal(1252, legacy.CodePage);
        Assert.True(HtmlTextDecoder.TryGetEncoding("utf-16", out _));
    }
}
