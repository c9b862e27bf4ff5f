using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

public sealed class ReleaseNameParserTests
{
    private static ReleaseName P(string name) => ReleaseNameParser.Parse(name);

    [Theory]
    // Korean broadcast rip: episode, then the air date as YYMMDD
    [InlineData("Queen.of.Tears.E05.240316.720p-NEXT", "Queen of Tears", 5, "2024-03-16", "720p", "NEXT")]
    [InlineData("Crash.Landing.on.You.E01.191214.1080p.WEB-DL.x264-NEXT.mkv", "Crash Landing on You", 1, "2019-12-14", "1080p", "NEXT")]
    [InlineData("사랑의 불시착.E16.200216.1080p-NEXT", "사랑의 불시착", 16, "2020-02-16", "1080p", "NEXT")]
    [InlineData("Running.Man.E700.240421.720p-NEXT", "Running Man", 700, "2024-04-21", "720p", "NEXT")]
    public void Korean_broadcast_rips_yield_episode_and_air_date(string name, string title, int episode, string aired, string resolution, string group)
    {
        var r = P(name);
        Assert.Equal(title, r.Title);
        Assert.Equal([episode], r.Episodes);
        Assert.Equal(DateOnly.Parse(aired, System.Globalization.CultureInfo.InvariantCulture), r.AirDate);
        Assert.Equal(resolution, r.Resolution);
        Assert.Equal(group, r.Group);
        Assert.Equal(ReleaseKind.Episode, r.Kind);
    }

    [Theory]
    // scene suffix group
    [InlineData("Parasite.2019.KOREAN.1080p.BluRay.x264.DTS-FGT", "FGT")]
    [InlineData("Extraction.2020.1080p.WEBRip.x264-EVO", "EVO")]
    [InlineData("The.Glory.S01E01.1080p.NF.WEB-DL.DDP5.1.x264-EVO[TGx]", "EVO")]
    // fansub prefix group
    [InlineData("[SubsPlease] Solo Leveling - 05 (1080p) [A1B2C3D4].mkv", "SubsPlease")]
    // tracker tags are not groups
    [InlineData("Vincenzo.S01E08.1080p.WEB.h264-SKYFiRE[eztv]", "SKYFiRE")]
    [InlineData("Move.to.Heaven.S01E01.720p.WEBRip.x264-GalaxyTV[ettv]", "GalaxyTV")]
    [InlineData("Kingdom.S02E01.KOREAN.720p.NF.WEBRip.x264-[rarbg]", null)]
    // languages and extensions are not groups
    [InlineData("Squid.Game.S01E01.MULTi.1080p.WEB.H264-FRENCH", null)]
    [InlineData("Train.to.Busan.2016.1080p.BluRay.x264.mkv", null)]
    // a broadcaster prefix is not a group
    [InlineData("[tvN] 눈물의 여왕 5회 1080p", null)]
    public void Release_groups_are_found_and_tags_are_not_taken_for_them(string name, string? group) =>
        Assert.Equal(group, P(name).Group);

    [Theory]
    [InlineData("Train.to.Busan.2016.1080p.BluRay.x264-WiKi", "Train to Busan", 2016, ReleaseKind.Movie)]
    [InlineData("The Handmaiden (2016) [1080p] [BluRay] [YTS.MX]", "The Handmaiden", 2016, ReleaseKind.Movie)]
    [InlineData("Oldboy.2003.REMASTERED.1080p.BluRay.x264-USURY", "Oldboy", 2003, ReleaseKind.Movie)]
    [InlineData("Oldboy.2013.1080p.BluRay.x264-SPARKS", "Oldboy", 2013, ReleaseKind.Movie)]
    [InlineData("Blade.Runner.2049.2017.2160p.UHD.BluRay.x265-TERMiNAL", "Blade Runner 2049", 2017, ReleaseKind.Movie)]
    [InlineData("Series/Crash Landing on You/Season 1/Crash.Landing.on.You.S01E05.1080p.NF.WEB-DL.DDP2.0.x264-AppleTor.mkv", "Crash Landing on You", null, ReleaseKind.Episode)]
    [InlineData("Mr.Sunshine.S01E24.KOREAN.1080p.NF.WEBRip.DDP2.0.x264-AJP69", "Mr Sunshine", null, ReleaseKind.Episode)]
    [InlineData("나 혼자만 레벨업 110화", "나 혼자만 레벨업", null, ReleaseKind.Webtoon)]
    [InlineData("Solo Leveling Chapter 110", "Solo Leveling", null, ReleaseKind.Webtoon)]
    [InlineData("Tower.of.God.Ch.550.cbz", "Tower of God", null, ReleaseKind.Webtoon)]
    public void Titles_years_and_kinds(string name, string title, int? year, ReleaseKind kind)
    {
        var r = P(name);
        Assert.Equal(title, r.Title);
        Assert.Equal(year, r.Year);
        Assert.Equal(kind, r.Kind);
    }

    [Fact]
    public void Music_has_an_artist_an_album_a_year_and_a_format()
    {
        var r = P("IU - LILAC (2021) [FLAC]");
        Assert.Equal(ReleaseKind.Music, r.Kind);
        Assert.Equal("IU", r.Artist);
        Assert.Equal("LILAC", r.Title);
        Assert.Equal(2021, r.Year);
        Assert.Equal("FLAC", r.AudioCodec);
        var mp3 = P("BTS - Map of the Soul 7 (2020) [MP3 320kbps]");
        Assert.Equal(ReleaseKind.Music, mp3.Kind);
        Assert.Equal("Map of the Soul 7", mp3.Title);
    }

    [Theory]
    // VOSTFR: French subtitles
    [InlineData("Squid.Game.S01E01.VOSTFR.1080p.WEB.x264-GROUP", null, "fr")]
    // Eng Sub: English subtitles
    [InlineData("Goblin E05 Eng Sub 720p", null, "en")]
    // KOREAN audio
    [InlineData("Parasite.2019.KOREAN.1080p.BluRay.x264-FGT", "ko", null)]
    // MULTi audio
    [InlineData("Dexter.S08E12.FINAL.MULTi.1080p.BluRay.x264-MiND", "mul", null)]
    // TRUEFRENCH audio
    [InlineData("Perfect Child-2007-TRUEFRENCH-TVRip.Xvid-h@mster.avi", "fr", null)]
    public void Audio_and_subtitle_languages(string name, string? language, string? subtitle)
    {
        var r = P(name);
        if (language is null) Assert.True(r.Languages is null || !r.Languages.Contains("fr") || subtitle != "fr");
        else Assert.Contains(language, r.Languages!);
        if (subtitle is null) Assert.Null(r.SubtitleLanguages);
        else Assert.Contains(subtitle, r.SubtitleLanguages!);
    }

    [Fact]
    public void Technical_fields_use_guessit_s_vocabulary()
    {
        var r = P("The.Simpsons.S24E03.Adventures.in.Baby-Getting.720p.WEB-DL.DD5.1.H.264-CtrlHD.mkv");
        Assert.Equal("Web", r.Source);
        Assert.Equal("H.264", r.VideoCodec);
        Assert.Equal("Dolby Digital", r.AudioCodec);
        Assert.Equal("mkv", r.Container);
        Assert.Equal(24, r.Season);
        Assert.Equal([3], r.Episodes);
        var uhd = P("Deadpool.2016.4K.2160p.UHD.HQ.8bit.BluRay.8CH.x265.HEVC-MZABI.mkv");
        Assert.Equal("Ultra HD Blu-ray", uhd.Source);
        Assert.Equal("H.265", uhd.VideoCodec);
        Assert.Equal("2160p", uhd.Resolution);
        Assert.Equal("Netflix", P("Mr.Sunshine.S01E24.KOREAN.1080p.NF.WEBRip.DDP2.0.x264-AJP69").StreamingService);
        Assert.Equal("H.265", P("Squid Game S01E01 Red Light, Green Light 1080p NF WEB-DL DDP5.1 Atmos HDR H 265-TEPES").VideoCodec);
        Assert.Equal("Disney+", P("Moving.S01E01.KOREAN.2160p.DSNP.WEB-DL.DDP5.1.H.265-ExREN").StreamingService);
    }

    [Theory]
    [InlineData("Wheels.S03E01E02.720p.HDTV.x264-IMMERSE.mkv", new[] { 1, 2 })]
    [InlineData("Wheels.S03E01-03.720p.HDTV.x264-IMMERSE.mkv", new[] { 1, 2, 3 })]
    [InlineData("Show_Name.1x02x03x04.HDTV_XViD_Etc-Group", new[] { 2, 3, 4 })]
    [InlineData("Bleach - 313-314", new[] { 313, 314 })]
    [InlineData("Naruto Shippuden Episode 366v2 VOSTFR.avi", new[] { 366 })]
    [InlineData("Regarder Le Roi de la Pâtisserie épisode 5 VOSTFR", new[] { 5 })]
    public void Multi_episode_and_ranges(string name, int[] episodes) => Assert.Equal(episodes, P(name).Episodes);

    [Fact]
    public void Proper_repack_and_editions_are_flags()
    {
        Assert.True(P("Test.S02E01.hdtv.proper").Proper);
        Assert.True(P("Show.S01E01.REPACK.720p.HDTV.x264-GRP").Repack);
        Assert.Equal("Director's Cut", P("Alien.Director.Cut.Ita.Eng.VP9.Opus.AlphaBot.webm").Edition);
        Assert.Equal("Remastered", P("Gangs of New York 2002 REMASTERED 1080p BluRay x264-AVCHD").Edition);
    }

    [Fact]
    public void Web_sites_in_names_are_reported_and_kept_out_of_the_title()
    {
        var r = P("[www.manga-ddl-free.com] One Piece - E623 VOSTFR HD.mkv");
        Assert.Equal("www.manga-ddl-free.com", r.Website);
        Assert.Equal("One Piece", r.Title);
        Assert.Equal("tvu.org.ru", P("South.Park.4x07.Cherokee.Hair.Tampons.DVDRip.[tvu.org.ru].avi").Website);
    }
}
