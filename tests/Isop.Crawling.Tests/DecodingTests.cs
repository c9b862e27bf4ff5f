using System.Text;
using Isop.Crawling.Extraction;

namespace Isop.Crawling.Tests;

public sealed class DecodingTests
{
    [Fact]
    public void Packed_scripts_unpack_to_their_source()
    {
        const string source = "var a=document.createElement('video');a.src='https://cdn.test/v/1.m3u8';player.load(a);";
        var layers = ScriptDecoder.Decode(Pages.Pack(source));
        Assert.Equal(source, layers[0]);
    }

    [Fact]
    public void A_large_dictionary_uses_two_character_base62_words()
    {
        var words = string.Join(";", Enumerable.Range(0, 200).Select(i => $"var name{i}=value{i}"));
        Assert.Equal(words, ScriptDecoder.Decode(Pages.Pack(words))[0]);
    }

    [Fact]
    public void Base64_hex_unicode_and_char_codes_are_decoded()
    {
        var script = """
            var a = atob("aHR0cHM6Ly9hLnRlc3QvMS5tM3U4");
            var b = "\x68\x74\x74\x70\x73\x3a\x2f\x2f\x62\x2e\x74\x65\x73\x74";
            var c = "\u0068\u0074\u0074\u0070";
            var d = String.fromCharCode(104, 116, 116, 112, 58, 47, 47);
            """;
        var layers = ScriptDecoder.Decode(script);
        Assert.Contains("https://a.test/1.m3u8", layers);
        Assert.Contains("https://b.test", layers);
        Assert.Contains("http", layers);
        Assert.Contains("http://", layers);
    }

    [Fact]
    public void Broken_packers_and_binary_base64_decode_to_nothing()
    {
        Assert.Empty(ScriptDecoder.Decode("eval(function(p,a,c,k,e,d){return p}('0 1',99,2,'a|b'.split('|'),0,{}))"));
        Assert.Empty(ScriptDecoder.Decode("eval(function(p,a,c,k,e,d){return p}('0 1"));
        Assert.Empty(ScriptDecoder.Decode("atob('/////////////w==')"));
    }

    [Fact]
    public void Legacy_korean_encodings_are_read_from_the_header_or_the_meta_tag()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var eucKr = Encoding.GetEncoding("euc-kr");
        var html = "<html><head><meta charset=\"euc-kr\"><title>무빙 1화</title></head></html>";
        Assert.Contains("무빙 1화", HtmlText.Decode(eucKr.GetBytes(html), "text/html"), StringComparison.Ordinal);
        Assert.Contains("무빙 1화", HtmlText.Decode(eucKr.GetBytes(html.Replace("euc-kr", "x", StringComparison.Ordinal)), "text/html; charset=EUC-KR"), StringComparison.Ordinal);
        Assert.Contains("무빙", HtmlText.Decode([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("무빙")], "text/html; charset=iso-8859-1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Depth_limiting_keeps_text_and_links_and_leaves_shallow_pages_alone()
    {
        const string shallow = "<ul><li>a<li>b<li>c</ul><p>x<p>y";
        Assert.Same(shallow, HtmlText.LimitDepth(shallow));
        var deep = string.Concat(Enumerable.Repeat("<div><span>", 1000)) + "<a href='/x'>deep text</a>";
        var limited = HtmlText.LimitDepth(deep);
        Assert.Contains("<a href='/x'>deep text</a>", limited, StringComparison.Ordinal);
        Assert.Equal(HtmlText.MaxDepth, limited.Split("<div>").Length - 1 + limited.Split("<span>").Length - 1);
    }

    [Theory]
    [InlineData("www.example.com", "example.com")]
    [InlineData("a.b.example.co.kr", "example.co.kr")]
    [InlineData("drama.co.uk", "drama.co.uk")]
    [InlineData("mirror3.site.test", "site.test")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "localhost")]
    public void Sites_group_hosts_by_registrable_domain(string host, string site) =>
        Assert.Equal(site, Urls.Site(host));

    [Theory]
    [InlineData("javascript:alert(1)", "javascript: scheme")]
    [InlineData("file:///etc/passwd", "file: scheme")]
    [InlineData("", "empty URL")]
    [InlineData("http://a.test/\0x", "control characters")]
    public void Unfetchable_urls_are_refused_with_a_reason(string text, string reason)
    {
        Assert.Null(Urls.Resolve(text, new Uri("http://site.test/"), out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Fragments_are_dropped_and_relative_links_resolved() =>
        Assert.Equal("https://site.test/a/c?x=1", Urls.Resolve("../a/c?x=1#top", new Uri("https://site.test/b/d"), out _)!.AbsoluteUri);
}
