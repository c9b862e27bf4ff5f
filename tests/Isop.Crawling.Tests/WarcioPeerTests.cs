using Isop.Crawling.Crawl;
using Isop.Crawling.Fetching;
using Isop.Peers;
using Isop.Range;

namespace Isop.Crawling.Tests;

/// <summary>The WARC files Isop writes, read by Webrecorder's warcio (the reference reader of the field).</summary>
public sealed class WarcioPeerTests(ITestOutputHelper output)
{
    [Fact(Timeout = 600_000)]
    public async Task Every_WARC_file_of_a_range_crawl_passes_warcio_check()
    {
        var tool = WarcioCheck.Tool();
        var world = RangeWorld.Create(1, 1);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: TestContext.Current.CancellationToken);
        // One site of every archetype: HTML, feeds, .torrent files, images, redirects, robots.txt, gone pages.
        var seeds = Enum.GetValues<Archetype>().Select(a => range.Home(world.Sites.First(s => s.Archetype == a))).ToList();
        var folder = Directory.CreateTempSubdirectory("isop-warcio-").FullName;
        try
        {
            using var fetcher = new SafeFetcher(new FetchOptions { Resolve = ResolveMap.Parse(range.ResolveEntries), PerHostDelay = TimeSpan.Zero, PerHostConcurrency = 4 });
            CrawlSummary summary;
            using (var evidence = new EvidenceStore(folder, new Dictionary<string, string> { ["operator"] = "warcio peer test" }, maxFileBytes: 64 * 1024))
                summary = await new Crawler(fetcher, evidence, new CrawlOptions { Seeds = seeds, MaxPages = 120, MaxDepth = 2, SameSite = true }, new Discard())
                    .RunAsync(TestContext.Current.CancellationToken);
            Assert.True(summary.Pages >= seeds.Count, $"{summary.Pages} pages");
            Assert.True(summary.Files.Count >= 2, "small files, so that more than one warcinfo record is written");
            var files = summary.Files.Select(f => Path.Combine(folder, f.Name)).ToList();
            var (code, report) = WarcioCheck.Run(files);
            output.WriteLine($"{tool}: {summary.Pages} pages in {files.Count} files, exit {code}");
            output.WriteLine(report);
            WarcioCheck.AssertPasses(files);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_shared_warcio_test_files_read_as_warcio_itself_reads_them()
    {
        // warcio's own fixtures: the good ones pass both readers; the one with a wrong payload digest fails both.
        foreach (var name in new[] { "example.warc", "example.warc.gz", "example-iana.org-chunked.warc", "example-resource.warc.gz", "post-test.warc.gz" })
        {
            using var file = File.OpenRead(SharedData.Path("warc", name));
            Assert.True(Warc.WarcVerifier.Verify(file).Valid, name);
            Assert.Equal(0, WarcioCheck.Run([SharedData.Path("warc", name)]).Code);
        }
        var bad = SharedData.Path("warc", "example-digest.warc");
        using (var file = File.OpenRead(bad)) Assert.False(Warc.WarcVerifier.Verify(file).Valid);
        Assert.NotEqual(0, WarcioCheck.Run([bad]).Code);
    }

    private sealed class Discard : ICrawlSink
    {
        public ValueTask PageAsync(CrawledPage page, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
