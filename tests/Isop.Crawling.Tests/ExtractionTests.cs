using System.Text;
using Isop.Crawling.Extraction;

namespace Isop.Crawling.Tests;

public sealed class ExtractionTests(ITestOutputHelper output)
{
    private PageExtraction Extract(string html, string url = "https://pirate.example/")
    {
        var page = PageExtractor.Extract(new Uri(url), "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));
        foreach (var l in page.Listings) output.WriteLine($"listing {l.Kind} [{l.Source}] {l.Text} -> {l.Href} {string.Join(",", l.Counters.Select(c => $"{c.Key}={c.Value}"))} {l.Date} {l.Size}");
        foreach (var s in page.Signals) output.WriteLine($"signal {s.Type} {s.Value}");
        return page;
    }

    [Fact]
    public void Torrent_index_rows_become_listings_with_hashes_counters_sizes_and_dates()
    {
        var page = Extract(Pages.TorrentIndex);
        var rows = page.Listings.Where(l => l.Source == "structure").ToList();
        Assert.Equal(4, rows.Count);
        var first = rows[0];
        Assert.Equal("Moving.S01E01.1080p.DSNP.WEB-DL.DDP5.1.H.264-EVO", first.Text);
        Assert.Equal("https://pirate.example/torrent/101/moving-s01e01", first.Href);
        Assert.Equal("magnet", first.Kind);
        Assert.Equal("9fb267cff5ae5603f07a347676ec3bf3e35f75e1", first.InfoHash);
        Assert.Equal(1204, first.Counters["seeders"]);
        Assert.Equal(87, first.Counters["leechers"]);
        Assert.Equal("2.1 GB", first.Size);
        Assert.Equal("2023-08-09", first.Date);
        // Base32 btih is the same hash in hex; 1.1K is read as 1100.
        Assert.Equal("9fb267cff5ae5603f07a347676ec3bf3e35f75e1", rows[1].InfoHash);
        Assert.Equal(1100, rows[1].Counters["seeders"]);
        Assert.Equal("torrent", rows[2].Kind);
        Assert.Equal("https://pirate.example/dl/103/The.Glory.S01E03.torrent", rows[2].Torrent);
        Assert.Equal("caf1e1c30e81cb361b9ee167c4aa64228a7fa4fa9f6105232b28ad099f3a302e", rows[3].InfoHash);
        // Navigation, pager and footer links are not listings.
        Assert.DoesNotContain(page.Listings, l => l.Text is "Home" or "TV" or "Next" or "DMCA" or "2");
        Assert.Contains(page.Signals, s => s.Type == "google-analytics" && s.Value == "G-KT12345678");
        Assert.Contains(page.Signals, s => s.Type == "canonical" && s.Value == "https://ktorrents.example/latest");
        Assert.Contains(page.Signals, s => s.Type == "og:site_name" && s.Value == "KTorrents");
        Assert.Contains(page.Signals, s => s.Type == "email" && s.Value == "abuse@ktorrents.example");
        Assert.Contains(page.Links, l => l.AbsoluteUri == "https://pirate.example/rss");
    }

    [Fact]
    public void Streaming_page_reveals_players_hidden_by_packer_base64_and_hex_escapes()
    {
        var page = Extract(Pages.StreamingEpisode, "https://dramastream.example/moving/episode-12");
        var streams = page.Listings.Where(l => l.Kind == "stream").ToList();
        Assert.Contains(streams, l => l.Href == "https://embed.vidhost.example/e/abc123" && l.Source == "embed");
        Assert.Contains(streams, l => l.Href == "https://cdn.vidhost.example/hls/moving-12/master.m3u8" && l.Source == "script");
        Assert.Contains(streams, l => l.Href == "https://backup.vidhost.example/moving-12.mpd");
        Assert.Contains(streams, l => l.Href == "https://mirror.example/m12.mp4");
        Assert.All(streams, l => Assert.Equal("Moving (무빙) Episode 12", l.Text));
        Assert.Equal(3, page.Listings.Count(l => l.Source == "structure"));
        Assert.Contains(page.Signals, s => s.Type == "yandex-metrika" && s.Value == "93456789");
        Assert.Contains(page.Signals, s => s.Type == "adsense" && s.Value == "ca-pub-9876543210987654");
    }

    [Fact]
    public void Download_blog_post_is_one_listing_with_every_locker_and_shortener_link_under_the_post_title()
    {
        var page = Extract(Pages.DownloadBlog, "https://kdl.example/the-glory-s1");
        var post = Assert.Single(page.Listings);
        Assert.Equal("download", post.Kind);
        Assert.Equal("https://kdl.example/the-glory-s1", post.Href);
        Assert.Equal(4, post.Downloads.Count);
        Assert.Contains("https://mega.nz/folder/AbCdEf", post.Downloads);
        Assert.Contains(post.Downloads, d => d.StartsWith("https://rapidgator.net/file/", StringComparison.Ordinal));
        Assert.Contains("https://ouo.io/Xy12Ab", post.Downloads);
        // "MEGA", "Rapidgator part 1" and "Mirror (1fichier)" name the link, not the work: the post title does.
        Assert.Equal("The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL", post.Text);
        Assert.Contains(page.Signals, s => s.Type == "google-tag-manager" && s.Value == "GTM-AB12CD3");
        Assert.Contains(page.Signals, s => s.Type == "telegram" && s.Value == "kdlblog");
        Assert.Contains(page.Signals, s => s.Type == "discord" && s.Value == "kdl123");
        Assert.Contains(page.Signals, s => s.Type == "x" && s.Value == "kdlblog");
    }

    [Fact]
    public void Money_identifiers_are_read_as_account_at_site_and_placeholders_or_login_pages_are_not()
    {
        const string html = """
            <html><body>
            <a href="https://www.nordvpn.example/pricing/?aff_id=kdl4410&amp;utm=x">Stay safe: get a VPN</a>
            <a href="https://shop.example.com/p?partner_id=ab_12">Partner</a>
            <a href="https://paypal.me/kdlsupport">Support us</a>
            <a href="https://www.paypal.com/paypalme/login">not an account</a>
            </body></html>
            """;
        var page = Extract(html, "https://kdl.example/");
        Assert.Contains(page.Signals, s => s.Type == "affiliate" && s.Value == "kdl4410@nordvpn.example");
        Assert.Contains(page.Signals, s => s.Type == "affiliate" && s.Value == "ab_12@example.com");
        Assert.Contains(page.Signals, s => s.Type == "paypal" && s.Value == "kdlsupport");
        Assert.DoesNotContain(page.Signals, s => s.Type == "paypal" && s.Value == "login");
    }

    // Each row is one listing an engine page must yield: its title, its page, its offers (locker and .torrent URLs,
    // btih:HASH for a magnet) and counters. Every listing of the page must be in the table: menus, sidebars,
    // "recent posts" and related widgets, tag clouds, pinned notices, comments, replies and pagination yield none.
    [Theory]
    [InlineData("wordpress-home", "The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL", "https://kdl.example/the-glory-s1/", "https://mega.nz/folder/AbCdEf https://rapidgator.net/file/1a2b3c/The.Glory.S01.1080p.part1.rar.html https://1fichier.com/?x9y8z7", "comments=12")]
    [InlineData("wordpress-home", "Moving (무빙) E01-E20 Complete 1080p DSNP WEB-DL", "https://kdl.example/moving-complete/", "https://mega.nz/folder/MoV1ng https://pixeldrain.com/l/Mv20Ep", "comments=3")]
    [InlineData("wordpress-home", "Oppenheimer (2023) 2160p UHD BluRay x265 – MULTi VOSTFR", "https://kdl.example/oppenheimer-2023-2160p/", "https://1fichier.com/?opp2160 https://uptobox.com/opp4k", "")]
    [InlineData("wordpress-home", "Queen of Tears (눈물의 여왕) Episode 16 END 720p", "https://kdl.example/queen-of-tears-e16/", "https://ouo.io/QoT16x https://gofile.io/d/QoT16", "comments=27")]
    [InlineData("wordpress-single", "Vincenzo (빈센조) Complete Series 1080p NF WEB-DL", "https://kdl.example/vincenzo-complete/", "https://mega.nz/folder/ViNc3nZo https://rapidgator.net/file/aa11/Vincenzo.part1.rar.html https://rapidgator.net/file/aa12/Vincenzo.part2.rar.html https://nitroflare.com/view/VNZ20", "")]
    [InlineData("blogger-home", "[드라마] 무빙 (Moving) 1-20회 전편 1080p WEB-DL", "https://kdramadl.blogspot.com/2024/05/moving-complete.html", "https://mega.nz/folder/Mov1eKo https://drive.google.com/drive/folders/1MoVinGfold3r", "comments=5")]
    [InlineData("blogger-home", "[영화] 범죄도시4 (The Roundup: Punishment) 2024 1080p WEB-DL", "https://kdramadl.blogspot.com/2024/05/the-roundup-punishment.html", "https://www.mediafire.com/file/rndup4/TheRoundup4.mkv/file", "comments=2")]
    [InlineData("blogger-home", "Squid Game (오징어 게임) Season 2 Complete 1080p NF WEB-DL", "https://kdramadl.blogspot.com/2024/05/squid-game-s2.html", "https://mega.nz/folder/Sq1dG4m2 https://1drv.ms/f/s!SquidS2", "comments=11")]
    [InlineData("blogger-home", "[예능] 런닝맨 E702 240505 720p-NEXT", "https://kdramadl.blogspot.com/2024/05/running-man-e702.html", "https://pixeldrain.com/u/RM702x", "")]
    [InlineData("dle-home", "Lupin – Saison 3 [Complète] FRENCH 1080p WEB-DL", "https://dlfr.example/index.php?newsid=4512", "", "views=12408")]
    [InlineData("dle-home", "Queen of Tears (눈물의 여왕) – Saison 1 VOSTFR 720p", "https://dlfr.example/index.php?newsid=4509", "", "views=8731")]
    [InlineData("dle-home", "Dune : Deuxième partie (2024) MULTi TRUEFRENCH 2160p", "https://dlfr.example/index.php?newsid=4501", "", "views=25911")]
    [InlineData("dle-home", "Le Syndrome de Stockholm (Unlock My Boss) Intégrale VOSTFR", "https://dlfr.example/index.php?newsid=4498", "", "views=3120")]
    [InlineData("dle-fullstory", "Lupin – Saison 3 [Complète] FRENCH 1080p WEB-DL", "https://dlfr.example/index.php?newsid=4512", "https://uptobox.com/lup1n3s https://1fichier.com/?lupins3x https://turbobit.net/lupinS3.html", "views=12409")]
    [InlineData("xenforo-forum", "The Glory S01 1080p NF WEB-DL x264 [MEGA]", "https://kforum.example/threads/the-glory-s01-1080p-nf-web-dl-x264-mega.1234/", "", "comments=48 views=12000")]
    [InlineData("xenforo-forum", "Lovely Runner (선재 업고 튀어) E01-E16 VOSTFR 1080p", "https://kforum.example/threads/lovely-runner-e01-e16-vostfr-1080p.1230/", "", "comments=17 views=3402")]
    [InlineData("xenforo-forum", "Moving (무빙) Complete Series 2160p DSNP WEB-DL", "https://kforum.example/threads/moving-complete-series-2160p-dsnp-web-dl.1228/", "", "comments=95 views=21000")]
    [InlineData("xenforo-forum", "Exhuma (파묘) 2024 1080p WEB-DL H264 AAC", "https://kforum.example/threads/exhuma-2024-1080p-web-dl-h264-aac.1222/", "", "comments=6 views=980")]
    [InlineData("xenforo-forum", "Alchemy of Souls Season 2 – anyone has the 1080p pack?", "https://kforum.example/threads/alchemy-of-souls-season-2-1080p-pack.1219/", "", "comments=3 views=212")]
    [InlineData("phpbb-forum", "[MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL", "https://forum.example/viewtopic.php?f=3&t=57&sid=0a1b2c3d4e", "", "comments=23 views=4521")]
    [InlineData("phpbb-forum", "[1fichier] Lovely Runner (선재 업고 튀어) 1-16 VOSTFR 1080p", "https://forum.example/viewtopic.php?f=3&t=88&sid=0a1b2c3d4e", "", "comments=9 views=1877")]
    [InlineData("phpbb-forum", "Sweet Home S03 1080p NF WEB-DL DDP5.1 x264-NTb", "https://forum.example/viewtopic.php?f=3&t=87&sid=0a1b2c3d4e", "", "comments=4 views=960")]
    [InlineData("phpbb-forum", "[Rapidgator] Parasite (기생충) 2019 2160p UHD BluRay REMUX", "https://forum.example/viewtopic.php?f=3&t=85&sid=0a1b2c3d4e", "", "comments=31 views=7788")]
    [InlineData("phpbb-forum", "Hospital Playlist Season 1+2 Complete 720p", "https://forum.example/viewtopic.php?f=3&t=81&sid=0a1b2c3d4e", "", "comments=2 views=411")]
    [InlineData("phpbb-topic", "[MEGA] Crash Landing on You (사랑의 불시착) Complete 1080p NF WEB-DL", "https://forum.example/viewtopic.php?p=901", "https://mega.nz/folder/CLoY16 https://mega.nz/folder/CLoY16b", "")]
    [InlineData("vbulletin4-forum", "Twenty-Five Twenty-One (스물다섯 스물하나) Complete 1080p NF WEB-DL", "https://vbdrama.example/showthread.php?5012-Twenty-Five-Twenty-One-Complete", "", "comments=45 views=12345")]
    [InlineData("vbulletin4-forum", "Mr. Sunshine (미스터 션샤인) E01-E24 720p HDTV x264", "https://vbdrama.example/showthread.php?5008-Mr-Sunshine-E01-E24", "", "comments=12 views=3210")]
    [InlineData("vbulletin4-forum", "Reply 1988 (응답하라 1988) Complete 1080p WEB-DL", "https://vbdrama.example/showthread.php?5003-Reply-1988-Complete", "", "comments=88 views=40112")]
    [InlineData("vbulletin4-forum", "Kingdom Season 2 2160p NF WEB-DL DDP5.1 HDR", "https://vbdrama.example/showthread.php?4999-Kingdom-Season-2-2160p", "", "comments=7 views=1502")]
    [InlineData("vbulletin3-forum", "Goblin (도깨비) Intégrale VOSTFR 720p", "https://oldboard.example/showthread.php?t=555", "", "comments=12 views=3456")]
    [InlineData("vbulletin3-forum", "Hotel del Luna E01-E16 VOSTFR 1080p", "https://oldboard.example/showthread.php?t=551", "", "comments=30 views=9870")]
    [InlineData("vbulletin3-forum", "Signal (시그널) 2016 Complete 720p HDTV", "https://oldboard.example/showthread.php?t=548", "", "comments=5 views=1204")]
    [InlineData("vbulletin3-forum", "Mouse E01-E20 VOSTFR", "https://oldboard.example/showthread.php?t=540", "", "comments=2 views=688")]
    [InlineData("gnuboard-list", "무빙 E01-E20 완결 1080p WEB-DL H264 AAC", "https://ktor.example/bbs/board.php?bo_table=drama&wr_id=1234", "", "views=3120")]
    [InlineData("gnuboard-list", "눈물의 여왕 16화 완결 1080p WEB-DL", "https://ktor.example/bbs/board.php?bo_table=drama&wr_id=1233", "", "views=2877")]
    [InlineData("gnuboard-list", "Oppenheimer 2023 1080p BluRay x264 한글자막", "https://ktor.example/bbs/board.php?bo_table=drama&wr_id=1231", "", "views=1455")]
    [InlineData("gnuboard-list", "범죄도시4 2024 1080p WEB-DL H264 AAC", "https://ktor.example/bbs/board.php?bo_table=drama&wr_id=1229", "", "views=6004")]
    [InlineData("gnuboard-list", "나는 솔로 E150 240515 720p-NEXT", "https://ktor.example/bbs/board.php?bo_table=drama&wr_id=1227", "", "views=911")]
    [InlineData("gnuboard-view", "무빙 E01-E20 완결 1080p WEB-DL H264 AAC", "https://ktor.example/bbs/board.php?bo_table=drama&wr_id=1234", "btih:3b245504cf5f11bbdbe1201cea6a6bf45aee1bc0 https://ktor.example/bbs/download.php?bo_table=drama&wr_id=1234&no=0", "views=3121 comments=12")]
    [InlineData("rhymix-list", "선재 업고 튀어 E01-E16 완결 1080p WEB-DL", "https://xedrama.example/index.php?mid=drama&document_srl=5123", "", "views=2311")]
    [InlineData("rhymix-list", "졸업 (The Midnight Romance in Hagwon) E08 720p", "https://xedrama.example/index.php?mid=drama&document_srl=5120", "", "views=1102")]
    [InlineData("rhymix-list", "Shōgun S01 Complete 1080p DSNP WEB-DL 한글자막", "https://xedrama.example/index.php?mid=drama&document_srl=5117", "", "views=3987")]
    [InlineData("rhymix-list", "수사반장 1958 E10 END 1080p", "https://xedrama.example/index.php?mid=drama&document_srl=5112", "", "views=876")]
    [InlineData("tbdev-browse", "Moving.S01E01.1080p.DSNP.WEB-DL.DDP5.1.H.264-EVO", "https://tracker.example/details.php?id=4101&hit=1", "https://tracker.example/download.php/4101/Moving.S01E01.1080p.DSNP.WEB-DL.DDP5.1.H.264-EVO.torrent", "seeders=245 leechers=12 downloads=1532 comments=6")]
    [InlineData("tbdev-browse", "The.Glory.S01E03.720p.NF.WEB-DL.x264-NTb", "https://tracker.example/details.php?id=4100&hit=1", "https://tracker.example/download.php/4100/The.Glory.S01E03.720p.NF.WEB-DL.x264-NTb.torrent", "seeders=120 leechers=8 downloads=822")]
    [InlineData("tbdev-browse", "Parasite.2019.KOREAN.2160p.UHD.BluRay.x265-SiGMA", "https://tracker.example/details.php?id=4098&hit=1", "https://tracker.example/download.php/4098/Parasite.2019.KOREAN.2160p.UHD.BluRay.x265-SiGMA.torrent", "seeders=512 leechers=40 downloads=3901")]
    [InlineData("tbdev-browse", "Vincenzo.E01.1080p.NF.WEB-DL.x265-FLUX", "https://tracker.example/details.php?id=4095&hit=1", "https://tracker.example/download.php/4095/Vincenzo.E01.1080p.NF.WEB-DL.x265-FLUX.torrent", "seeders=9 leechers=1 downloads=77")]
    [InlineData("gazelle-torrents", "Queen of Tears (눈물의 여왕) [2024] S01E16", "https://gz.example/torrents.php?id=300&torrentid=9001", "https://gz.example/torrents.php?action=download&id=9001&authkey=0f1e2d&torrent_pass=a1b2c3d4e5", "seeders=301 leechers=12 downloads=2210")]
    [InlineData("gazelle-torrents", "My Mister (나의 아저씨) [2018] Complete", "https://gz.example/torrents.php?id=298&torrentid=8990", "https://gz.example/torrents.php?action=download&id=8990&authkey=0f1e2d&torrent_pass=a1b2c3d4e5", "seeders=88 leechers=3 downloads=455")]
    [InlineData("gazelle-torrents", "Decision to Leave (헤어질 결심) [2022]", "https://gz.example/torrents.php?id=295&torrentid=8977", "https://gz.example/torrents.php?action=download&id=8977&authkey=0f1e2d&torrent_pass=a1b2c3d4e5", "seeders=140 leechers=6 downloads=1003")]
    public void Engine_pages_yield_each_post_with_its_title_page_offers_and_counters(string page, string title, string href, string offers, string counters)
    {
        var (url, html) = EnginePages.All[page];
        var listing = Assert.Single(Extract(html, url).Listings, l => l.Text == title);
        Assert.Equal(href, listing.Href);
        var found = listing.Downloads.Concat(new[] { listing.Torrent }.OfType<string>()).Concat(listing.InfoHash is { } h ? ["btih:" + h] : []).Order(StringComparer.Ordinal);
        Assert.Equal(offers.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), found);
        foreach (var counter in counters.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (counter.Split('=')[0], long.Parse(counter.Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(value, listing.Counters.GetValueOrDefault(name));
        }
    }

    [Theory]
    [InlineData("wordpress-home", 4)]
    [InlineData("wordpress-single", 1)]
    [InlineData("blogger-home", 4)]
    [InlineData("dle-home", 4)]
    [InlineData("dle-fullstory", 1)]
    [InlineData("xenforo-forum", 5)]
    [InlineData("phpbb-forum", 5)]
    [InlineData("phpbb-topic", 1)]
    [InlineData("vbulletin4-forum", 4)]
    [InlineData("vbulletin3-forum", 4)]
    [InlineData("gnuboard-list", 5)]
    [InlineData("gnuboard-view", 1)]
    [InlineData("rhymix-list", 4)]
    [InlineData("tbdev-browse", 4)]
    [InlineData("gazelle-torrents", 3)]
    public void Engine_chrome_widgets_notices_comments_and_replies_yield_no_listing(string page, int posts)
    {
        var (url, html) = EnginePages.All[page];
        Assert.Equal(posts, Extract(html, url).Listings.Count);
    }

    [Theory]
    [InlineData("news-list")]
    [InlineData("legal-forum")]
    public void Legitimate_news_and_legal_forum_pages_offer_no_lockers_magnets_or_torrents(string page)
    {
        var (url, html) = EnginePages.All[page];
        var listings = Extract(html, url).Listings;
        Assert.DoesNotContain(listings, l => l.Kind is "download" or "magnet" or "torrent" or "stream");
        Assert.All(listings, l => Assert.Empty(l.Downloads));
    }

    [Fact]
    public void Webtoon_reader_chapters_are_listed_with_korean_titles_dates_and_views()
    {
        var page = Extract(Pages.WebtoonReader, "https://toonpirate.example/comic/solo");
        var chapters = page.Listings.Where(l => l.Source == "structure").ToList();
        Assert.Equal(3, chapters.Count);
        Assert.Equal("나 혼자만 레벨업 180화", chapters[0].Text);
        Assert.Equal("https://toonpirate.example/comic/solo/180", chapters[0].Href);
        Assert.Equal("page", chapters[0].Kind);
        Assert.Equal(12345, chapters[0].Counters["views"]);
        Assert.Equal("2024.03.01", chapters[0].Date);
        Assert.Contains(page.Signals, s => s.Type == "email" && s.Value == "admin@toonpirate.example");
        Assert.Equal("https://toonpirate.example/static/fav.png", Assert.Single(page.Icons).AbsoluteUri);
    }

    [Fact]
    public void Music_blog_posts_carry_their_locker_links_and_french_view_counts()
    {
        var page = Extract(Pages.MusicBlog, "https://kmusique.example/");
        var posts = page.Listings.Where(l => l.Source == "structure").ToList();
        Assert.Equal(3, posts.Count);
        Assert.Equal("NewJeans – How Sweet (Single) [FLAC]", posts[0].Text);
        Assert.Equal("download", posts[0].Kind);
        Assert.Equal("https://www.mediafire.com/file/abc/NewJeans_How_Sweet.zip/file", Assert.Single(posts[0].Downloads));
        Assert.Equal(15234, posts[0].Counters["views"]);
        Assert.Contains(page.Signals, s => s.Type == "statcounter" && s.Value == "12345678");
    }

    [Fact]
    public void Iptv_reseller_payment_wallets_are_found_only_when_their_checksums_hold()
    {
        var page = Extract(Pages.IptvReseller, "https://bestkiptv.example/");
        var wallets = page.Signals.Where(s => s.Type.StartsWith("wallet-", StringComparison.Ordinal)).Select(s => (s.Type, s.Value)).ToList();
        Assert.Contains(("wallet-bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"), wallets);
        Assert.Contains(("wallet-bitcoin", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"), wallets);
        Assert.Contains(("wallet-ethereum", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), wallets);
        Assert.Contains(("wallet-tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"), wallets);
        Assert.Contains(wallets, w => w.Type == "wallet-monero");
        Assert.Equal(5, wallets.Count); // the corrupted legacy address is not reported
        Assert.Contains(page.Signals, s => s.Type == "whatsapp" && s.Value == "821012345678");
        Assert.Contains(page.Signals, s => s.Type == "telegram" && s.Value == "bestkiptv_support");
        Assert.Contains(page.Signals, s => s.Type == "email" && s.Value == "support@bestkiptv.ex");
        Assert.Contains(page.Signals, s => s.Type == "facebook-pixel" && s.Value == "123456789012345");
        Assert.Contains(page.Signals, s => s.Type == "yandex-rtb" && s.Value == "R-A-2345678");
        Assert.Equal(3, page.Listings.Count(l => l.Source == "structure"));
    }

    [Fact]
    public void An_analyst_profile_takes_over_where_structure_is_not_enough()
    {
        var profile = ExtractionProfile.Parse("""
            { "name": "ktorrents", "item": "table.torrents tbody tr", "title": "a.title", "magnet": "a[href^=magnet]",
              "torrent": "a[href$='.torrent']", "counters": { "seeders": "td:nth-child(3)", "leechers": "td:nth-child(4)" },
              "date": "td:nth-child(5)", "size": "td:nth-child(2)" }
            """);
        var page = PageExtractor.Extract(new Uri("https://pirate.example/"), "text/html", Encoding.UTF8.GetBytes(Pages.TorrentIndex), null, profile);
        var rows = page.Listings.Where(l => l.Source == "profile").ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal(1204, rows[0].Counters["seeders"]);
        Assert.Equal("2.1 GB", rows[0].Size);
        Assert.Equal("9fb267cff5ae5603f07a347676ec3bf3e35f75e1", rows[0].InfoHash);
    }

    [Theory]
    [InlineData("""{ "title": "a" }""", "item")]
    [InlineData("""{ "item": "div[" }""", "'item'")]
    [InlineData("""{ "item": "div", "counters": { "seeders": "td:not(" } }""", "'counters.seeders'")]
    [InlineData("""{ "item": "div", "colour": "red" }""", "colour")]
    [InlineData("""not json""", "profile")]
    public void A_bad_profile_is_refused_with_the_field_named(string json, string expected)
    {
        var error = Assert.Throws<ProfileException>(() => ExtractionProfile.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Torznab_feeds_from_shared_data_become_listings_with_hashes_and_peers()
    {
        var path = SharedData.Path("torznab", "torznab_tpb.xml");
        var page = PageExtractor.Extract(new Uri("http://indexer.test/api"), "application/rss+xml", File.ReadAllBytes(path));
        Assert.Null(page.Problem);
        Assert.Equal(5, page.Listings.Count);
        var first = page.Listings[0];
        Assert.Equal("Series Title S05E02 HDTV x264-Xclusive [eztv]", first.Text);
        Assert.Equal("magnet", first.Kind);
        Assert.Equal("9fb267cff5ae5603f07a347676ec3bf3e35f75e1", first.InfoHash);
        Assert.Equal(34128, first.Counters["seeders"]);
        Assert.Equal("388895872", first.Size);
        Assert.StartsWith("2015-04-11T21:34:00", first.Date, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("torznab_animetosho.xml", 2)]
    [InlineData("torznab_hdaccess_net.xml", 5)]
    public void Every_shared_torznab_feed_parses(string name, int items)
    {
        var page = PageExtractor.Extract(new Uri("http://indexer.test/api"), "application/xml", File.ReadAllBytes(SharedData.Path("torznab", name)));
        Assert.Null(page.Problem);
        Assert.Equal(items, page.Listings.Count);
        Assert.All(page.Listings, l => Assert.False(string.IsNullOrWhiteSpace(l.Text)));
    }

    [Fact]
    public void A_feed_with_a_doctype_is_refused_with_its_position()
    {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x \"boom\">]>\n<rss><channel><item><title>&x;</title></item></channel></rss>";
        var page = PageExtractor.Extract(new Uri("http://indexer.test/api"), "application/rss+xml", Encoding.UTF8.GetBytes(xml));
        Assert.Empty(page.Listings);
        output.WriteLine(page.Problem ?? "(no problem)");
        Assert.StartsWith("feed: line 2", page.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Favicon_hash_is_the_murmur3_form_scanners_use()
    {
        Assert.Equal(0u, Signals.Murmur3([], 0));
        Assert.Equal(0x248bfa47u, Signals.Murmur3("hello"u8, 0));
        Assert.Equal(0x2fa826cdu, Signals.Murmur3("The quick brown fox jumps over the lazy dog"u8, 0x9747b28c));
        // Scanners hash the base64 text with a newline after every 76 characters, as a signed 32-bit number.
        var icon = Enumerable.Range(0, 100).Select(i => (byte)i).ToArray();
        var base64 = Convert.ToBase64String(icon);
        var lines = base64[..76] + "\n" + base64[76..] + "\n";
        Assert.Equal(unchecked((int)Signals.Murmur3(Encoding.ASCII.GetBytes(lines), 0)), Signals.FaviconMurmur(icon));
    }

    [Fact]
    public void Cloudflare_obfuscated_emails_are_decoded()
    {
        Assert.Equal("support@bestkiptv.ex", Signals.DecodeCloudflareEmail("3f4c4a4f4f504d4b7f5d5a4c4b54564f4b49115a47"));
        Assert.Null(Signals.DecodeCloudflareEmail("3f4c4a"));
    }
}
