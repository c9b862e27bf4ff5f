using Isop.Recognition.Matching;

namespace Isop.Recognition.Tests;

public sealed class SeasonMatchingTests
{
    private static readonly CatalogueMatcher Matcher = new(
    [
        // A catalogue that knows only the first season.
        new("SWEET", CatalogueKind.Series, 2020, 10, [("스위트홈", "ko"), ("Sweet Home", "en")], []),
        new("SQUID", CatalogueKind.Series, 2021, 9, [("오징어 게임", "ko"), ("Squid Game", "en")], []),
        // Seasons with their own counts, years and titles.
        new("HOSPITAL", CatalogueKind.Series, 2020, 24, [("슬기로운 의사생활", "ko"), ("Hospital Playlist", "en")], [])
        {
            Seasons = [new(1, 12, 2020, []), new(2, 12, 2021, [("슬기로운 의사생활 시즌2", "ko"), ("Hospital Playlist 2", "en")])],
        },
        new("MOVING", CatalogueKind.Series, 2023, 20, [("무빙", "ko"), ("Moving", "en")], [])
        {
            Seasons = [new(1, 20, 2023, [])],
        },
        new("TOWER", CatalogueKind.Webtoon, 2010, 600, [("신의 탑", "ko"), ("Tower of God", "en")], [])
        {
            Seasons = [new(1, 80, 2010, []), new(2, 300, 2012, []), new(3, 220, 2017, [])],
        },
    ]);

    [Theory]
    // the season the listing states exists: season and episode attributed
    [InlineData("Hospital.Playlist.S02E05.1080p.NF.WEB-DL.DDP2.0.x264-GRP", "HOSPITAL", 2, 5)]
    [InlineData("슬기로운 의사생활 시즌2 5회 다시보기", "HOSPITAL", 2, 5)]
    // a season's own title names the season
    [InlineData("Hospital Playlist 2 Episode 5 English Sub", "HOSPITAL", 2, 5)]
    [InlineData("Sweet.Home.S01E02.1080p.NF.WEB-DL.x264-GRP", "SWEET", 1, 2)]
    // one season: an episode without a season is that season's
    [InlineData("스위트홈 2회 다시보기", "SWEET", 1, 2)]
    [InlineData("Moving.E18.1080p.DSNP.WEB-DL.H264-GRP", "MOVING", 1, 18)]
    // a year picks the season that aired then
    [InlineData("Hospital Playlist (2021) Episode 7", "HOSPITAL", 2, 7)]
    // a year before an episode number is a year, not a season (guessit reads it as both)
    [InlineData("Moving (2023) EP07 [1080p][WEB-DL][Softsub ENG]", "MOVING", 1, 7)]
    [InlineData("Hospital.Playlist.2021.E05.1080p.WEB-DL-GRP", "HOSPITAL", 2, 5)]
    // a number right after the title that the parser took for an episode stays the episode when it has a marker
    [InlineData("스위트홈 2화 1080p", "SWEET", 1, 2)]
    // the series' first year before a later season, as scene names give it
    [InlineData("Hospital.Playlist.2020.S02E03.1080p.WEB-DL-GRP", "HOSPITAL", 2, 3)]
    public void A_listing_is_attributed_a_season_the_catalogue_knows(string listing, string work, int season, int episode)
    {
        var r = Matcher.Match(listing);
        Assert.True(r.WorkId == work, string.Join("; ", r.Reasons));
        Assert.Equal(season, r.Season);
        Assert.Equal(episode, r.Episode);
    }

    [Theory]
    // a season the catalogue does not know
    [InlineData("Sweet.Home.S03E02.1080p.NF.WEB-DL.DDP5.1.x264-GRP")]
    [InlineData("Sweet.Home.S02E05.1080p.WEB.h264-GRP")]
    [InlineData("오징어 게임 시즌2 5화")]
    [InlineData("Squid Game Season 2 Episode 5 English Sub")]
    [InlineData("Hospital.Playlist.S03E01.1080p.WEB-DL-GRP")]
    // an episode beyond the stated season's count, though within the work's total
    [InlineData("Hospital.Playlist.S01E14.720p.HDTV.x264-GRP")]
    // a season title and a season number that disagree
    [InlineData("Hospital Playlist 2 S01E03 1080p")]
    // a year that neither the stated season nor the series explains
    [InlineData("Hospital.Playlist.2017.S02E03.1080p.WEB-DL-GRP")]
    [InlineData("Hospital.Playlist.S01E03.2023.1080p.WEB-DL-GRP")]
    public void A_season_the_catalogue_does_not_have_is_abstained_on(string listing)
    {
        var r = Matcher.Match(listing);
        Assert.True(r.WorkId is null, $"{r.WorkId} S{r.Season}E{r.Episode}: {string.Join("; ", r.Reasons)}");
        Assert.Null(r.Season);
    }

    [Theory]
    // a bare number after the title is a season when the catalogue has it, and the listing then names no episode
    [InlineData("Hospital Playlist 2 1080p WEB-DL", 2)]
    [InlineData("Hospital.Playlist.2.1080p.NF.WEB-DL.x264-GRP", 2)]
    public void A_bare_number_after_the_title_names_a_season_not_an_episode(string listing, int season)
    {
        var r = Matcher.Match(listing);
        Assert.True(r.WorkId == "HOSPITAL", string.Join("; ", r.Reasons));
        Assert.Equal(season, r.Season);
        Assert.Null(r.Episode);
    }

    [Theory]
    // a bare number after a series of one season is a season or sequel it does not have
    [InlineData("스위트홈 2 1080p")]
    [InlineData("Sweet Home 2 1080p WEB-DL x264")]
    [InlineData("오징어 게임 2 1080p")]
    public void A_bare_number_after_a_title_of_one_season_is_abstained_on(string listing)
    {
        var r = Matcher.Match(listing);
        Assert.True(r.WorkId is null, $"{r.WorkId} S{r.Season}E{r.Episode}: {string.Join("; ", r.Reasons)}");
    }

    [Fact]
    public void The_reason_names_the_missing_season()
    {
        var r = Matcher.Match("Sweet.Home.S03E02.1080p.NF.WEB-DL.DDP5.1.x264-GRP");
        Assert.Contains("rejected: season 3 is not in the catalogue, which knows season 1 only of SWEET", r.Reasons);
    }

    [Fact]
    public void Several_seasons_and_no_season_stated_keeps_the_work_but_not_the_season()
    {
        var r = Matcher.Match("Watch Hospital Playlist Episode 5 English Sub Online");
        Assert.Equal("HOSPITAL", r.WorkId);
        Assert.Null(r.Season);
        Assert.Equal(5, r.Episode);
        Assert.Contains("the listing does not say which of the 2 seasons", r.Reasons);
    }

    [Fact]
    public void A_webtoon_season_is_checked_against_its_own_chapter_count()
    {
        Assert.Equal(2, Matcher.Match("신의 탑 시즌2 250화").Season);
        Assert.Null(Matcher.Match("신의 탑 시즌1 250화").WorkId);
    }

    [Fact]
    public void Works_without_episodes_or_seasons_are_unchanged()
    {
        var film = new CatalogueMatcher([new("BUSAN", CatalogueKind.Film, 2016, null, [("Train to Busan", "en")], [])]);
        var r = film.Match("Train.to.Busan.2016.1080p.BluRay.x264-GRP");
        Assert.Equal("BUSAN", r.WorkId);
        Assert.Null(r.Season);
    }
}

/// <summary>A result says which works its reasons speak of, so that a stored recognition carries their TLP (issue 11).</summary>
public sealed class MatchAboutTests
{
    private static readonly CatalogueMatcher Matcher = new(
    [
        new("SWEET", CatalogueKind.Series, 2020, 10, [("Sweet Home", "en")], []),
        new("HOME-FILM", CatalogueKind.Film, 2020, null, [("Sweet Home", "en")], []) { Label = "the film" },
        new("KINGDOM", CatalogueKind.Series, 2019, 6, [("Kingdom", "en")], []),
    ]);

    [Fact]
    public void A_match_speaks_of_its_work() => Assert.Equal(["KINGDOM"], Matcher.Match("Kingdom.S01E03.1080p.WEB").About);

    [Fact]
    public void A_rejection_speaks_of_the_work_it_names() =>
        Assert.Equal(["KINGDOM"], Matcher.Match("Kingdom S01E40 1080p").About);

    [Fact]
    public void A_listing_with_no_title_speaks_of_none() => Assert.Empty(Matcher.Match("Unknown.Show.S01E01.720p").About);

    [Fact]
    public void Every_work_named_in_the_reasons_is_in_About()
    {
        var r = Matcher.Match("Sweet Home 2020 1080p");
        foreach (var label in new[] { "SWEET", "the film", "HOME-FILM" })
        {
            if (r.Reasons.Any(x => x.Contains(label, StringComparison.Ordinal))) Assert.Contains(label == "the film" ? "HOME-FILM" : label, r.About);
        }
        Assert.NotEmpty(r.About);
    }
}
