using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;

namespace Isop.Crawling.Tests;

/// <summary>Charset labels as the WHATWG Encoding standard reads them, and real legacy bodies decoded with them.</summary>
public sealed class CharsetTests
{
    [Theory]
    [InlineData("iso-8859-1", 1252)]
    [InlineData("ISO-8859-1", 1252)]
    [InlineData("latin1", 1252)]
    [InlineData("ascii", 1252)]
    [InlineData("us-ascii", 1252)]
    [InlineData(" windows-1252 ", 1252)]
    [InlineData("euc-kr", 949)]
    [InlineData("EUC-KR", 949)]
    [InlineData("ks_c_5601-1987", 949)]
    [InlineData("korean", 949)]
    [InlineData("windows-949", 949)]
    [InlineData("shift_jis", 932)]
    [InlineData("x-sjis", 932)]
    [InlineData("windows-31j", 932)]
    [InlineData("euc-jp", 51932)]
    [InlineData("gb2312", 54936)]
    [InlineData("gbk", 54936)]
    [InlineData("big5", 950)]
    [InlineData("utf8", 65001)]
    [InlineData("\"utf-8\"", 65001)]
    [InlineData("iso-8859-9", 1254)]
    [InlineData("tis-620", 874)]
    [InlineData("iso-8859-2", 28592)]
    [InlineData("koi8-r", 20866)]
    public void Labels_resolve_as_the_Encoding_standard_says(string label, int codePage) =>
        Assert.Equal(codePage, Charsets.Lookup(label)!.CodePage);

    [Theory]
    [InlineData("klingon")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_label_is_no_encoding(string? label) => Assert.Null(Charsets.Lookup(label));

    [Fact]
    public void ISO_2022_KR_decodes_as_the_replacement_character_so_it_cannot_hide_markup() =>
        Assert.Equal("\uFFFD", Charsets.Lookup("iso-2022-kr")!.GetString([0x1B, 0x24, 0x29, 0x43, 0x3C, 0x73]));

    // A Korean page as Korean sites serve it: declared euc-kr, written in windows-949 (햏 and 똠 are outside KS X 1001).
    private static readonly byte[] KoreanPage = Convert.FromHexString(
        "3c68746d6c3e3c686561643e3c6d65746120636861727365743d226575632d6b72223e3c7469746c653eb9abbaf92031c8ad202d20c164208c63b9e6b0a2c7cf" +
        "3c2f7469746c653e3c2f686561643e3c626f64793ebfc0c2a1beee20b0d4c0d320bdc3c1f0322035c8ad3c2f626f64793e3c2f68746d6c3e");

    [Theory]
    [InlineData(null)]
    [InlineData("text/html")]
    [InlineData("text/html; charset=EUC-KR")]
    [InlineData("text/html; charset=ks_c_5601-1987")]
    public void A_Korean_page_declared_EUC_KR_decodes_whole(string? contentType)
    {
        var text = HtmlText.Decode(KoreanPage, contentType);
        Assert.Contains("<title>무빙 1화 - 햏 똠방각하</title>", text, StringComparison.Ordinal);
        Assert.Contains("오징어 게임 시즌2 5화", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', text);
    }

    [Fact]
    public void A_Korean_page_gives_its_title_to_the_extractor()
    {
        var page = PageExtractor.Extract(new Uri("http://board.example.test/"), "text/html", KoreanPage);
        Assert.Equal("무빙 1화 - 햏 똠방각하", page.Title);
    }

    [Theory]
    [InlineData("text/html; charset=iso-8859-1")]
    [InlineData("text/html; charset=latin1")]
    [InlineData("text/html; charset=us-ascii")]
    [InlineData("text/html; charset=windows-1252")]
    public void Latin_1_labels_decode_as_windows_1252_with_its_quotes_dashes_and_euro(string contentType)
    {
        // “Le Bureau des Légendes” – saison 5 €, in windows-1252 as a French site sends it.
        var body = Convert.FromHexString("934c65204275726561752064657320" + "4ce967656e64657394209620736169736f6e20352080");
        Assert.Equal("“Le Bureau des Légendes” – saison 5 €", HtmlText.Decode(body, contentType));
    }
}
