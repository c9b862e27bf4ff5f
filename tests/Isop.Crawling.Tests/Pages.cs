namespace Isop.Crawling.Tests;

/// <summary>Test pages, one per archetype of piracy platform, written for these tests.</summary>
internal static class Pages
{
    public static string Pack(string source) => Isop.Range.Packer.Pack(source);

    /// <summary>A player hidden in a script that would never stop if run, packed twice, beside a packer nested past any sane depth.</summary>
    public static string PackedForeverLoop
    {
        get
        {
            var inner = Pack("var player=jwplayer('v');player.setup({file:'https://cdn.stream.test/hls/moving-e07/index.m3u8'});while(true){player.ping()}");
            var deep = "var z='https://deep.stream.test/hls/never.m3u8'";
            for (var i = 0; i < 8; i++) deep = Pack(deep);
            return $"<html><head><title>Moving episode 7</title></head><body><h1>Moving 무빙 7화</h1><div id=player></div><script>{Pack(inner)}</script><script>{deep}</script></body></html>";
        }
    }

    public const string TorrentIndex = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>KTorrents - Latest</title>
        <link rel="canonical" href="https://ktorrents.example/latest">
        <meta property="og:site_name" content="KTorrents">
        <script async src="https://www.googletagmanager.com/gtag/js?id=G-KT12345678"></script>
        <script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-KT12345678');</script>
        </head><body>
        <header><nav class="menu"><a href="/">Home</a> <a href="/tv">TV</a> <a href="/movies">Movies</a> <a href="/music">Music</a></nav></header>
        <table class="torrents"><thead><tr><th>Name</th><th>Size</th><th>SE</th><th>LE</th><th>Date</th></tr></thead><tbody>
        <tr class="odd"><td><a class="title" href="/torrent/101/moving-s01e01">Moving.S01E01.1080p.DSNP.WEB-DL.DDP5.1.H.264-EVO</a>
          <a href="magnet:?xt=urn:btih:9fb267cff5ae5603f07a347676ec3bf3e35f75e1&amp;dn=Moving.S01E01.1080p&amp;tr=udp%3A%2F%2Ftracker.example%3A1337">magnet</a></td>
          <td>2.1 GB</td><td>1,204</td><td>87</td><td>2023-08-09</td></tr>
        <tr class="even"><td><a class="title" href="/torrent/102/moving-s01e02">Moving.S01E02.1080p.DSNP.WEB-DL.DDP5.1.H.264-EVO</a>
          <a href="magnet:?xt=urn:btih:T6ZGPT7VVZLAH4D2GR3HN3B36PRV65PB&amp;dn=Moving.S01E02.1080p">magnet</a></td>
          <td>2.0 GB</td><td>1.1K</td><td>64</td><td>2023-08-09</td></tr>
        <tr class="odd"><td><a class="title" href="/torrent/103/the-glory">The.Glory.S01E03.720p.NF.WEB-DL.x264-EVO</a>
          <a href="/dl/103/The.Glory.S01E03.torrent">torrent</a></td>
          <td>1.3 GB</td><td>530</td><td>12</td><td>2023-01-02</td></tr>
        <tr class="even"><td><a class="title" href="/torrent/104/vincenzo">Vincenzo.E01.1080p.NF.WEB-DL.x265-GROUP</a>
          <a href="magnet:?xt=urn:btmh:1220caf1e1c30e81cb361b9ee167c4aa64228a7fa4fa9f6105232b28ad099f3a302e&amp;dn=Vincenzo.E01">magnet v2</a></td>
          <td>900 MB</td><td>75</td><td>3</td><td>2021-02-20</td></tr>
        </tbody></table>
        <div class="pagination"><a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a> <a href="?page=2">Next</a></div>
        <footer><a href="/dmca">DMCA</a> <a href="/contact">Contact</a> <a href="/rss">RSS</a> contact: abuse@ktorrents.example</footer>
        </body></html>
        """;

    public static string StreamingEpisode => $$"""
        <html><head><title>Watch Moving Episode 12 English Sub - DramaStream</title>
        <meta property="og:title" content="Moving Episode 12">
        <script>(function(m,e,t,r,i,k,a){m[i]=m[i]||function(){(m[i].a=m[i].a||[]).push(arguments)};})(window,document,"script","https://mc.yandex.ru/metrika/tag.js","ym");ym(93456789, "init", {clickmap:true});</script>
        </head><body>
        <h1>Moving (무빙) Episode 12</h1>
        <div class="player"><iframe src="//embed.vidhost.example/e/abc123" allowfullscreen></iframe></div>
        <script>{{Pack("var sources=[{file:'https://cdn.vidhost.example/hls/moving-12/master.m3u8',label:'1080p'}];jwplayer('p').setup({sources:sources});")}}</script>
        <script>var backup = atob('aHR0cHM6Ly9iYWNrdXAudmlkaG9zdC5leGFtcGxlL21vdmluZy0xMi5tcGQ=');</script>
        <script>var mirror = "\x68\x74\x74\x70\x73\x3a\x2f\x2f\x6d\x69\x72\x72\x6f\x72\x2e\x65\x78\x61\x6d\x70\x6c\x65\x2f\x6d\x31\x32\x2e\x6d\x70\x34";</script>
        <ul class="episodes">
          <li><a href="/moving/episode-11">Moving Episode 11</a></li>
          <li><a href="/moving/episode-12">Moving Episode 12</a></li>
          <li><a href="/moving/episode-13">Moving Episode 13</a></li>
        </ul>
        <script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-9876543210987654"></script>
        </body></html>
        """;

    public const string DownloadBlog = """
        <html><head><title>[Drama] The Glory (더 글로리) Season 1 Complete 1080p - KDL Blog</title>
        <script>(function(w,d,s,l,i){w[l]=w[l]||[];})(window,document,'script','dataLayer','GTM-AB12CD3');</script></head>
        <body><article class="post"><h1 class="entry-title">The Glory (더 글로리) Season 1 Complete 1080p NF WEB-DL</h1>
        <p>Episodes 1-8, English subtitles. Size: 12.4 GB</p>
        <p><strong>Download links:</strong></p>
        <p><a href="https://mega.nz/folder/AbCdEf#key">MEGA</a> | <a href="https://rapidgator.net/file/1a2b3c/The.Glory.S01.1080p.part1.rar.html">Rapidgator part 1</a>
         | <a href="https://ouo.io/Xy12Ab">Mirror (1fichier)</a> | <a href="https://pixeldrain.com/u/ZZ99">Pixeldrain</a></p>
        <p>Join us: <a href="https://t.me/kdlblog">Telegram</a> · <a href="https://discord.gg/kdl123">Discord</a> · <a href="https://twitter.com/kdlblog">X</a></p>
        </article>
        <aside class="related"><h3>Related</h3><ul><li><a href="/the-glory-s2">The Glory Season 2 Complete</a></li><li><a href="/moving">Moving Complete Series</a></li><li><a href="/vincenzo">Vincenzo Complete Series</a></li></ul></aside>
        </body></html>
        """;

    public const string WebtoonReader = """
        <html lang="ko"><head><meta charset="utf-8"><title>나 혼자만 레벨업 - 웹툰 보기</title>
        <link rel="shortcut icon" href="/static/fav.png"></head><body>
        <h1>나 혼자만 레벨업</h1>
        <div class="chapter-list">
          <div class="chapter-item"><a href="/comic/solo/180"><img src="/thumb/180.jpg" alt="나 혼자만 레벨업 180화"><span class="subject">나 혼자만 레벨업 180화</span></a><span class="date">2024.03.01</span><span class="view">조회 12,345</span></div>
          <div class="chapter-item"><a href="/comic/solo/179"><img src="/thumb/179.jpg" alt="나 혼자만 레벨업 179화"><span class="subject">나 혼자만 레벨업 179화</span></a><span class="date">2024.02.23</span><span class="view">조회 11,002</span></div>
          <div class="chapter-item"><a href="/comic/solo/178"><img src="/thumb/178.jpg" alt="나 혼자만 레벨업 178화"><span class="subject">나 혼자만 레벨업 178화</span></a><span class="date">2024.02.16</span><span class="view">조회 10,871</span></div>
        </div>
        <div class="footer">문의: <a href="mailto:admin@toonpirate.example">admin@toonpirate.example</a></div>
        </body></html>
        """;

    public const string MusicBlog = """
        <html lang="fr"><head><meta charset="utf-8"><title>Musique K-pop – Téléchargement gratuit</title></head><body>
        <div id="content">
          <div class="post"><h2 class="post-title"><a href="/2024/05/newjeans-how-sweet">NewJeans – How Sweet (Single) [FLAC]</a></h2>
            <div class="meta">2024-05-24 · 15 234 vues</div><a href="https://www.mediafire.com/file/abc/NewJeans_How_Sweet.zip/file">Télécharger (MediaFire)</a></div>
          <div class="post"><h2 class="post-title"><a href="/2024/04/ive-switch">IVE – IVE SWITCH (EP) [MP3 320]</a></h2>
            <div class="meta">2024-04-29 · 9 876 vues</div><a href="https://www.mediafire.com/file/def/IVE_SWITCH.zip/file">Télécharger (MediaFire)</a></div>
          <div class="post"><h2 class="post-title"><a href="/2024/04/aespa-drama">aespa – Drama (5th Mini Album) [FLAC]</a></h2>
            <div class="meta">2024-04-12 · 21 002 vues</div><a href="https://krakenfiles.com/view/xyz/file.html">Télécharger (Krakenfiles)</a></div>
        </div>
        <script>var sc_project=12345678; var sc_invisible=1;</script>
        </body></html>
        """;

    public const string IptvReseller = """
        <html><head><title>BestKIPTV – 20,000 channels, Korean dramas live</title>
        <script>!function(f,b,e,v,n,t,s){}(window, document,'script','https://connect.facebook.net/en_US/fbevents.js');fbq('init', '123456789012345');</script>
        </head><body>
        <h1>Premium IPTV subscription</h1>
        <div class="plans">
          <div class="plan"><h3>1 Month</h3><p>€12.99</p><a href="/checkout?plan=1m">Buy 1 month</a></div>
          <div class="plan"><h3>6 Months</h3><p>€49.99</p><a href="/checkout?plan=6m">Buy 6 months</a></div>
          <div class="plan"><h3>12 Months</h3><p>€79.99</p><a href="/checkout?plan=12m">Buy 12 months</a></div>
        </div>
        <section class="payment"><h2>Pay with crypto</h2>
          <p>BTC: <code>bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4</code></p>
          <p>BTC (legacy): 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy</p>
          <p>ETH / USDT-ERC20: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed</p>
          <p>USDT-TRC20: TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t</p>
          <p>XMR: 44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A</p>
          <p>Old address (do not use): 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb</p>
        </section>
        <p>Support: <a href="https://wa.me/821012345678">WhatsApp</a>, <a href="https://t.me/bestkiptv_support">Telegram</a>,
          e-mail <a href="/cdn-cgi/l/email-protection" class="__cf_email__" data-cfemail="3f4c4a4f4f504d4b7f5d5a4c4b54564f4b49115a47">[email&#160;protected]</a></p>
        <p>Ad slot: <script>(yaads = window.yaads || []).push({id: "R-A-2345678-3", renderTo: "ya"});</script></p>
        </body></html>
        """;
}
