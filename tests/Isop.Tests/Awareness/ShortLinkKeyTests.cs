using Isop.Awareness;

namespace Isop.Tests.Awareness;

public sealed class ShortLinkKeyTests
{
    [Theory]
    [InlineData("https://bit.ly/3xYz", "bit.ly/3xYz")]
    [InlineData("http://BIT.LY/3xYz/", "bit.ly/3xYz")]
    [InlineData("https://bit.ly/3xYz?utm_source=x#top", "bit.ly/3xYz")]
    [InlineData("https://www.tinyurl.com/abc", "tinyurl.com/abc")]
    [InlineData("https://han.gl/KoRea", "han.gl/KoRea")]
    [InlineData("https://bit.ly/", null)]
    [InlineData("https://bit.ly", null)]
    [InlineData("https://example.com/abc", null)]
    [InlineData("ftp://bit.ly/abc", null)]
    [InlineData("not a link", null)]
    public void A_short_link_is_known_by_its_host_and_case_sensitive_path(string url, string? key) => Assert.Equal(key, ShortLinks.KeyOf(url));
}
