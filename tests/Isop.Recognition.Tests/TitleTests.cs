using Isop.Recognition.ReleaseNames;

namespace Isop.Recognition.Tests;

/// <summary>Titles, one row per rule or fix (issue 10).</summary>
public sealed class TitleTests
{
    [Theory]
    // names that hold no title at all
    [InlineData("S02E07", null)]
    [InlineData("S02E07.720p.HDTV.x264", null)]
    [InlineData("2x07 - Episode Title [1080p WEB-DL]", null)]
    // an episode title after the number is not the title
    [InlineData("2x05 - The 40th Parallel [720p HDTV]", null)]
    [InlineData("Show Name - 2x05 - The 40th Parallel [720p HDTV]", "Show Name")]
    [InlineData("Show.Name.S02E05.The.40th.Parallel.720p.HDTV.x264-KILLERS", "Show Name")]
    // a title that is a number, before the episode number
    [InlineData("[BakeSubs] 86 - 01 [1080p][D40A9E55].mkv", "86")]
    // a number right before the season marker belongs to the title
    [InlineData("[HorribleRips] Mobile Suit 00 S1 [1080p]", "Mobile Suit 00")]
    // the English season word as the title's first word
    [InlineData("Series.2006.S101E01-E02.Some.Title.Name.1080p.WEB-DL.AAC2.0.H.264-Release", "Series")]
    [InlineData("Series.2025.09.01.The.170.Million.Pound.Diamond.Scam.1080p.HDTV.H264-DEADPOOL", "Series")]
    // an air date after the title is not part of it
    [InlineData("A.Late.Talk.Show.140722.720p.HDTV.x264-YesTV", "A Late Talk Show")]
    [InlineData("Some show 69. Blm (29.10.2023) 1080p WebDL #turkseed", "Some show")]
    // a daily show named by a number keeps it when an air date follows
    [InlineData("2020.NZ.2011.12.02.PDTV.XviD-C4TV", "2020 NZ")]
    // a season marker spaced from its number ends the title
    [InlineData("Drama S 01 720p WEB DL DD 5 1 h264 TjHD", "Drama")]
    // punctuation glued between two title words stays; a dash inside a word too
    [InlineData("[Prout] Steins;Gate 0 - Episode 5 VOSTFR (BDRip 1920x1080 x264 FLAC)", "Steins;Gate 0")]
    [InlineData("[SubsPlease] Reborn as a Sword 500-nen, Now Legend - 01 (1080p) [8DE44442]", "Reborn as a Sword 500-nen, Now Legend")]
    [InlineData("abc-skyfall-s02e03e04-720p", "abc-skyfall")]
    // an anime season alone before its absolute-style episode stays in the title (a scene E-number does not)
    [InlineData("[SubsPlease] Tower Climbers S2 - 07 (1080p) [A1B2C3D4]", "Tower Climbers S2")]
    [InlineData("Demon Blade S3 - EP14 VOSTFR [1080p]", "Demon Blade S3")]
    [InlineData("[XKsub] Spy Family S2 [05][HEVC-10bit 1080p AAC]", "Spy Family S2")]
    [InlineData("Long Anime S21 1001", "Long Anime S21")]
    [InlineData("Pocket Monsters S16 - E29 - 1280*720 HDTV VF.mkv", "Pocket Monsters")]
    // a second group bracket of a joint release
    [InlineData("[Hana-Subs]_[C-P]_Moon_Garden_Ep06_(0b0e2c10).mkv", "Moon Garden")]
    // a fansub's zero-padded episode number ends the title; a plain-word bracket before the dash stays in it
    [InlineData("[XYZ]Campus Idol Story 03 Field Trip [Someone] [1A2B3C4D].mkv", "Campus Idol Story")]
    [InlineData("[FishSubs] Little Witch [Reboot] - 04 [720p][AAC].mp4", "Little Witch Reboot")]
    [InlineData("Magic_School_3_[07]_[AniVoice]_[WEBRip_1080p]", "Magic School 3")]
    // two titles in two scripts: the Latin one; a slash between language codes is not a folder
    [InlineData("Детектив: Наследие / Detective: Legacy / S3E2-5 of 8 (2024) WEB-DL 1080p Ukr/Eng | sub Eng", "Detective: Legacy")]
    // a file named by one bare word inside a release folder takes the folder's title
    [InlineData(@"Harbour.Town.S02.720p.BluRay-CLUE\REWARD", "Harbour Town")]
    // an anime episode glued to the title by a dash
    [InlineData("[Hatsuyuki]Fairy_Quest-01[1280x720][122E6EF8]", "Fairy Quest")]
    public void The_title_is_what_comes_before_the_first_marker(string name, string? title) => Assert.Equal(title, ReleaseNameParser.Parse(name).Title);
}
