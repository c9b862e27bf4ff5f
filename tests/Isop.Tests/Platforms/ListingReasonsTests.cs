using Isop.Crawling.Torrents;
using Isop.Monitoring;
using Isop.Web;

namespace Isop.Tests.Platforms;

/// <summary>The matcher's reasons said once per work (what all its listings share) and on a row only what is its own; magnet links made from info-hashes.</summary>
public sealed class ListingReasonsTests
{
    private static ReasonView Reason(string code, params string[] args) => new(code, args, code + "(" + string.Join(",", args) + ")");

    private static ObservationView Row(Guid? work, params ReasonView[] why) =>
        new(Guid.NewGuid(), "listing", null, "item", null, null, work, work is null ? null : "W-1", work is null ? null : "Work", null, null, 0.9, null, why, null,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null);

    [Fact]
    public void Reasons_every_listing_of_a_work_shares_are_the_works_and_the_rest_stay_on_their_row()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var first = Row(a, Reason("title", "Crash"), Reason("episode-within", "3", "12"), Reason("year.matches", "2024"));
        var second = Row(a, Reason("title", "Crash"), Reason("episode-within", "4", "12"), Reason("year.matches", "2024"));
        var alone = Row(b, Reason("title", "Other"));
        var unrecognised = Row(null, Reason("none.title"));
        var reasons = ListingReasons.Of([first, unrecognised, second, alone]);

        Assert.Equal([a, b], reasons.Works.Select(w => w.WorkId));
        Assert.Equal(2, reasons.Works[0].Listings);
        Assert.Equal(["title(Crash)", "year.matches(2024)"], reasons.Works[0].Shared.Select(r => r.Text));
        Assert.Equal(["episode-within(3,12)"], reasons.Own(first).Select(r => r.Text));
        Assert.Equal(["episode-within(4,12)"], reasons.Own(second).Select(r => r.Text));
        Assert.Empty(reasons.Own(alone));
        Assert.Equal(["title(Other)"], reasons.Works[1].Shared.Select(r => r.Text));
        Assert.Empty(reasons.Own(unrecognised));
    }

    [Fact]
    public void A_work_whose_listings_share_nothing_keeps_every_reason_on_its_rows()
    {
        var a = Guid.NewGuid();
        var first = Row(a, Reason("title", "Crash"));
        var second = Row(a, Reason("title.alias", "크래시"));
        var reasons = ListingReasons.Of([first, second]);
        Assert.Empty(reasons.Works[0].Shared);
        Assert.Equal(["title(Crash)"], reasons.Own(first).Select(r => r.Text));
        Assert.Equal(["title.alias(크래시)"], reasons.Own(second).Select(r => r.Text));
    }

    [Fact]
    public void A_magnet_is_made_of_a_v1_or_v2_info_hash_and_read_back_the_same()
    {
        var v1 = new string('a', 40);
        var uri = Magnet.UriOf(v1.ToUpperInvariant(), "Show.S01E02.1080p.WEB-DL-EVO & co")!;
        var back = Magnet.Parse(uri, out var problem)!;
        Assert.Null(problem);
        Assert.Equal(v1, back.InfoHashV1);
        Assert.Equal("Show.S01E02.1080p.WEB-DL-EVO & co", back.Name);
        var v2 = new string('b', 64);
        Assert.Equal(v2, Magnet.Parse(Magnet.UriOf(v2, null)!, out _)!.InfoHashV2);
        Assert.Null(Magnet.UriOf("not hex", "x"));
        Assert.Null(Magnet.UriOf(new string('a', 39), "x"));
        Assert.Null(Magnet.UriOf(null, "x"));
    }

    [Fact]
    public void A_listing_that_is_a_magnet_keeps_its_own_link()
    {
        const string own = "magnet:?xt=urn:btih:cccccccccccccccccccccccccccccccccccccccc&tr=udp%3A%2F%2Ftracker.test%3A1337";
        var row = Row(null) with { Href = own, InfoHash = new string('c', 40) };
        Assert.Equal(own, row.Magnet);
        Assert.StartsWith("magnet:?xt=urn:btih:" + new string('c', 40) + "&dn=listing", (row with { Href = "https://x.test/t/1" }).Magnet, StringComparison.Ordinal);
    }
}
