using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Isop.Crawling.Crawl;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;
using Isop.Crawling.Torrents;
using Isop.Crawling.Warc;
using Isop.Range;

namespace Isop.Crawling.Tests;

public sealed class RangeTests(ITestOutputHelper output)
{
    private static string TruthJson(RangeWorld world)
    {
        using var memory = new MemoryStream();
        RangeTruth.Write(world, memory);
        return Encoding.UTF8.GetString(memory.ToArray());
    }

    [Fact]
    public void The_same_seed_gives_the_same_range_and_another_seed_another()
    {
        Assert.Equal(TruthJson(RangeWorld.Create(7, 2)), TruthJson(RangeWorld.Create(7, 2)));
        Assert.NotEqual(TruthJson(RangeWorld.Create(7, 2)), TruthJson(RangeWorld.Create(8, 2)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Every_archetype_operations_hops_legitimate_sites_and_release_groups_are_present(int scale)
    {
        var world = RangeWorld.Create(1, scale);
        foreach (var archetype in Enum.GetValues<Archetype>()) Assert.Contains(world.Sites, s => s.Archetype == archetype);
        Assert.Equal(3, world.Sites.Count(s => s.Legitimate));
        Assert.Contains(world.Operations, o => world.Sites.Count(s => s.OperationId == o.Id) >= 2);
        foreach (var announcement in Enum.GetValues<Announcement>()) Assert.Contains(world.Sites, s => s.Domains.Count == 2 && s.Domains[0].Announce == announcement);
        // Copycats take another operation's template and none of its identifiers.
        Assert.Equal(2, world.Operations.Count(o => o.Copies is not null));
        foreach (var copycat in world.Operations.Where(o => o.Copies is not null))
        {
            var original = world.Operations.Single(o => o.Id == copycat.Copies);
            Assert.Equal(original.Template, copycat.Template);
            Assert.NotEqual(original.Ids.Analytics, copycat.Ids.Analytics);
        }
        Assert.Contains(world.Releases, r => r.Group == "EVO");
        Assert.True(world.Sites.Where(s => s.Piracy).Select(s => s.Template).Distinct().Count() >= 2);
        Assert.Equal(["en", "fr", "ko"], world.Sites.Select(s => s.Language).Distinct().Order());
        // A release appears first where the truth says it did.
        foreach (var release in world.Releases)
        {
            var first = world.Listings.Where(l => l.ReleaseId == release.Id).MinBy(l => l.Hour)!;
            Assert.Equal(release.OriginSiteId, first.SiteId);
        }
        Assert.True(world.Listings.Select(l => (l.SiteId, l.Path)).Distinct().Count() == world.Listings.Count, "listing paths are unique per site");
    }

    [Theory]
    [InlineData(11)]
    [InlineData(1)]
    [InlineData(5)]
    public void Every_engine_template_list_and_post_page_yields_its_listings_with_their_offers(int seed)
    {
        var world = RangeWorld.Create(seed, 2);
        var sites = new RangeSites(world);
        var day = RangeWorld.Days - 1;
        Assert.Equal(RangeSite.Templates, world.Sites.Where(s => s.Piracy).Select(s => s.Template).Distinct().Count());
        foreach (var site in world.Sites.Where(s => s.Piracy && s.Archetype != Archetype.IptvReseller))
        {
            var host = site.HostOn(day)!;
            var truth = world.ListingsOf(site, day).Take(RangeSites.PageSize).ToList();
            var response = sites.Render(host, "/", "", day);
            var found = PageExtractor.Extract(new Uri($"http://{host}/"), response.ContentType, response.Body).Listings;
            output.WriteLine($"{site.Id} {site.Engine} {site.Archetype}: {truth.Count} listed, {found.Count} found");
            Assert.Equal(truth.Count, found.Count(l => l.Source == "structure"));
            foreach (var listing in truth)
            {
                var offer = Assert.Single(found, l => l.Text == listing.Text && l.Href is not null && new Uri(l.Href).AbsolutePath == listing.Path);
                if (site.Archetype == Archetype.TorrentIndex && site.Engine is not ("gnuboard" or "phpbb" or "xenforo")) Assert.Equal(listing.InfoHash, offer.InfoHash);
                if (site.Engine == "wordpress" && site.Archetype == Archetype.DownloadBlog) Assert.Equal(3, offer.Downloads.Count);
            }
            if (site.Archetype is not (Archetype.DownloadBlog or Archetype.TorrentIndex or Archetype.MusicBlog)) continue;
            // The post page carries the offer: one listing with the item's title and its links.
            var item = truth[0];
            var page = sites.Render(host, item.Path, "", day);
            var post = PageExtractor.Extract(new Uri($"http://{host}{item.Path}"), page.ContentType, page.Body).Listings.Where(l => l.Text == item.Text && l.Kind != "page").ToList();
            Assert.NotEmpty(post);
            if (site.Archetype == Archetype.TorrentIndex) Assert.Contains(post, l => l.InfoHash == item.InfoHash);
            else Assert.Contains(post, l => l.Downloads.Count > 0);
        }
    }

    [Fact]
    public void Operation_wallets_carry_valid_checksums()
    {
        foreach (var operation in RangeWorld.Create(3, 5).Operations.Select(o => o.Ids))
        {
            Assert.Equal("bitcoin", Wallets.Classify(operation.Bitcoin));
            Assert.Equal("ethereum", Wallets.Classify(operation.Ethereum));
            Assert.True(Wallets.HasEip55Checksum(operation.Ethereum));
            Assert.Equal("tron", Wallets.Classify(operation.Tron));
        }
    }

    [Fact(Timeout = 120_000)]
    public async Task Crawling_a_range_platform_finds_its_listings_signals_and_torrents_and_the_evidence_verifies()
    {
        var world = RangeWorld.Create(1, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: TestContext.Current.CancellationToken);
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        var operation = world.IdentifiersOf(site);
        var folder = Path.Combine(Path.GetTempPath(), "isop-range-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var fetcher = new SafeFetcher(new FetchOptions { Resolve = ResolveMap.Parse(range.ResolveEntries), PerHostDelay = TimeSpan.Zero, PerHostConcurrency = 4 });
            var pages = new List<CrawledPage>();
            CrawlSummary summary;
            using (var evidence = new EvidenceStore(folder, new Dictionary<string, string> { ["operator"] = "range test" }))
                summary = await new Crawler(fetcher, evidence, new CrawlOptions { Seeds = [range.Home(site)], MaxPages = 400, MaxDepth = 3, SameSite = true }, new Collect(pages))
                    .RunAsync(TestContext.Current.CancellationToken);
            output.WriteLine($"{summary.Pages} pages, {summary.Listings} listings, {summary.Signals} signals");

            var truth = world.ListingsOf(site, range.Day).ToList();
            var found = pages.SelectMany(p => p.Listings).ToList();
            foreach (var listing in truth)
                Assert.Contains(found, l => l.Text == listing.Text && l.InfoHash == listing.InfoHash);
            // Each .torrent file was fetched and read: its info-hash is the magnet's.
            var torrents = found.Where(l => l.Source == "torrent").ToList();
            Assert.Equal(truth.Count, torrents.Count);
            Assert.All(torrents, t => Assert.Contains(truth, l => l.InfoHash == t.InfoHash && l.Text == t.Text));

            var signals = pages.SelectMany(p => p.Signals).Select(s => (s.Type, s.Value)).ToHashSet();
            Assert.Contains(("google-analytics", operation.Analytics), signals);
            Assert.Contains(("adsense", operation.AdSense), signals);
            Assert.Contains(("wallet-bitcoin", operation.Bitcoin), signals);
            Assert.Contains(("telegram", operation.Telegram), signals);
            Assert.Contains(("favicon-sha256", Convert.ToHexStringLower(SHA256.HashData(operation.Favicon))), signals);

            foreach (var file in summary.Files)
            {
                await using var stream = File.OpenRead(Path.Combine(folder, file.Name));
                Assert.True(WarcVerifier.Verify(stream).Valid);
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact(Timeout = 60_000)]
    public async Task A_hopped_domain_goes_dark_on_its_day_announces_its_successor_as_the_site_chose_and_the_successor_carries_the_same_signals()
    {
        var world = RangeWorld.Create(1, 1);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: TestContext.Current.CancellationToken);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        async Task<(HttpStatusCode? Status, string Html, Uri? Location)> Get(string host, int onDay)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{range.Port}/");
            request.Headers.Host = host;
            request.Headers.Add(RangeHost.DayHeader, onDay.ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
                return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), response.Headers.Location);
            }
            catch (HttpRequestException)
            {
                return (null, "", null); // the connection was dropped: a dead server
            }
        }
        foreach (var site in world.Sites.Where(s => s.Domains.Count == 2))
        {
            var (old, successor, day) = (site.Domains[0].Host, site.Domains[1].Host, site.Domains[1].FromDay);
            var (before, beforeHtml, _) = await Get(old, day - 1);
            Assert.Equal(HttpStatusCode.OK, before);
            Assert.Equal(HttpStatusCode.NotFound, (await Get(successor, day - 1)).Status); // not registered yet
            var (status, html, location) = await Get(old, day);
            switch (site.Domains[0].Announce)
            {
                case Announcement.Redirect:
                    Assert.Equal(HttpStatusCode.MovedPermanently, status);
                    Assert.Equal(successor, location!.Host);
                    break;
                case Announcement.Notice:
                    Assert.Equal(HttpStatusCode.OK, status);
                    Assert.Contains(successor.Replace(".", " . ", StringComparison.Ordinal) is var spaced && site.Language == "ko" ? spaced : successor, html, StringComparison.Ordinal);
                    break;
                case Announcement.AddressList:
                    Assert.True(status is null || html.Contains("may be for sale", StringComparison.Ordinal), $"{old}: {status}");
                    break;
                default:
                    Assert.True(status is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"{old}: {status}");
                    break;
            }
            var (after, afterHtml, _) = await Get(successor, day);
            Assert.Equal(HttpStatusCode.OK, after);
            var ids = world.IdentifiersOf(site);
            Assert.Contains(ids.Analytics, beforeHtml, StringComparison.Ordinal);
            Assert.Contains(ids.Analytics, afterHtml, StringComparison.Ordinal);
            Assert.Contains(ids.Telegram, afterHtml, StringComparison.Ordinal);
        }
        // The address list shows the current address of the sites it lists, under their names.
        var list = world.Sites.Single(s => s.Archetype == Archetype.AddressList);
        var hopped = world.Sites.First(s => s.Domains.Count == 2 && s.Domains[0].Announce == Announcement.AddressList);
        var (_, listHtml, _) = await Get(list.Domains[0].Host, hopped.Domains[1].FromDay);
        Assert.Contains($"http://{hopped.Domains[1].Host}/", listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain($"http://{hopped.Domains[0].Host}/", listHtml, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task Torznab_and_rss_feeds_of_a_range_index_carry_hashes_and_peers()
    {
        var world = RangeWorld.Create(1, 1);
        var site = world.Sites.First(s => s.Archetype == Archetype.TorrentIndex);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: TestContext.Current.CancellationToken);
        using var fetcher = new SafeFetcher(new FetchOptions { Resolve = ResolveMap.Parse(range.ResolveEntries), PerHostDelay = TimeSpan.Zero });
        var api = await fetcher.FetchAsync(new Uri(range.Home(site), "/api?t=search&q="), TestContext.Current.CancellationToken);
        var feed = PageExtractor.Extract(api.Final!.Url, api.Final.ContentType, api.Final.Body);
        Assert.Null(feed.Problem);
        var truth = world.ListingsOf(site, range.Day).ToList();
        Assert.Equal(Math.Min(100, truth.Count), feed.Listings.Count);
        Assert.All(feed.Listings, l => Assert.Contains(truth, t => t.InfoHash == l.InfoHash && t.Text == l.Text));
        Assert.All(feed.Listings, l => Assert.True(l.Counters.ContainsKey("seeders")));
        var torrent = await fetcher.FetchAsync(new Uri(range.Home(site), $"/download/{truth[0].Id}.torrent"), TestContext.Current.CancellationToken);
        Assert.Equal(truth[0].InfoHash, TorrentFile.Parse(torrent.Final!.Body).InfoHashV1);
    }

    [Fact]
    public void The_truth_file_lists_sites_operations_hops_releases_and_listings()
    {
        var world = RangeWorld.Create(2, 1);
        using var json = JsonDocument.Parse(TruthJson(world));
        var root = json.RootElement;
        Assert.Equal(world.Sites.Count, root.GetProperty("sites").GetArrayLength());
        Assert.Equal(world.Listings.Count, root.GetProperty("listings").GetArrayLength());
        Assert.True(root.GetProperty("domainHops").GetArrayLength() > 0);
        var evo = root.GetProperty("releaseGroups").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "EVO");
        Assert.True(evo.GetProperty("releases").GetArrayLength() > 0);
        Assert.All(root.GetProperty("operations").EnumerateArray(), o => Assert.StartsWith("G-", o.GetProperty("signals").GetProperty("googleAnalytics").GetString(), StringComparison.Ordinal));
    }

    private sealed class Collect(List<CrawledPage> pages) : ICrawlSink
    {
        private readonly Lock sync = new();

        public ValueTask PageAsync(CrawledPage page, CancellationToken cancellation)
        {
            lock (sync) pages.Add(page);
            return ValueTask.CompletedTask;
        }
    }
}
