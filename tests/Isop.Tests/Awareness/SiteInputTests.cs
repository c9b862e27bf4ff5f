using Isop.Awareness;

namespace Isop.Tests.Awareness;

/// <summary>What the public types, read as a host: every way people write a link or a domain gives the same name.</summary>
public sealed class SiteInputTests
{
    [Theory]
    [InlineData("toonkor.test", "toonkor.test")]
    [InlineData("TOONKOR.Test", "toonkor.test")]
    [InlineData("toonkor.test.", "toonkor.test")]
    [InlineData("www.toonkor.test", "toonkor.test")]
    [InlineData("https://www.toonkor.test/webtoon/ep-110?utm_source=twitter&fbclid=abc#top", "toonkor.test")]
    [InlineData("http://toonkor.test:8080/x", "toonkor.test")]
    [InlineData("//toonkor.test/x", "toonkor.test")]
    [InlineData("  https://m.toonkor.test/  ", "m.toonkor.test")]
    [InlineData("https:/toonkor.test/x", "toonkor.test")]
    [InlineData("http//toonkor.test", "toonkor.test")]
    [InlineData("HTTPS:///toonkor.test", "toonkor.test")]
    [InlineData("toonkor.test?next=http://other.test", "toonkor.test")]
    [InlineData("toonkor.test/out?u=https://other.test/x", "toonkor.test")]
    [InlineData("누누티비.com", "xn--od1ba225g1yu.com")]
    [InlineData("https://xn--od1ba225g1yu.com/", "xn--od1ba225g1yu.com")]
    [InlineData("누누티비。com", "xn--od1ba225g1yu.com")]
    [InlineData("HTTPS://WWW.누누티비.COM./drama", "xn--od1ba225g1yu.com")]
    [InlineData("www.com", "www.com")]
    public void Every_way_of_writing_a_site_gives_its_host(string typed, string host)
    {
        Assert.True(SiteInput.TryRead(typed, out var input, out var problem), problem);
        Assert.Equal(host, input.Host);
    }

    [Fact]
    public void A_host_is_looked_up_with_its_parents_down_to_its_registrable_domain_and_an_IDN_is_shown_in_its_script()
    {
        Assert.True(SiteInput.TryRead("https://cdn.m.toonkor.co.kr/x", out var input, out _));
        Assert.Equal(["cdn.m.toonkor.co.kr", "m.toonkor.co.kr", "toonkor.co.kr"], input.Candidates);
        Assert.True(SiteInput.TryRead("xn--od1ba225g1yu.com", out var idn, out _));
        Assert.Equal("누누티비.com", idn.Display);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://toonkor.test/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://toon kor.test/")]
    [InlineData("https://toonkor..test/")]
    [InlineData("toonkor.test\u0000")]
    [InlineData("\u202etoonkor.test")]
    [InlineData("www")]
    [InlineData("www.")]
    [InlineData("com")]
    [InlineData("co.kr")]
    [InlineData("dramahub")]
    [InlineData("1.2.3.4.5")]
    public void What_is_not_a_link_or_a_domain_is_refused_with_a_reason(string typed)
    {
        Assert.False(SiteInput.TryRead(typed, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Random_and_hostile_text_never_throws_and_a_host_read_is_always_a_valid_name()
    {
        var random = new Random(2026);
        const string alphabet = "aZ09.-_:/?#@[]%。누티\u200b\u202e\ud800 \t<>\"'xn--";
        for (var round = 0; round < 20_000; round++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (!SiteInput.TryRead(text, out var input, out var problem))
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
                continue;
            }
            Assert.InRange(input.Host.Length, 1, 253);
            Assert.DoesNotContain(input.Host, c => c > 127 || char.IsUpper(c) || char.IsWhiteSpace(c));
            Assert.Equal(input.Host, input.Candidates[0]);
        }
        Assert.False(SiteInput.TryRead(new string('a', SiteInput.MaxLength + 1) + ".test", out _, out _));
    }
}
