using System.Text;
using Isop.Recognition.Matching;

namespace Isop.Recognition.Tests;

public sealed class CatalogueMatcherTests
{
    private static readonly CatalogueMatcher Matcher = new(
    [
        new("CLOY", CatalogueKind.Series, 2019, 16, [("사랑의 불시착", "ko"), ("Crash Landing on You", "en")], ["CLOY"]),
        new("OLDBOY", CatalogueKind.Film, 2003, null, [("올드보이", "ko"), ("Oldboy", "en")], []),
        new("BUSAN", CatalogueKind.Film, 2016, null, [("부산행", "ko"), ("Train to Busan", "en"), ("Dernier train pour Busan", "fr")], []),
        new("KINGDOM", CatalogueKind.Series, 2019, 12, [("킹덤", "ko"), ("Kingdom", "en")], [])
        {
            Seasons = [new(1, 6, 2019, []), new(2, 6, 2020, [("킹덤 시즌2", "ko")])],
        },
        new("ASHIN", CatalogueKind.Film, 2021, null, [("킹덤: 아신전", "ko"), ("Kingdom: Ashin of the North", "en")], []),
        new("SOLO", CatalogueKind.Webtoon, 2018, 179, [("나 혼자만 레벨업", "ko"), ("Solo Leveling", "en")], []),
        new("LILAC", CatalogueKind.Music, 2021, null, [("라일락", "ko"), ("LILAC", "en")], ["IU LILAC"]),
        new("MOTHER", CatalogueKind.Film, 2009, null, [("마더", "ko"), ("Mother", "en")], []),
    ]);

    [Theory]
    // streaming page titles in three languages
    [InlineData("Watch Crash Landing on You Episode 5 English Sub Online Free | DramaCool", "CLOY", 5)]
    // another work's title in the leading bracket is the fansub group's name
    [InlineData("[Subs-Kingdom] Crash Landing on You 07 VOSTFR [WEB 720p]", "CLOY", 7)]
    [InlineData("사랑의 불시착 5회 다시보기", "CLOY", 5)]
    [InlineData("사랑의불시착5회다시보기", "CLOY", 5)]
    [InlineData("Regarder Crash Landing on You épisode 5 VOSTFR", "CLOY", 5)]
    [InlineData("Dernier train pour Busan (2016) streaming VF", "BUSAN", null)]
    // stop words left out
    [InlineData("Crash Landing You E05 Eng Sub", "CLOY", 5)]
    [InlineData("Dernier train Busan 2016 streaming", "BUSAN", null)]
    // scene names and file names
    [InlineData("Crash.Landing.on.You.E05.191228.1080p-NEXT", "CLOY", 5)]
    [InlineData("Train.to.Busan.2016.KOREAN.1080p.BluRay.x264.DTS-FGT.mkv", "BUSAN", null)]
    // chapters and music
    [InlineData("Solo Leveling Chapter 110", "SOLO", 110)]
    [InlineData("나 혼자만 레벨업 110화", "SOLO", 110)]
    [InlineData("Download IU LILAC Album Zip", "LILAC", null)]
    // unknown tags in the technical tail or in brackets outside the title (issue 10)
    [InlineData("[KDrama-Subs] Crash Landing on You - 05 [1080p][HEVC][English Softsubs]", "CLOY", 5)]
    [InlineData("Crash.Landing.on.You.E05.1080p.NF.WEB-DL.DDP2.0.x264-NTb[TGx]", "CLOY", 5)]
    [InlineData("사랑의 불시착.E05.191221.1080p-NEXT [토렌트왕]", "CLOY", 5)]
    [InlineData("[바다토렌트] 사랑의 불시착 5회 WEB-DL 1080p", "CLOY", 5)]
    [InlineData("사랑의 불시착 E07 191228 HDTV H264 720p-WITH [자막:한글]", "CLOY", 7)]
    [InlineData("Crash Landing on You EP07 [1080p][Netflix][Softsub ENG] DRMfree", "CLOY", 7)]
    [InlineData("올드보이 (2003) 감독판 1080p", "OLDBOY", null)]
    [InlineData("Solo Leveling Chapter 110 - Read Manhwa Online at Asura", "SOLO", 110)]
    public void Listings_of_catalogue_works_are_recognised(string listing, string work, int? episode)
    {
        var r = Matcher.Match(listing);
        Assert.True(work == r.WorkId, string.Join("; ", r.Reasons));
        Assert.Equal(episode, r.Episode);
        Assert.True(r.Confidence >= CatalogueMatcher.Threshold);
        Assert.NotEmpty(r.Reasons);
    }

    [Theory]
    // a remake (another year)
    [InlineData("Oldboy.2013.1080p.BluRay.x264-SPARKS")]
    // another work's subtitle in a bracket with one tag word
    [InlineData("Crash Landing on You [The Challenge HD] E01")]
    // a sequel (a number the title does not explain)
    [InlineData("Crash Landing on You 2 Episode 3 Eng Sub")]
    [InlineData("Train to Busan 2 Peninsula (2020) streaming VF")]
    // a same-named work of another kind or year
    [InlineData("Mother.2018.E03.720p.HDTV.x264-NEXT")]
    [InlineData("Mother (2017) 1080p BluRay x264")]
    // an adaptation of another kind (the anime of a webtoon)
    [InlineData("Solo Leveling Episode 5 English Sub 1080p")]
    // a longer title that only begins like a catalogue title
    [InlineData("Kingdom of Heaven 2005 Directors Cut 1080p BluRay")]
    // an episode beyond the work's range
    [InlineData("Kingdom S01E09 1080p NF WEB-DL")]
    // unexplained words inside the title span, before the tail begins (issue 10)
    [InlineData("사랑의 불시착 메이킹 5회 [1080p]")]
    [InlineData("Crash Landing on You Reaction E05 [1080p][HEVC]")]
    [InlineData("Kingdom.2019.KOREAN.Ashin.Special.Behind.1080p-GRP")]
    [InlineData("나 혼자만 레벨업 라그나로크 12화")]
    // nothing
    [InlineData("Watch Random Show Episode 3 English Sub Online Free")]
    [InlineData("")]
    public void Hard_negatives_are_not_matched(string listing) => Assert.Null(Matcher.Match(listing).WorkId);

    [Fact]
    public void A_spin_off_is_its_own_work_not_the_series_it_comes_from()
    {
        Assert.Equal("ASHIN", Matcher.Match("Kingdom.Ashin.of.the.North.2021.KOREAN.1080p.NF.WEB-DL.DDP5.1.x264-ExREN").WorkId);
        Assert.Equal("KINGDOM", Matcher.Match("Kingdom.S02E03.1080p.NF.WEB-DL.x264-NTb").WorkId);
    }

    [Fact]
    public void Reasons_say_why_a_match_was_refused()
    {
        var r = Matcher.Match("Oldboy (2013) streaming VF");
        Assert.Contains(r.Reasons, x => x == "rejected: the listing says 2013, OLDBOY is from 2003");
    }

    [Fact]
    public void Random_text_never_throws()
    {
        var random = new Random(7);
        const string alphabet = "abc xyz 0123456789 .-_[]()|사랑의불시착회화 Crash Landing on You\ud800";
        for (var i = 0; i < 5000; i++)
        {
            var sb = new StringBuilder();
            for (var k = random.Next(0, 60); k > 0; k--) sb.Append(alphabet[random.Next(alphabet.Length)]);
            var r = Matcher.Match(sb.ToString());
            Assert.InRange(r.Confidence, 0, 1);
        }
        Assert.Null(Matcher.Match(new string('a', 200_000)).WorkId);
    }
}
