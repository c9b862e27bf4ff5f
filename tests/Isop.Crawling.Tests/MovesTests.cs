using Isop.Crawling.Extraction;

namespace Isop.Crawling.Tests;

public sealed class MovesTests
{
    private static MoveNotice? Notice(string html, string url = "http://old-site.test/") =>
        HtmlExtractor.Extract(new Uri(url), html).Moved;

    [Theory]
    [InlineData("<h1>티비위키 새주소 안내</h1><p>기존 주소가 차단되어 이전했습니다. 새주소 : <b>tvwiki13 . test</b></p>", "tvwiki13.test")]
    [InlineData("<p>주소변경 안내: tvwiki13[.]test 로 접속하세요</p>", "tvwiki13.test")]
    [InlineData("<p>최신주소 tvwiki13(dot)test</p>", "tvwiki13.test")]
    [InlineData("<h1>Nous avons déménagé</h1><p>Nouvelle adresse : <a href=\"http://films-vf2.test/\">films-vf2.test</a></p>", "films-vf2.test")]
    [InlineData("<h1>We have moved!</h1><p>Our new domain is <a href=\"https://watch-new.test/\">here</a>.</p>", "watch-new.test")]
    [InlineData("<p>Мы переехали: новый адрес kino-new.test</p>", "kino-new.test")]
    public void A_moved_notice_in_any_language_names_the_new_host(string body, string expected)
    {
        var notice = Notice($"<html><body>{body}</body></html>");
        Assert.NotNull(notice);
        Assert.Contains(expected, notice.Hosts);
        Assert.DoesNotContain("old-site.test", notice.Hosts);
    }

    [Fact]
    public void A_page_without_a_move_phrase_or_with_only_files_and_its_own_host_announces_nothing()
    {
        Assert.Null(Notice("<html><body><p>Latest: episode 3 of a drama, mirror at other.test</p></body></html>"));
        Assert.Null(Notice("<html><body><p>새주소 안내: <a href=\"/notice.html\">notice.html</a> old-site.test</p></body></html>"));
    }

    [Fact]
    public void A_live_site_with_listings_and_a_banner_is_not_a_moved_notice()
    {
        var items = string.Concat(Enumerable.Range(1, 12).Select(i => $"<li class=\"item\"><h3><a href=\"/watch/{i}\">Drama Title Episode {i} English Sub</a></h3><span class=\"date\">2026-11-0{i % 9 + 1}</span></li>"));
        Assert.Null(Notice($"<html><body><div class=\"banner\">새주소: next-site.test</div><ul class=\"items\">{items}</ul></body></html>"));
    }

    [Theory]
    [InlineData("example.test - This domain may be for sale", "<h1>example.test</h1><p>Buy this domain.</p>", true)]
    [InlineData("Parked", "<p>This domain is parked free, courtesy of a registrar.</p>", true)]
    [InlineData("도메인", "<p>이 도메인은 판매 중입니다</p>", true)]
    [InlineData("Watch dramas", "<p>Latest episodes</p>", false)]
    public void Parking_pages_are_told_from_sites(string title, string body, bool parked) =>
        Assert.Equal(parked, HtmlExtractor.Extract(new Uri("http://x.test/"), $"<html><head><title>{title}</title></head><body>{body}</body></html>").Parked);

    [Fact]
    public void Links_to_other_sites_are_kept_with_their_labels()
    {
        var page = HtmlExtractor.Extract(new Uri("http://list.test/"),
            "<html><body><ul><li><a href=\"http://tvwiki13.test/\">티비위키</a></li><li><a href=\"/about\">about</a></li><li><a href=\"https://sub.list.test/x\">same site</a></li></ul></body></html>");
        var link = Assert.Single(page.Outlinks!);
        Assert.Equal(("tvwiki13.test", "티비위키"), (link.Host, link.Label));
    }

    [Fact]
    public void A_notice_within_a_sites_layout_names_the_address_it_gives_not_the_menus_channels_or_partners()
    {
        var html = "<html><body><nav><a href=\"https://x.com/oursite\">X</a> <a href=\"https://t.me/oursite\">Telegram</a></nav>" +
                   "<main><h1>We have moved!</h1><p>Our new domain is <b>new-site . test</b>, update your bookmarks.</p></main>" +
                   "<aside><h3>Partner sites</h3><a href=\"http://sister-site.test/\">Sister</a></aside><footer>Powered by <a href=\"https://wordpress.org/\">WordPress</a></footer></body></html>";
        var notice = Notice(html);
        Assert.NotNull(notice);
        Assert.Equal(["new-site.test"], notice.Hosts);
    }

    [Fact]
    public void Telegram_paths_that_are_not_channels_are_no_signal_and_private_invites_are()
    {
        var page = HtmlExtractor.Extract(new Uri("http://x.test/"),
            "<html><body><a href=\"https://t.me/share/url?url=x\">share</a> <a href=\"https://t.me/addstickers/Pack\">stickers</a> <a href=\"https://t.me/joinchat/AbCdEfGh12\">join</a></body></html>");
        var telegram = page.Signals.Where(s => s.Type == "telegram").Select(s => s.Value).ToList();
        Assert.Equal(["+AbCdEfGh12"], telegram);
    }

    [Fact]
    public void A_long_link_label_is_cut_without_splitting_a_surrogate_pair()
    {
        var label = new string('a', 199) + "\U0001F600" + "tail";
        var page = HtmlExtractor.Extract(new Uri("http://x.test/"), $"<html><body><a href=\"http://other.test/\">{label}</a></body></html>");
        var link = Assert.Single(page.Outlinks!);
        Assert.Equal(199, link.Label!.Length);
        Assert.False(char.IsHighSurrogate(link.Label[^1]));
    }
}
