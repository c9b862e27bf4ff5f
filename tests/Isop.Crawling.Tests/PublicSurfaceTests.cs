namespace Isop.Crawling.Tests;

/// <summary>The crawling library is internal first: what it exports is this reviewed list, and grows only on purpose.</summary>
public sealed class PublicSurfaceTests
{
    private static readonly string[] Exported =
    [
        "Isop.Crawling.Base32",
        "Isop.Crawling.Crawl.CrawlJson",
        "Isop.Crawling.Crawl.CrawlOptions",
        "Isop.Crawling.Crawl.CrawlSummary",
        "Isop.Crawling.Crawl.CrawledPage",
        "Isop.Crawling.Crawl.Crawler",
        "Isop.Crawling.Crawl.EvidenceFile",
        "Isop.Crawling.Crawl.EvidenceLocation",
        "Isop.Crawling.Crawl.EvidenceStore",
        "Isop.Crawling.Crawl.ICrawlSink",
        "Isop.Crawling.Domains.DomainParts",
        "Isop.Crawling.Domains.PublicSuffixes",
        "Isop.Crawling.Domains.SuffixSection",
        "Isop.Crawling.Extraction.ExtractionProfile",
        "Isop.Crawling.Extraction.Keccak",
        "Isop.Crawling.Extraction.Listing",
        "Isop.Crawling.Extraction.MoveNotice",
        "Isop.Crawling.Extraction.Outlink",
        "Isop.Crawling.Extraction.PostedDates",
        "Isop.Crawling.Extraction.ProfileException",
        "Isop.Crawling.Extraction.Signal",
        "Isop.Crawling.Extraction.Signals",
        "Isop.Crawling.Fetching.AddressPolicy",
        "Isop.Crawling.Fetching.CertificateInfo",
        "Isop.Crawling.Fetching.FetchHop",
        "Isop.Crawling.Fetching.FetchOptions",
        "Isop.Crawling.Fetching.FetchOutcome",
        "Isop.Crawling.Fetching.FetchResult",
        "Isop.Crawling.Fetching.HostGate",
        "Isop.Crawling.Fetching.ResolveMap",
        "Isop.Crawling.Fetching.Robots",
        "Isop.Crawling.Fetching.RobotsPolicy",
        "Isop.Crawling.Fetching.SafeFetcher",
        "Isop.Crawling.Torrents.Magnet",
        "Isop.Crawling.Torrents.TorrentEntry",
        "Isop.Crawling.Torrents.TorrentFile",
        "Isop.Crawling.Urls",
        "Isop.Crawling.Warc.CapturedResponse",
        "Isop.Crawling.Warc.WarcCopy",
        "Isop.Crawling.Warc.WarcFormatException",
        "Isop.Crawling.Warc.WarcProblem",
        "Isop.Crawling.Warc.WarcReader",
        "Isop.Crawling.Warc.WarcRecord",
        "Isop.Crawling.Warc.WarcVerification",
        "Isop.Crawling.Warc.WarcVerifier",
    ];

    [Fact]
    public void The_library_exports_only_the_reviewed_types()
    {
        var exported = typeof(Fetching.SafeFetcher).Assembly.GetExportedTypes().Where(t => !t.IsNested).Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();
        Assert.True(exported.SequenceEqual(Exported), "exported: " + string.Join(", ", exported.Select(e => $"\"{e}\"")));
    }
}
