using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

/// <summary>Release groups, one row per rule or fix (issue 10).</summary>
public sealed class ReleaseGroupTests
{
    [Theory]
    // hyphenated group names
    [InlineData("Movie.Title.2021.2160p.WEB-DL.DDP5.1.Atmos.HEVC-Group-Name", "Group-Name")]
    [InlineData("Show.S01E03.720p.HDTV.x264-X-Y1Z", "X-Y1Z")]
    [InlineData("SomeFilm.1080p.BluRay.DTS.x264.-DX-TV.mkv", "DX-TV")]
    // suffixes that indexers and reposters add after the group
    [InlineData("Show.S01E03.1080p.WEB.H264-CAKES-Obfuscated", "CAKES")]
    [InlineData("Movie.Name.2019.1080p.BluRay.x264-GRP-RakuvUS", "GRP")]
    [InlineData("Show.S03E04.1080p.WEB.H264-GRP-WhiteRev", "GRP")]
    [InlineData("Documentary.S04E11.1080p.AMZN.WEB-DL.DDP5.1.H.264-NTb-AlternativeToRequested", "NTb")]
    [InlineData("Cop.Show.S01E13.720p.BluRay.x264-SiNNERS-Rakuvfinhel", "SiNNERS")]
    // a repost word alone after the technical words is no group either
    [InlineData("Show.S01E01.1080p.x265.HEVC-Obfuscated", null)]
    [InlineData("Show.S01E01.1080p.WEB-DL-Obfuscated", null)]
    // a dashed source stays one word before the group
    [InlineData("Queen.of.Tears.E01.240309.1080p.WEB-DL-NEXT", "NEXT")]
    // alone, a tracker's name at the end is the group
    [InlineData("Congo.Expedition.2013.720p.BluRay.H264.AAC-RARBG", "RARBG")]
    // trailing tags of indexers and sites are not groups
    [InlineData("Show.S01E03.1080p.WEB.H264-CAKES[TGx]", "CAKES")]
    [InlineData("Movie.Title.2020.720p.BluRay.x264-SPARKS [SiteHD]", "SPARKS")]
    [InlineData("Show.S05E10.1080p.WEB.h264-GLHF[eztv.re]", "GLHF")]
    // groups at the end in brackets or inside the last parenthesis
    [InlineData("Movie Title (2019) (1080p BluRay x265 10bit AAC 5.1 Someone) [Vyndros]", "Vyndros")]
    [InlineData("Movie Title (2019) (1080p BluRay x265 10bit - NTb)", "NTb")]
    [InlineData("Movie Name (2017) (1080p.BD.DD5.1.x265-TheSickle[TAoE])", "TAoE")]
    [InlineData("Movie.Name.2022.1080p.BluRay.x264-[YTS.AG]", "YTS.AG")]
    [InlineData("Series Title (2019) S01E01 (1080p AMZN WEB-DL x265 HEVC 10bit EAC3 5.1 Silence) [QxR]", "Silence")]
    // a subtitle word before the dash is not part of the group
    [InlineData("Drama.S01E01.1080p.WEB-DL.Eng.Subs-GRP", "GRP")]
    // Sonarr's file naming ends in a quality tag after a dash, which is not a group
    [InlineData("Harbour Town (2012) - Season 2 - [Bluray-720p]", null)]
    [InlineData("Harbour Town - S02E01 - [WEBDL-1080p]", null)]
    // a "-Pre" suffix after the group is a reposter's
    [InlineData("Some.Film.720p.HEVC.x265-MeGusta-Pre", "MeGusta")]
    // a bracket with spaces is a note, not a group
    [InlineData("Movie Name (2017) [2160p REMUX] [HEVC DV HYBRID HDR10+ Dolby TrueHD Atmos 7 1 24-bit Audio English] [Data Lass]", null)]
    public void The_group_is_found_past_repost_suffixes_and_site_tags(string name, string? group) => Assert.Equal(group, ReleaseNameParser.Parse(name).Group);
}
