using System.Text;

namespace Isop.Crawling.Tests;

public sealed class Base32Tests
{
    // The test vectors of RFC 4648, section 10.
    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void Encoding_follows_RFC_4648_with_and_without_padding(string text, string encoded)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        Assert.Equal(encoded, Base32.Encode(bytes));
        Assert.Equal(encoded.TrimEnd('='), Base32.Encode(bytes, padding: false));
        Assert.Equal(bytes, Base32.Decode(encoded));
        Assert.Equal(bytes, Base32.Decode(encoded.TrimEnd('=')));
        Assert.Equal(bytes, Base32.Decode(encoded.ToLowerInvariant()));
    }

    [Fact]
    public void A_SHA256_digest_is_52_characters_and_four_pad_characters()
    {
        var digest = Base32.Encode(System.Security.Cryptography.SHA256.HashData("evidence"u8));
        Assert.Equal(56, digest.Length);
        Assert.EndsWith("====", digest, StringComparison.Ordinal);
        Assert.DoesNotContain('=', digest[..52]);
    }

    [Theory]
    [InlineData("MZXW6YQ1")]
    [InlineData("MZ=XW6YQ")]
    [InlineData("MZXW6YQ8")]
    [InlineData("M")]
    [InlineData("MZX")]
    [InlineData("MZXW6Y")]
    public void Text_outside_the_alphabet_or_of_an_impossible_length_is_refused(string text) => Assert.Null(Base32.Decode(text));
}
