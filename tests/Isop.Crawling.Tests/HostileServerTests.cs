using System.Text;
using Isop.Crawling.Crawl;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;
using Isop.Crawling.Warc;

namespace Isop.Crawling.Tests;

/// <summary>
/// The fetcher against a server that misbehaves on purpose. Each behaviour must end (the test timeout is only a
/// hang guard), keep no more than the limits allow, and record what happened.
/// </summary>
public sealed class HostileServerTests(HostileServer server, ITestOutputHelper output) : IClassFixture<HostileServer>
{
    private const int Guard = 60_000;

    private async Task<FetchResult> Fetch(string path, FetchOptions? options = null, string host = "hostile.test")
    {
        using var fetcher = new SafeFetcher(options ?? server.Options());
        var result = await fetcher.FetchAsync(server.Url(path, host), TestContext.Current.CancellationToken);
        foreach (var hop in result.Hops)
            output.WriteLine($"{hop.Url} → {hop.Status} {hop.Outcome} {hop.Problem} body={hop.Body.Length} raw={hop.RawBody.Length} {hop.Elapsed.TotalMilliseconds:0} ms");
        output.WriteLine($"result: {result.Outcome} {result.Problem}");
        return result;
    }

    [Fact(Timeout = Guard)]
    public async Task A_plain_page_is_fetched_through_the_resolve_map()
    {
        var result = await Fetch("/ok");
        Assert.Equal(FetchOutcome.Complete, result.Outcome);
        Assert.Equal("127.0.0.1", result.Final!.Address!.ToString());
        Assert.Contains("fine", Encoding.UTF8.GetString(result.Final.Body), StringComparison.Ordinal);
    }

    [Fact(Timeout = Guard)]
    public async Task The_literal_loopback_address_is_refused_without_a_resolve_entry()
    {
        using var fetcher = new SafeFetcher(server.Options());
        var result = await fetcher.FetchAsync(new Uri($"http://127.0.0.1:{server.Port}/ok"), TestContext.Current.CancellationToken);
        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Contains("loopback", result.Problem, StringComparison.Ordinal);
        Assert.Empty(result.Hops);
    }

    [Fact(Timeout = Guard)]
    public async Task Requests_to_one_host_keep_their_distance_and_waiting_is_not_counted_against_the_time_limit()
    {
        using var fetcher = new SafeFetcher(server.Options() with { PerHostDelay = TimeSpan.FromSeconds(2), MaxFetchTime = TimeSpan.FromSeconds(1), PerHostConcurrency = 1 });
        var ct = TestContext.Current.CancellationToken;
        var results = await Task.WhenAll(fetcher.FetchAsync(server.Url("/ok"), ct), fetcher.FetchAsync(server.Url("/ok?again"), ct));
        Assert.All(results, r => Assert.Equal(FetchOutcome.Complete, r.Outcome));
        var starts = results.Select(r => r.Hops[0].Started).Order().ToList();
        Assert.True(starts[1] - starts[0] >= TimeSpan.FromSeconds(1.9), $"second request {starts[1] - starts[0]} after the first");
    }

    [Fact(Timeout = Guard)]
    public async Task A_redirect_loop_ends_with_the_loop_named()
    {
        var result = await Fetch("/loop/a");
        Assert.Equal(FetchOutcome.RedirectLimit, result.Outcome);
        Assert.Contains("loop", result.Problem, StringComparison.Ordinal);
        Assert.Equal(2, result.Hops.Count);
    }

    [Fact(Timeout = Guard)]
    public async Task An_endless_redirect_chain_stops_after_ten_redirects()
    {
        var result = await Fetch("/chain/0");
        Assert.Equal(FetchOutcome.RedirectLimit, result.Outcome);
        Assert.Equal(11, result.Hops.Count);
        Assert.Contains("more than 10 redirects", result.Problem, StringComparison.Ordinal);
    }

    [Theory(Timeout = Guard)]
    [InlineData("/to-literal-loopback", "loopback (127.0.0.0/8)")]
    [InlineData("/to-mapped-v6", "IPv4-mapped")]
    [InlineData("/to-localhost", "loopback")]
    [InlineData("/to-smtp-port", "port 25")]
    [InlineData("/to-file", "file: scheme")]
    [InlineData("/to-data", "data: scheme")]
    public async Task A_redirect_to_a_forbidden_place_is_refused_after_the_first_hop(string path, string reason)
    {
        var result = await Fetch(path);
        Assert.Equal(FetchOutcome.Refused, result.Outcome);
        Assert.Contains(reason, result.Problem, StringComparison.Ordinal);
        Assert.Equal(302, result.Hops[0].Status);
        Assert.DoesNotContain(result.Hops.Skip(1), h => h.Status is not null);
    }

    [Theory(Timeout = Guard)]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("zstd")]
    [InlineData("nested")]
    public async Task Compression_bombs_are_cut_without_inflating(string kind)
    {
        var options = server.Options();
        var result = await Fetch("/bomb/" + kind, options);
        var hop = result.Final!;
        Assert.Equal(FetchOutcome.Truncated, result.Outcome);
        Assert.True(hop.Body.Length <= options.MaxBodyBytes, $"{hop.Body.Length} decoded bytes kept");
        Assert.True(hop.RawBody.Length < HostileServer.BombBytes / 100, "the compressed body is small and kept whole for the evidence");
        Assert.Null(hop.WarcTruncated); // what was received is complete; only decoding stopped
        Assert.Contains("bomb", hop.Truncation, StringComparison.Ordinal);
    }

    [Fact(Timeout = Guard)]
    public async Task An_endless_body_is_cut_at_the_size_limit_and_kept()
    {
        var options = server.Options() with { MaxBodyBytes = 1024 * 1024 };
        var result = await Fetch("/endless", options);
        Assert.Equal(FetchOutcome.Truncated, result.Outcome);
        Assert.Equal(options.MaxBodyBytes, result.Final!.RawBody.Length);
        Assert.Equal("length", result.Final.WarcTruncated);
    }

    [Fact(Timeout = Guard)]
    public async Task A_one_byte_per_second_drip_is_cut_by_the_minimum_rate()
    {
        var result = await Fetch("/drip");
        Assert.Equal(FetchOutcome.Truncated, result.Outcome);
        Assert.Equal("time", result.Final!.WarcTruncated);
        Assert.Contains("bytes/s", result.Final.Truncation, StringComparison.Ordinal);
        Assert.InRange(result.Final.RawBody.Length, 1, 10);
    }

    [Fact(Timeout = Guard)]
    public async Task A_server_that_never_answers_times_out()
    {
        var result = await Fetch("/silent");
        Assert.Equal(FetchOutcome.Timeout, result.Outcome);
        Assert.Null(result.Final);
    }

    [Fact(Timeout = Guard)]
    public async Task Huge_headers_are_refused()
    {
        var result = await Fetch("/huge-headers");
        Assert.Equal(FetchOutcome.HeadersTooLarge, result.Outcome);
        Assert.Contains("32 KiB", result.Problem, StringComparison.Ordinal);
    }

    [Fact(Timeout = Guard)]
    public async Task A_set_cookie_flood_fills_at_most_the_jar_limit()
    {
        var options = server.Options() with { MaxResponseHeadersKiB = 256 };
        using var fetcher = new SafeFetcher(options);
        var flood = await fetcher.FetchAsync(server.Url("/cookie-flood"), TestContext.Current.CancellationToken);
        Assert.Equal(FetchOutcome.Complete, flood.Outcome);
        var echo = await fetcher.FetchAsync(server.Url("/echo"), TestContext.Current.CancellationToken);
        var text = Encoding.UTF8.GetString(echo.Final!.Body);
        var cookies = text.Split("authorization=")[0].Count(c => c == '=') - 1;
        output.WriteLine($"{cookies} cookies sent back");
        Assert.InRange(cookies, 1, options.MaxCookiesPerSite);
    }

    [Fact(Timeout = Guard)]
    public async Task Cookies_and_credentials_never_cross_to_another_site()
    {
        using var fetcher = new SafeFetcher(server.Options());
        var ct = TestContext.Current.CancellationToken;
        await fetcher.FetchAsync(server.Url("/set-cookie"), ct);
        var same = await fetcher.FetchAsync(server.Url("/echo"), ct);
        Assert.Contains("session=secret", Encoding.UTF8.GetString(same.Final!.Body), StringComparison.Ordinal);

        var withCredentials = new Uri($"http://agent:s3cret@hostile.test:{server.Port}/to-other-site");
        var crossed = await fetcher.FetchAsync(withCredentials, ct);
        Assert.Equal("other.test", crossed.Final!.Url.Host);
        var echoed = Encoding.UTF8.GetString(crossed.Final.Body);
        Assert.DoesNotContain("session=secret", echoed, StringComparison.Ordinal);
        Assert.Contains("authorization= ", echoed + " ", StringComparison.Ordinal);

        var direct = await fetcher.FetchAsync(new Uri($"http://agent:s3cret@hostile.test:{server.Port}/echo"), ct);
        Assert.Contains("authorization=Basic", Encoding.UTF8.GetString(direct.Final!.Body), StringComparison.Ordinal);
        Assert.Contains("[withheld]", Encoding.ASCII.GetString(direct.Final.RequestHead), StringComparison.Ordinal);
    }

    [Fact(Timeout = Guard)]
    public async Task Tenants_of_a_shared_host_do_not_share_cookies_and_a_cookie_for_the_public_suffix_is_refused()
    {
        var options = server.Options() with { Resolve = ResolveMap.Parse([$"alice.github.io:{server.Port}:127.0.0.1", $"bob.github.io:{server.Port}:127.0.0.1"]) };
        using var fetcher = new SafeFetcher(options);
        var ct = TestContext.Current.CancellationToken;
        await fetcher.FetchAsync(server.Url("/set-cookie", "alice.github.io"), ct);
        await fetcher.FetchAsync(server.Url("/set-suffix-cookie", "alice.github.io"), ct);
        var alice = Encoding.UTF8.GetString((await fetcher.FetchAsync(server.Url("/echo", "alice.github.io"), ct)).Final!.Body);
        var bob = Encoding.UTF8.GetString((await fetcher.FetchAsync(server.Url("/echo", "bob.github.io"), ct)).Final!.Body);
        Assert.Contains("session=secret", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("everyone=1", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("session=secret", bob, StringComparison.Ordinal);
        Assert.DoesNotContain("everyone=1", bob, StringComparison.Ordinal);
        Assert.DoesNotContain("quoted=1", alice, StringComparison.Ordinal);
        Assert.DoesNotContain("quoted=1", bob, StringComparison.Ordinal);
    }

    [Fact(Timeout = Guard)]
    public async Task A_wrong_content_length_is_recorded_as_a_disconnect_with_the_bytes_kept()
    {
        var result = await Fetch("/lying-length");
        Assert.Equal(FetchOutcome.Truncated, result.Outcome);
        Assert.Equal("disconnect", result.Final!.WarcTruncated);
        Assert.Equal(100, result.Final.RawBody.Length);
    }

    [Fact(Timeout = Guard)]
    public async Task A_connection_reset_mid_body_keeps_what_arrived()
    {
        var result = await Fetch("/reset");
        Assert.Equal(FetchOutcome.Truncated, result.Outcome);
        Assert.Equal("disconnect", result.Final!.WarcTruncated);
        Assert.True(result.Final.RawBody.Length >= 5000);
    }

    [Fact(Timeout = Guard)]
    public async Task A_self_signed_certificate_is_rejected_and_recorded()
    {
        using var fetcher = new SafeFetcher(server.Options());
        var result = await fetcher.FetchAsync(new Uri($"https://hostile.test:{server.TlsPort}/ok"), TestContext.Current.CancellationToken);
        output.WriteLine($"{result.Outcome}: {result.Problem} cert={result.Hops.FirstOrDefault()?.Certificate?.Subject}");
        Assert.Equal(FetchOutcome.TlsRejected, result.Outcome);
        Assert.Contains("RemoteCertificateChainErrors", result.Problem, StringComparison.Ordinal);
        var certificate = result.Hops[0].Certificate!;
        Assert.Equal(Convert.ToHexStringLower(server.Certificate.GetCertHash(System.Security.Cryptography.HashAlgorithmName.SHA256)), certificate.Sha256);
    }

    [Fact(Timeout = Guard)]
    public async Task A_self_signed_site_can_be_fetched_on_purpose_with_its_certificate_as_evidence()
    {
        using var fetcher = new SafeFetcher(server.Options() with { AcceptInvalidCertificates = true });
        var result = await fetcher.FetchAsync(new Uri($"https://hostile.test:{server.TlsPort}/ok"), TestContext.Current.CancellationToken);
        Assert.Equal(FetchOutcome.Complete, result.Outcome);
        Assert.Equal(["hostile.test"], result.Final!.Certificate!.Names);
        Assert.Contains("RemoteCertificateChainErrors", result.Final.Certificate.Errors, StringComparison.Ordinal);
    }

    [Fact(Timeout = Guard)]
    public async Task Fifty_thousand_links_are_capped()
    {
        var result = await Fetch("/many-links");
        var page = PageExtractor.Extract(result.Final!.Url, result.Final.ContentType, result.Final.Body);
        Assert.Equal(HtmlExtractor.MaxLinks, page.Links.Count);
        Assert.Equal(HtmlExtractor.MaxListings, page.Listings.Count);
    }

    [Fact(Timeout = Guard)]
    public async Task Deeply_nested_html_is_flattened_and_still_read()
    {
        var result = await Fetch("/deep");
        var page = PageExtractor.Extract(result.Final!.Url, result.Final.ContentType, result.Final.Body);
        Assert.Contains(page.Links, l => l.AbsolutePath == "/bottom");
    }

    [Fact(Timeout = Guard)]
    public async Task Invalid_bytes_and_an_unknown_charset_do_not_stop_extraction()
    {
        var result = await Fetch("/bad-encoding");
        var page = PageExtractor.Extract(result.Final!.Url, result.Final.ContentType, result.Final.Body);
        Assert.StartsWith("Broken", page.Title, StringComparison.Ordinal);
        Assert.Contains(page.Links, l => l.AbsolutePath == "/ok");
    }

    [Fact(Timeout = Guard)]
    public async Task A_packed_script_that_would_loop_forever_is_decoded_without_running()
    {
        var result = await Fetch("/packed-loop");
        var page = PageExtractor.Extract(result.Final!.Url, result.Final.ContentType, result.Final.Body);
        Assert.Contains(page.Listings, l => l.Kind == "stream" && l.Href == "https://cdn.stream.test/hls/moving-e07/index.m3u8");
        // Packed eight times over: decoding stops at the depth limit instead of chasing it.
        Assert.DoesNotContain(page.Listings, l => l.Href == "https://deep.stream.test/hls/never.m3u8");
    }

    [Fact(Timeout = Guard)]
    public async Task A_calendar_trap_is_bounded_by_the_pattern_limit_and_robots_txt_is_obeyed()
    {
        var (summary, pages, _) = await Crawl(server.Options(),
            new CrawlOptions { Seeds = [server.Url("/calendar"), server.Url("/private")], MaxPages = 500, MaxDepth = 1000, MaxPerPattern = 20, FetchFavicons = false });
        var calendar = pages.Where(p => p.Url.Contains("/calendar", StringComparison.Ordinal)).ToList();
        Assert.InRange(calendar.Count, 2, 21);
        var refused = Assert.Single(pages, p => p.Url.EndsWith("/private", StringComparison.Ordinal));
        Assert.Equal("Refused", refused.Outcome);
        Assert.Equal("disallowed by robots.txt", refused.Problem);
        Assert.False(summary.Interrupted);
    }

    [Fact(Timeout = Guard)]
    public async Task Truncated_bodies_are_written_to_the_evidence_with_warc_truncated_and_verify()
    {
        var (_, pages, records) = await Crawl(server.Options() with { MaxBodyBytes = 256 * 1024 },
            new CrawlOptions { Seeds = [server.Url("/endless"), server.Url("/lying-length"), server.Url("/bomb/gzip")], MaxDepth = 0, FetchFavicons = false, Robots = RobotsPolicy.Ignore });
        Assert.All(pages, p => Assert.True(p.Truncated));
        var truncatedHeaders = records.Where(r => r.Type == "response").Select(r => r["WARC-Truncated"]).ToList();
        Assert.Contains("length", truncatedHeaders);
        Assert.Contains("disconnect", truncatedHeaders);
        Assert.Contains(null, truncatedHeaders); // the bomb arrived whole; only its decoding was cut
        // Not obeyed in this run, robots.txt is still fetched and kept.
        Assert.Contains(records, r => r.Type == "response" && r["WARC-Target-URI"]!.EndsWith("/robots.txt", StringComparison.Ordinal));
    }

    [Fact(Timeout = Guard)]
    public async Task An_interrupted_crawl_closes_its_evidence_cleanly()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var (summary, pages, _) = await Crawl(server.Options() with { MaxFetchTime = TimeSpan.FromMinutes(5), MinBytesPerSecond = 0 },
            new CrawlOptions { Seeds = [server.Url("/ok"), server.Url("/drip")], Robots = RobotsPolicy.Ignore, FetchFavicons = false, Workers = 1 },
            crawler => crawler.PageDone += _ => stop.CancelAfter(500), stop.Token);
        Assert.True(summary.Interrupted);
        Assert.Equal("/ok", new Uri(Assert.Single(pages).Url).AbsolutePath);
        Assert.Single(summary.Files);
    }

    private readonly string evidenceFolder = Path.Combine(Path.GetTempPath(), "isop-crawl-" + Guid.NewGuid().ToString("N"), "evidence");

    /// <summary>A crawl into a fresh evidence folder; every WARC file it writes must verify.</summary>
    private async Task<(CrawlSummary Summary, List<CrawledPage> Pages, List<WarcRecord> Records)> Crawl(FetchOptions fetch, CrawlOptions options, Action<Crawler>? setup = null, CancellationToken? cancellation = null)
    {
        using var fetcher = new SafeFetcher(fetch);
        var sink = new ListSink();
        CrawlSummary summary;
        List<WarcRecord> records;
        try
        {
            using (var evidence = new EvidenceStore(evidenceFolder, new Dictionary<string, string> { ["operator"] = "test" }))
            {
                var crawler = new Crawler(fetcher, evidence, options, sink);
                setup?.Invoke(crawler);
                summary = await crawler.RunAsync(cancellation ?? TestContext.Current.CancellationToken);
            }
            foreach (var file in summary.Files)
            {
                using var stream = File.OpenRead(Path.Combine(evidenceFolder, file.Name));
                var verification = WarcVerifier.Verify(stream);
                Assert.True(verification.Valid, string.Join("; ", verification.Problems.Select(p => p.Message)));
            }
            records = [.. summary.Files.SelectMany(f =>
            {
                using var stream = File.OpenRead(Path.Combine(evidenceFolder, f.Name));
                return WarcReader.Read(stream).ToList();
            })];
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(evidenceFolder)!, recursive: true);
        }
        return (summary, sink.Pages, records);
    }

    private sealed class ListSink : ICrawlSink
    {
        private readonly Lock sync = new();
        public List<CrawledPage> Pages { get; } = [];

        public ValueTask PageAsync(CrawledPage page, CancellationToken cancellation)
        {
            lock (sync) Pages.Add(page);
            return ValueTask.CompletedTask;
        }
    }
}
