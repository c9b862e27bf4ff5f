using Isop.Crawling.Domains;

namespace Isop.Crawling.Tests;

public sealed class PublicSuffixTests
{
    // host, its registrable domain ("" when the host is itself a public suffix), the suffix, the rule's section.
    [Theory]
    // Tenants of shared hosts (the PRIVATE section): each tenant is its own site.
    [InlineData("dramakor.blogspot.com", "dramakor.blogspot.com", "blogspot.com", SuffixSection.Private)]
    [InlineData("www.dramakor.blogspot.com", "dramakor.blogspot.com", "blogspot.com", SuffixSection.Private)]
    [InlineData("user.github.io", "user.github.io", "github.io", SuffixSection.Private)]
    [InlineData("mirror.user.github.io", "user.github.io", "github.io", SuffixSection.Private)]
    [InlineData("foo.pages.dev", "foo.pages.dev", "pages.dev", SuffixSection.Private)]
    [InlineData("preview.foo.pages.dev", "foo.pages.dev", "pages.dev", SuffixSection.Private)]
    [InlineData("app.herokuapp.com", "app.herokuapp.com", "herokuapp.com", SuffixSection.Private)]
    [InlineData("stream-free.netlify.app", "stream-free.netlify.app", "netlify.app", SuffixSection.Private)]
    [InlineData("kdrama.vercel.app", "kdrama.vercel.app", "vercel.app", SuffixSection.Private)]
    [InlineData("files.s3.amazonaws.com", "files.s3.amazonaws.com", "s3.amazonaws.com", SuffixSection.Private)]
    [InlineData("ec2-1-2-3-4.compute-1.amazonaws.com", "", "ec2-1-2-3-4.compute-1.amazonaws.com", SuffixSection.Private)]
    [InlineData("api.ec2-1-2-3-4.compute-1.amazonaws.com", "api.ec2-1-2-3-4.compute-1.amazonaws.com", "ec2-1-2-3-4.compute-1.amazonaws.com", SuffixSection.Private)]
    [InlineData("toon.web.app", "toon.web.app", "web.app", SuffixSection.Private)]
    [InlineData("blogspot.com", "", "blogspot.com", SuffixSection.Private)]
    [InlineData("github.io", "", "github.io", SuffixSection.Private)]
    // The owner of a shared host is a site like any other.
    [InlineData("www.github.com", "github.com", "com", SuffixSection.Icann)]
    [InlineData("herokuapp.com.evil.com", "evil.com", "com", SuffixSection.Icann)]
    // Country codes with second-level suffixes.
    [InlineData("www.bbc.co.uk", "bbc.co.uk", "co.uk", SuffixSection.Icann)]
    [InlineData("co.uk", "", "co.uk", SuffixSection.Icann)]
    [InlineData("shop.example.com.au", "example.com.au", "com.au", SuffixSection.Icann)]
    [InlineData("com.au", "", "com.au", SuffixSection.Icann)]
    [InlineData("torrent.com.br", "torrent.com.br", "com.br", SuffixSection.Icann)]
    [InlineData("anime.co.jp", "anime.co.jp", "co.jp", SuffixSection.Icann)]
    [InlineData("www.city.shibuya.tokyo.jp", "city.shibuya.tokyo.jp", "shibuya.tokyo.jp", SuffixSection.Icann)]
    [InlineData("example.pvt.k12.ma.us", "example.pvt.k12.ma.us", "pvt.k12.ma.us", SuffixSection.Icann)]
    [InlineData("ma.gov.br", "", "ma.gov.br", SuffixSection.Icann)]
    // Korean names: co.kr, or.kr, the regional suffixes (seoul.kr), Hangul names under kr and under .한국, in either spelling.
    [InlineData("www.tving.co.kr", "tving.co.kr", "co.kr", SuffixSection.Icann)]
    [InlineData("kocca.or.kr", "kocca.or.kr", "or.kr", SuffixSection.Icann)]
    [InlineData("police.go.kr", "police.go.kr", "go.kr", SuffixSection.Icann)]
    [InlineData("seoul.kr", "", "seoul.kr", SuffixSection.Icann)]
    [InlineData("www.seoul.kr", "www.seoul.kr", "seoul.kr", SuffixSection.Icann)]
    [InlineData("gov.seoul.kr", "gov.seoul.kr", "seoul.kr", SuffixSection.Icann)]
    [InlineData("webtoon.kr", "webtoon.kr", "kr", SuffixSection.Icann)]
    [InlineData("드라마.서울.kr", "xn--2i4bq6h.kr", "kr", SuffixSection.Icann)]
    [InlineData("xn--hy1bv3co9b.xn--2i4bq6h.kr", "xn--2i4bq6h.kr", "kr", SuffixSection.Icann)]
    [InlineData("누누티비.한국", "xn--od1ba225g1yu.xn--3e0b707e", "xn--3e0b707e", SuffixSection.Icann)]
    [InlineData("www.XN--OD1BA225G1YU.xn--3e0b707e", "xn--od1ba225g1yu.xn--3e0b707e", "xn--3e0b707e", SuffixSection.Icann)]
    // Wildcards and their exceptions.
    [InlineData("foo.ck", "", "foo.ck", SuffixSection.Icann)]
    [InlineData("bar.foo.ck", "bar.foo.ck", "foo.ck", SuffixSection.Icann)]
    [InlineData("www.ck", "www.ck", "ck", SuffixSection.Icann)]
    [InlineData("a.www.ck", "www.ck", "ck", SuffixSection.Icann)]
    [InlineData("mirror.er", "", "mirror.er", SuffixSection.Icann)]
    [InlineData("city.kawasaki.jp", "city.kawasaki.jp", "kawasaki.jp", SuffixSection.Icann)]
    [InlineData("www.city.kawasaki.jp", "city.kawasaki.jp", "kawasaki.jp", SuffixSection.Icann)]
    [InlineData("x.ward.kawasaki.jp", "x.ward.kawasaki.jp", "ward.kawasaki.jp", SuffixSection.Icann)]
    // Spelling: case, trailing dots; names outside the list take the implicit "*" rule.
    [InlineData("WWW.Example.COM", "example.com", "com", SuffixSection.Icann)]
    [InlineData("www.example.com.", "example.com", "com", SuffixSection.Icann)]
    [InlineData("KTorrents.Test", "ktorrents.test", "test", SuffixSection.None)]
    [InlineData("cdn.ktorrents.test", "ktorrents.test", "test", SuffixSection.None)]
    [InlineData("intranet.corp-unlisted", "intranet.corp-unlisted", "corp-unlisted", SuffixSection.None)]
    [InlineData("com", "", "com", SuffixSection.Icann)]
    [InlineData("localhost", "", "localhost", SuffixSection.None)]
    public void Registrable_domains_follow_the_Public_Suffix_List(string host, string registrable, string suffix, SuffixSection section)
    {
        var parts = PublicSuffixes.Parse(host);
        Assert.Equal(registrable.Length == 0 ? null : registrable, parts.RegistrableDomain);
        Assert.Equal(suffix, parts.Suffix);
        Assert.Equal(section, parts.Section);
        Assert.Equal(registrable.Length == 0, parts.IsPublicSuffix);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("93.184.216.34")]
    [InlineData("::1")]
    [InlineData("[2001:db8::1]")]
    public void An_IP_address_is_its_own_site_with_no_suffix(string host)
    {
        var parts = PublicSuffixes.Parse(host);
        Assert.True(parts.IsIpAddress);
        Assert.Null(parts.RegistrableDomain);
        Assert.Equal(host.Trim('[', ']'), parts.Site);
    }

    [Theory]
    [InlineData("a.blogspot.com", "b.blogspot.com", false)]
    [InlineData("alice.github.io", "bob.github.io", false)]
    [InlineData("www.bbc.co.uk", "news.bbc.co.uk", true)]
    [InlineData("bbc.co.uk", "itv.co.uk", false)]
    [InlineData("www.tving.co.kr", "m.tving.co.kr", true)]
    [InlineData("ktorrents.test", "cdn.ktorrents.test", true)]
    public void Tenants_of_a_shared_host_are_different_sites(string a, string b, bool same)
    {
        Assert.Equal(same, PublicSuffixes.SameSite(a, b));
        Assert.Equal(same, Urls.SameSite(new Uri($"https://{a}/"), new Uri($"https://{b}/")));
    }

    [Fact]
    public void The_shipped_list_is_whole_with_both_sections()
    {
        Assert.True(PublicSuffixes.RuleCount > 9000, $"{PublicSuffixes.RuleCount} rules");
        Assert.Equal(SuffixSection.Icann, PublicSuffixes.Parse("x.com").Section);
        Assert.Equal(SuffixSection.Private, PublicSuffixes.Parse("x.blogspot.com").Section);
    }

    [Fact]
    public void A_host_of_thousands_of_labels_is_looked_up_by_its_last_labels_only()
    {
        // 30,000 labels fit in a Set-Cookie header; the lookup must not hash every one of their suffixes.
        var host = string.Concat(Enumerable.Repeat("a.", 30_000)) + "x.github.io";
        var parts = PublicSuffixes.Parse(host);
        Assert.Equal("github.io", parts.Suffix);
        Assert.Equal("x.github.io", parts.RegistrableDomain);
    }
}
