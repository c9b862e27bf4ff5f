using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

/// <summary>Episode numbering, one row per rule or fix (issue 10); names written in the styles of real releases.</summary>
public sealed class EpisodeNumberingTests
{
    [Theory]
    // a year before the marker is the year, not the season
    [InlineData("Drama.2019.S03E07.1080p.WEB.h264-GOSSIP", 3, new[] { 7 }, 2019)]
    [InlineData("Drama (2015) - [04x11] - The Reckoning [HDTV-720p]", 4, new[] { 11 }, 2015)]
    [InlineData("Show.1994.S02E03.720p.HDTV", 2, new[] { 3 }, 1994)]
    [InlineData("Series.2021.S04.iNTERNAL.DVDRip.XviD-VCDVaULT", 4, new int[0], 2021)]
    // the English season word is a title when a marker or a number above a season's follows
    [InlineData("Series 24 S01E05 720p WEB", 1, new[] { 5 }, null)]
    // three- and four-digit compact numbering
    [InlineData("drama.512.hdtv-grp", 5, new[] { 12 }, null)]
    [InlineData("Drama.108.hdtv-lol", 1, new[] { 8 }, null)]
    [InlineData("Comedy.Show.103.104.720p.HDTV.x264-DIMENSION", 1, new[] { 3, 4 }, null)]
    // very long seasons and episodes
    [InlineData("Long.Running.Soap.S38E9120.720p.HDTV.x264-W4F", 38, new[] { 9120 }, null)]
    [InlineData("Long Running Soap S38 E9120 720p HDTV", 38, new[] { 9120 }, null)]
    [InlineData("Daily Soap - S42 Ep10718 - Ep10720 [HDTV]", 42, new[] { 10718, 10719, 10720 }, null)]
    // episode ranges across a dash, with or without the season repeated
    [InlineData("Legal Drama - 2x9-2x10 - Served [SDTV]", 2, new[] { 9, 10 }, null)]
    [InlineData("1x01-x03 - Pilot.HDTV-720p", 1, new[] { 1, 2, 3 }, null)]
    [InlineData("Space.Drama.S6.E1-E2-E3.Three.Parter.1080p.WEB-DL", 6, new[] { 1, 2, 3 }, null)]
    // a season alone, then the anime episode after a dash or in a bracket
    [InlineData("[SubsPlease] Oshi no Ko S2 - 05 (1080p) [A1B2C3D4].mkv", 2, new[] { 5 }, null)]
    [InlineData("[XKsub] Spy Family S2 [05][HEVC-10bit 1080p AAC][CHS&CHT&JPN]", 2, new[] { 5 }, null)]
    [InlineData("[DameDesuYo] Magic Academy (Season 2) - 33 (1280x720 10bit EAC3) [42A12A76].mkv", 2, new[] { 33 }, null)]
    // Turkish and Russian episode words
    [InlineData("Kara Para Ask 60.Bolum (31.01.2023) 720p WebDL AAC H.264 - TURG", null, new[] { 60 }, null)]
    [InlineData("Мир Дикого Запада / Westworld / Сезон: 1 / Серии: 1-10 (10) [2016, WEB-DL 1080p]", null, new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 2016)]
    // a season marker spaced from its number; an episode glued to the title by a dash
    [InlineData("Drama S 01 720p WEB DL DD 5 1 h264 TjHD", 1, new int[0], null)]
    [InlineData("[Hatsuyuki]Fairy_Quest-01[1280x720][122E6EF8]", null, new[] { 1 }, null)]
    // five digits of a scene name: a season and two consecutive episodes; a date-like 12.13.02 is not
    [InlineData("Police.Drama.20304.hdtv-lol.mp4", 2, new[] { 3, 4 }, null)]
    [InlineData("Sitcom.10506.720p.HDTV.x264-DIMENSION", 1, new[] { 5, 6 }, null)]
    // an episode word before a list, or before two numbers joined by "and"
    [InlineData("De Rechercheurs Se.2 afl.5-6-7 [VTM]", 2, new[] { 5, 6, 7 }, null)]
    [InlineData("Politie Serie Se.1 afl.8 en 9", 1, new[] { 8, 9 }, null)]
    [InlineData("Mon Feuilleton Épisode 4 et 5 FRENCH HDTV", null, new[] { 4, 5 }, null)]
    // the next episode after an underscore
    [InlineData("Crime Lab - 3x07_08 - Two Parter", 3, new[] { 7, 8 }, null)]
    [InlineData("Crime.Lab.S03E07_08.720p.HDTV", 3, new[] { 7, 8 }, null)]
    // a season marker glued to the last title word
    [InlineData("abc-skyfalls02e03e04-720p", 2, new[] { 3, 4 }, null)]
    // a bracket that holds only a number, right after the title (and its year), is the episode
    [InlineData("Magic_School_3_[07]_[AniVoice]_[WEBRip_1080p]", null, new[] { 7 }, null)]
    [InlineData("Old Show (1998) {05} The Visit (1).hdtv-720p", null, new[] { 5 }, 1998)]
    // a fansub's zero-padded number inside the title words, with the episode title after it
    [InlineData("[XYZ]Campus Idol Story 03 Field Trip [Someone] [1A2B3C4D].mkv", null, new[] { 3 }, null)]
    // a plain-word bracket after the title, before the dash and the episode
    [InlineData("[FishSubs] Little Witch [Reboot] - 04 [720p][AAC].mp4", null, new[] { 4 }, null)]
    // a number that starts a subtitle between dashes is not the episode
    [InlineData("[SubsPlease] Dragon Guild - 100 Years Quest - 07 (1080p) [1107F3A9].mkv", null, new[] { 7 }, null)]
    // two titles in two scripts: the Latin one, and its marker with a range
    [InlineData("Детектив: Наследие (S3E2-5) / Detective: Legacy (S3E2-5) (2024) WEB-DL 1080p Ukr/Eng | sub Eng", 3, new[] { 2, 3, 4, 5 }, 2024)]
    // a numbered broadcast
    [InlineData("[Shark-Raws] Sazae-san #957 (NBN 1280x720 x264 AAC).mp4", null, new[] { 957 }, null)]
    public void Seasons_and_episodes_are_read_from_their_markers(string name, int? season, int[] episodes, int? year)
    {
        var r = ReleaseNameParser.Parse(name);
        Assert.Equal(season, r.Season);
        Assert.Equal(episodes.Length == 0 ? null : episodes, r.Episodes);
        Assert.Equal(year, r.Year);
    }

    [Theory]
    // six-digit and day-first dates of daily shows
    [InlineData("A.Late.Talk.Show.140722.720p.HDTV.x264-YesTV", "2014-07-22")]
    [InlineData("2020.A.Late.Talk.Show.2012.13.02.PDTV.XviD-C4TV", "2012-02-13")]
    [InlineData("Late.Night.Show.2024.03.15.Guest.Name.720p.WEB.h264-JEBAITED", "2024-03-15")]
    [InlineData("Evening News - 2019-10-05 - Top Stories [HDTV-720p]", "2019-10-05")]
    public void Daily_shows_have_an_air_date(string name, string aired) =>
        Assert.Equal(DateOnly.Parse(aired, System.Globalization.CultureInfo.InvariantCulture), ReleaseNameParser.Parse(name).AirDate);

    [Theory]
    // a compact number ending in 00 is not an episode 0
    [InlineData("[DRONE]Kaiju.Tales.100", new[] { 100 })]
    public void A_number_ending_in_00_is_an_absolute_episode(string name, int[] episodes) => Assert.Equal(episodes, ReleaseNameParser.Parse(name).Episodes);
}
