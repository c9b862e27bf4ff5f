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
    public void Download_blog_post_lists_each_locker_and_shortener_link_under_the_post_title()
    {
        var page = Extract(Pages.DownloadBlog, "https://kdl.example/the-glory-s1");
        var downloads = page.Listings.Where(l => l.Kind == "download").ToList();
        Assert.Equal(4, downloads.Count);
        Assert.Contains(downloads, l => l.Href == "https://mega.nz/folder/AbCdEf");
        Assert.Contains(downloads, l => l.Href!.StartsWith("https://rapidgator.net/file/", StringComparison.Ordinal));
        Assert.Contains(downloads, l => l.Href == "https://ouo.io/Xy12Ab");
        // "MEGA", "Rapidgator part 1" and "Mirror (1fichier)" name the link, not the work: the post title does.
        Assert.All(downloads, l => Assert.Equal("The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL", l.Text));
        Assert.Contains(page.Signals, s => s.Type == "google-tag-manager" && s.Value == "GTM-AB12CD3");
        Assert.Contains(page.Signals, s => s.Type == "telegram" && s.Value == "kdlblog");
        Assert.Contains(page.Signals, s => s.Type == "discord" && s.Value == "kdl123");
        Assert.Contains(page.Signals, s => s.Type == "x" && s.Value == "kdlblog");
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
