using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

/// <summary>Audio and subtitle languages, one row per rule.</summary>
public sealed class LanguageTests
{
    [Theory]
    [InlineData("Series.Title.S01E01.FRENCH.720p.HDTV.x264-GRP", "fr", null)]
    [InlineData("Parasite.2019.KOREAN.1080p.BluRay.x264.DTS-FGT", "ko", null)]
    [InlineData("Series Title S3 - 15 VOSTFR [720p]", null, "fr")]
    // a subtitle word joined to the group by a dash
    [InlineData("Drama.S01E01.1080p.WEB-DL.Eng.Subs-GRP", null, "en")]
    // "DL" of WEB-DL before the group is the source's, not the dual-language tag
    [InlineData("Moving.S01E01.1080p.DSNP.WEB-DL-NTb", null, null)]
    [InlineData("Queen.of.Tears.E01.240309.1080p.WEB-DL-NEXT", null, null)]
    public void Languages_and_subtitles(string name, string? language, string? subtitle)
    {
        var r = ReleaseNameParser.Parse(name);
        Assert.Equal(language, r.Languages?.FirstOrDefault());
        Assert.Equal(subtitle, r.SubtitleLanguages?.FirstOrDefault());
    }
}
