using System.Text;
using BenchmarkDotNet.Attributes;
using Isop.Crawling.Extraction;

namespace Isop.Benchmarks;

/// <summary>
/// Extraction alone (decode, parse, listings, hidden links, signals) on generated pages of two archetypes. MB/s is
/// the page size divided by the mean time; the sizes are printed by <see cref="Setup"/>.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private static readonly Uri Url = new("https://pirate.example/latest");
    private byte[] torrentIndex = [];
    private byte[] streamingPage = [];

    [GlobalSetup]
    public void Setup()
    {
        torrentIndex = Encoding.UTF8.GetBytes(TorrentIndex(200));
        streamingPage = Encoding.UTF8.GetBytes(StreamingPage());
        Console.WriteLine($"// torrent index: {torrentIndex.Length} bytes; streaming page: {streamingPage.Length} bytes");
    }

    [Benchmark]
    public int TorrentIndexPage() => PageExtractor.Extract(Url, "text/html; charset=utf-8", torrentIndex).Listings.Count;

    [Benchmark]
    public int StreamingPageWithPackedPlayer() => PageExtractor.Extract(Url, "text/html; charset=utf-8", streamingPage).Listings.Count;

    public static string TorrentIndex(int rows, int seed = 1)
    {
        var random = new Random(seed);
        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=utf-8><title>Latest torrents</title>");
        html.Append("<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-BENCH12345\"></script>");
        html.Append("<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('config','G-BENCH12345');</script></head><body>");
        html.Append("<header><nav class=menu><a href=/>Home</a><a href=/tv>TV</a><a href=/movies>Movies</a><a href=/music>Music</a></nav></header>");
        html.Append("<table class=torrents><thead><tr><th>Name</th><th>Size</th><th>SE</th><th>LE</th><th>Date</th></tr></thead><tbody>");
        string[] titles = ["Moving", "The.Glory", "Queen.of.Tears", "Vincenzo", "Crash.Landing.on.You", "Squid.Game", "Mr.Sunshine", "Itaewon.Class"];
        for (var i = 0; i < rows; i++)
        {
            var title = $"{titles[random.Next(titles.Length)]}.S01E{random.Next(1, 17):D2}.1080p.NF.WEB-DL.DDP2.0.x264-EVO";
            var hash = Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())) + "abcd1234";
            html.Append("<tr class=").Append(i % 2 == 0 ? "odd" : "even").Append("><td><a class=title href=\"/torrent/").Append(1000 + i).Append('/').Append(title.ToLowerInvariant()).Append("\">")
                .Append(title).Append("</a> <a href=\"magnet:?xt=urn:btih:").Append(hash).Append("&amp;dn=").Append(title).Append("&amp;tr=udp%3A%2F%2Ftracker.example%3A1337\">magnet</a>")
                .Append("<span class=comments>").Append(random.Next(0, 40)).Append(" comments</span></td><td>").Append(random.Next(300, 4000)).Append(" MB</td><td>")
                .Append(random.Next(0, 5000)).Append("</td><td>").Append(random.Next(0, 500)).Append("</td><td>2024-0").Append(random.Next(1, 10)).Append("-1").Append(random.Next(0, 10)).Append("</td></tr>\n");
        }
        html.Append("</tbody></table><div class=pagination>");
        for (var p = 1; p <= 10; p++) html.Append("<a href=\"?page=").Append(p).Append("\">").Append(p).Append("</a> ");
        html.Append("</div><footer><a href=/dmca>DMCA</a> contact: abuse@pirate.example</footer></body></html>");
        return html.ToString();
    }

    private static string StreamingPage()
    {
        var html = new StringBuilder("<html><head><title>Watch Moving Episode 12</title><script>ym(93456789, \"init\", {clickmap:true});</script></head><body><h1>Moving Episode 12</h1>");
        html.Append("<div class=player><iframe src=\"//embed.vidhost.example/e/abc123\"></iframe></div>");
        // A packed player as such sites ship it (the packer's dictionary and payload).
        html.Append("<script>eval(function(p,a,c,k,e,d){e=function(c){return c.toString(36)};if(!''.replace(/^/,String)){while(c--){d[c.toString(a)]=k[c]||c.toString(a)}k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--){if(k[c]){p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c])}}return p}('0 1=[{2:\\'3://4.5.6/7/8-9/a.b\\',c:\\'d\\'}];e(\\'f\\').g({1:1});',36,17,'var|sources|file|https|cdn|vidhost|example|hls|moving|12|master|m3u8|label|1080p|jwplayer|p|setup'.split('|'),0,{}))</script>");
        html.Append("<ul class=episodes>");
        for (var i = 1; i <= 16; i++) html.Append("<li><a href=\"/moving/episode-").Append(i).Append("\">Moving Episode ").Append(i).Append("</a></li>");
        html.Append("</ul>");
        for (var i = 0; i < 40; i++) html.Append("<div class=comment><p>Thanks for the upload! Episode ").Append(i).Append(" was great, when is the next one coming?</p></div>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
