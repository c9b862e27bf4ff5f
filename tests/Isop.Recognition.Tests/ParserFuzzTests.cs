using System.Text;
using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

/// <summary>Any string parses: no exception, a result that keeps the input, and bounded work (inputs are cut at MaxLength).</summary>
public sealed class ParserFuzzTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("[")]
    [InlineData("]]]][[[[")]
    [InlineData("((((((((((((((((((((((((((((((((((((((((")]
    [InlineData("\ud800")]
    [InlineData("a\udc00b")]
    [InlineData("\u202eevil.exe\u202c.mkv")]
    [InlineData("مسلسل.الحلقة.5.720p")]
    [InlineData("S99999999E99999999")]
    [InlineData("1x")]
    [InlineData("x1")]
    [InlineData("S01E")]
    [InlineData("E")]
    [InlineData("Cap.")]
    [InlineData("Season")]
    [InlineData("9999999999999999999999.mkv")]
    [InlineData("2024.13.45.HDTV")]
    [InlineData("/")]
    [InlineData("\\\\server\\share\\")]
    [InlineData("\0\u0001\u0002")]
    public void Edge_cases_parse_without_exceptions(string input)
    {
        var r = ReleaseNameParser.Parse(input);
        Assert.Equal(input, r.Input);
    }

    [Fact]
    public void A_hundred_kilobyte_input_is_cut_not_choked_on()
    {
        var huge = string.Concat(Enumerable.Repeat("Show.Name.S01E01.720p.HDTV.x264-GRP.", 3000));
        Assert.True(huge.Length > 100_000);
        var r = ReleaseNameParser.Parse(huge);
        Assert.Equal("Show Name", r.Title);
        Assert.Equal(huge, r.Input);
    }

    [Fact]
    public void Random_strings_and_mutated_release_names_never_throw()
    {
        var random = new Random(20261124);
        var seeds = new[]
        {
            "Queen.of.Tears.E05.240316.720p-NEXT", "[SubsPlease] Solo Leveling - 05 (1080p) [A1B2C3D4].mkv",
            "Series/Show/Season 2/Show.S02E05.720p.HDTV.x264-GRP.mkv", "IU - LILAC (2021) [FLAC]", "나 혼자만 레벨업 110화",
        };
        const string alphabet = "abcXYZ0123456789 ._-[](){}/\\&+*:,'!?~SsEexXpP회화시즌ÉéàüΩ\u202e\u200f\ud83d\ude00";
        for (var i = 0; i < 20_000; i++)
        {
            string input;
            if (i % 2 == 0)
            {
                var sb = new StringBuilder();
                for (var k = random.Next(0, 80); k > 0; k--)
                {
                    // Sometimes a lone surrogate half
                    sb.Append(random.Next(50) == 0 ? (char)random.Next(0xD800, 0xE000) : alphabet[random.Next(alphabet.Length)]);
                }
                input = sb.ToString();
            }
            else
            {
                var chars = seeds[random.Next(seeds.Length)].ToCharArray();
                for (var k = random.Next(1, 6); k > 0; k--) chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
                input = new string(chars, 0, random.Next(chars.Length + 1));
            }
            var r = ReleaseNameParser.Parse(input);
            Assert.Equal(input, r.Input);
            if (r.Episodes is not null) Assert.All(r.Episodes, e => Assert.InRange(e, 0, 99_999));
        }
    }
}
