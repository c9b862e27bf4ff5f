using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;

namespace Isop.Crawling.Crawl;

public sealed record CrawlOptions
{
    public required IReadOnlyList<Uri> Seeds { get; init; }
    public int MaxPages { get; init; } = 100;
    public int MaxDepth { get; init; } = 2;
    /// <summary>Follow links only within the sites of the seeds.</summary>
    public bool SameSite { get; init; }
    public RobotsPolicy Robots { get; init; } = RobotsPolicy.Respect;
    public ExtractionProfile? Profile { get; init; }
    /// <summary>At most this many URLs that differ only in numbers and query values (calendars, endless pagers).</summary>
    public int MaxPerPattern { get; init; } = 1_000;
    public int Workers { get; init; } = 8;
    public bool FetchFavicons { get; init; } = true;
}

/// <summary>One fetched URL, as pages.jsonl lists it, with what was extracted from it.</summary>
public sealed record CrawledPage
{
    public required string Url { get; init; }
    public string? FinalUrl { get; init; }
    public int? Status { get; init; }
    public long Bytes { get; init; }
    public long ReceivedBytes { get; init; }
    public bool Truncated { get; init; }
    public string? Truncation { get; init; }
    public string? Digest { get; init; }
    public string? WarcFile { get; init; }
    public long? WarcOffset { get; init; }
    public long ElapsedMs { get; init; }
    public required string Outcome { get; init; }
    public string? Problem { get; init; }
    public int Depth { get; init; }
    public string? Address { get; init; }
    public string? ContentType { get; init; }
    public string? Title { get; init; }
    /// <summary>Why nothing (or not everything) could be extracted: a malformed torrent or feed.</summary>
    public string? ExtractionProblem { get; init; }
    [JsonIgnore]
    public IReadOnlyList<Listing> Listings { get; init; } = [];
    [JsonIgnore]
    public IReadOnlyList<Signal> Signals { get; init; } = [];
    /// <summary>Links to other sites, with their labels.</summary>
    [JsonIgnore]
    public IReadOnlyList<Outlink> Outlinks { get; init; } = [];
    /// <summary>A "we moved" notice on a page that offers (almost) nothing else.</summary>
    public MoveNotice? Moved { get; init; }
    /// <summary>A registrar's parking page.</summary>
    public bool Parked { get; init; }
    /// <summary>The page's language (<c>&lt;html lang&gt;</c>), which says how it writes dates.</summary>
    public string? Language { get; init; }
    /// <summary>The server's clock (its Date header): what relative posting times ("5 hours ago") count back from.</summary>
    public DateTimeOffset? ServerDate { get; init; }
    /// <summary>Where the first response of a redirected fetch is in the evidence (the redirect itself).</summary>
    public string? RedirectWarcFile { get; init; }
    public long? RedirectWarcOffset { get; init; }
    [JsonPropertyName("listings")]
    public int ListingCount => Listings.Count;
    [JsonPropertyName("signals")]
    public int SignalCount => Signals.Count;
}

/// <summary>Receives crawl results as they are produced (files for the CLI, the database for monitoring).</summary>
public interface ICrawlSink
{
    ValueTask PageAsync(CrawledPage page, CancellationToken cancellation);
}

public sealed record CrawlSummary(int Pages, int Listings, int Signals, int Refused, int Failed, int Truncated, IReadOnlyList<EvidenceFile> Files, bool Interrupted = false);

/// <summary>
/// A breadth-first crawl from seed URLs: safe fetching, every exchange into the evidence store, extraction of each
/// response, robots.txt per origin, favicons once per origin, scope and trap limits on the frontier.
/// </summary>
public sealed class Crawler(SafeFetcher fetcher, EvidenceStore evidence, CrawlOptions options, ICrawlSink sink)
{
    private readonly ConcurrentDictionary<string, Task<Robots>> robots = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> robotsProblems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> favicons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> patterns = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> seen = new(StringComparer.Ordinal);
    private readonly HashSet<string> seedSites = [.. options.Seeds.Select(s => Urls.Site(s.Host))];
    private int scheduled, pages, listings, signals, refused, failed, truncated, pending;

    /// <summary>Raised after each page, for progress displays.</summary>
    public event Action<CrawledPage>? PageDone;

    public async Task<CrawlSummary> RunAsync(CancellationToken cancellation)
    {
        var queue = Channel.CreateUnbounded<(Uri Url, int Depth)>();
        foreach (var seed in options.Seeds) TrySchedule(queue.Writer, seed, 0, force: true);
        if (pending == 0) queue.Writer.Complete();
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(async () =>
        {
            await foreach (var (url, depth) in queue.Reader.ReadAllAsync(cancellation))
            {
                try
                {
                    await VisitAsync(queue.Writer, url, depth, cancellation);
                }
                finally
                {
                    if (Interlocked.Decrement(ref pending) == 0) queue.Writer.TryComplete();
                }
            }
        }, cancellation)).ToList();
        var interrupted = false;
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped by the operator: what was captured so far is closed and listed like any capture.
            interrupted = true;
        }
        return new CrawlSummary(pages, listings, signals, refused, failed, truncated, evidence.Complete(), interrupted);
    }

    private bool TrySchedule(ChannelWriter<(Uri, int)> writer, Uri url, int depth, bool force = false)
    {
        if (!seen.TryAdd(url.AbsoluteUri, 0)) return false;
        if (!force)
        {
            if (options.SameSite && !seedSites.Contains(Urls.Site(url.Host))) return false;
            if (patterns.AddOrUpdate(Pattern(url), 1, (_, n) => n + 1) > options.MaxPerPattern) return false;
        }
        if (Interlocked.Increment(ref scheduled) > options.MaxPages) return false;
        Interlocked.Increment(ref pending);
        return writer.TryWrite((url, depth));
    }

    /// <summary>A URL with its digits and query values blanked: pages of one endless calendar or pager share it.</summary>
    internal static string Pattern(Uri url)
    {
        var path = new StringBuilder(url.Host).Append(url.AbsolutePath);
        for (var i = 0; i < path.Length; i++) if (char.IsAsciiDigit(path[i])) path[i] = '#';
        var query = url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal);
        return path.Append('?').AppendJoin('&', query).ToString();
    }

    private async Task VisitAsync(ChannelWriter<(Uri, int)> writer, Uri url, int depth, CancellationToken cancellation)
    {
        // robots.txt is fetched and kept in the evidence either way; it is obeyed unless the run says otherwise.
        var robotsRules = await RobotsFor(url, cancellation);
        if (options.Robots == RobotsPolicy.Respect && !robotsRules.Allows(url))
        {
            Interlocked.Increment(ref refused);
            var why = robotsProblems.TryGetValue(Urls.Origin(url), out var unreachable)
                ? $"robots.txt unreachable ({unreachable}), so complete disallow is assumed (RFC 9309)"
                : "disallowed by robots.txt";
            var location = evidence.RecordMetadata(url, null, new { outcome = "Refused", problem = why });
            await EmitAsync(new CrawledPage { Url = url.AbsoluteUri, Outcome = nameof(FetchOutcome.Refused), Problem = why, Depth = depth, WarcFile = location.WarcFile, WarcOffset = location.Offset }, cancellation);
            return;
        }
        var result = await fetcher.FetchAsync(url, cancellation);
        EvidenceLocation? last = null, first = null;
        foreach (var hop in result.Hops)
        {
            last = evidence.Record(hop) ?? last;
            first ??= last;
        }
        var final = result.Final;
        PageExtraction extraction = PageExtraction.Empty();
        if (final is { Status: >= 200 and < 300 } && final.Body.Length > 0)
            extraction = PageExtractor.Extract(final.Url, final.ContentType, final.Body, final.ResponseHeaders, options.Profile);

        var pageSignals = extraction.Signals.ToList();
        var signalSeen = pageSignals.Select(s => (s.Type, s.Value)).ToHashSet();
        if (final?.Address is { } address) Signals.Add(pageSignals, signalSeen, "ip", address.ToString(), final.Url.Host, 0);
        if (final?.Certificate is { } certificate)
        {
            Signals.Add(pageSignals, signalSeen, "tls-sha256", certificate.Sha256, certificate.Subject, 0);
            foreach (var name in certificate.Names) Signals.Add(pageSignals, signalSeen, "tls-name", name, certificate.Subject, 0);
        }
        if (options.FetchFavicons && final is { Status: >= 200 and < 300 } && extraction.Icons.Count > 0 && favicons.TryAdd(Urls.Origin(final.Url), 0))
            await FaviconAsync(extraction.Icons[0], pageSignals, signalSeen, cancellation);

        var metadata = evidence.RecordMetadata(final?.Url ?? url, last?.RecordId, new
        {
            requested = url.AbsoluteUri,
            outcome = result.Outcome.ToString(),
            problem = result.Problem,
            truncation = final?.Truncation,
            hops = result.Hops.Select(h => new { url = h.Url.AbsoluteUri, status = h.Status, outcome = h.Outcome.ToString(), problem = h.Problem, address = h.Address?.ToString(), elapsedMs = (long)h.Elapsed.TotalMilliseconds }),
            certificate = final?.Certificate is { } c ? new { sha256 = c.Sha256, subject = c.Subject, issuer = c.Issuer, notBefore = c.NotBefore, notAfter = c.NotAfter, names = c.Names, errors = c.Errors, der = Convert.ToBase64String(c.Der) } : null,
            extraction = new { title = extraction.Title, problem = extraction.Problem, links = extraction.Links.Count, listings = extraction.Listings, signals = pageSignals },
        }, final?.Started);

        if (result.Outcome == FetchOutcome.Refused) Interlocked.Increment(ref refused);
        else if (final is null) Interlocked.Increment(ref failed);
        if (final?.Truncation is not null) Interlocked.Increment(ref truncated);
        await EmitAsync(new CrawledPage
        {
            Url = url.AbsoluteUri,
            FinalUrl = final?.Url.AbsoluteUri,
            Status = final?.Status,
            Bytes = final?.Body.Length ?? 0,
            ReceivedBytes = final?.RawBody.Length ?? 0,
            Truncated = final?.Truncation is not null,
            Truncation = final?.Truncation,
            Digest = final is null ? null : last?.PayloadDigest,
            WarcFile = last?.WarcFile ?? metadata.WarcFile,
            WarcOffset = last?.Offset ?? metadata.Offset,
            ElapsedMs = (long)result.Elapsed.TotalMilliseconds,
            Outcome = result.Outcome.ToString(),
            Problem = result.Problem,
            Depth = depth,
            Address = final?.Address?.ToString(),
            ContentType = final?.ContentType,
            Title = extraction.Title,
            ExtractionProblem = extraction.Problem,
            Listings = extraction.Listings,
            Signals = pageSignals,
            Outlinks = extraction.Outlinks ?? [],
            Moved = extraction.Moved,
            Parked = extraction.Parked,
            Language = extraction.Language,
            ServerDate = final?.ResponseHeaders.FirstOrDefault(h => h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase)).Value is { } date
                && DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var serverDate) ? serverDate : null,
            RedirectWarcFile = result.Hops.Count > 1 ? first?.WarcFile : null,
            RedirectWarcOffset = result.Hops.Count > 1 ? first?.Offset : null,
        }, cancellation);

        if (final is null) return;
        if (depth < options.MaxDepth)
            foreach (var link in extraction.Links) TrySchedule(writer, link, depth + 1);
        // .torrent files are leaves worth reading whatever the depth: they carry the info-hash and file list.
        foreach (var listing in extraction.Listings)
            if (listing.Torrent is not null && Urls.Resolve(listing.Torrent, null, out _) is { } torrent) TrySchedule(writer, torrent, depth + 1);
    }

    private async ValueTask EmitAsync(CrawledPage page, CancellationToken cancellation)
    {
        Interlocked.Increment(ref pages);
        Interlocked.Add(ref listings, page.Listings.Count);
        Interlocked.Add(ref signals, page.Signals.Count);
        await sink.PageAsync(page, cancellation);
        PageDone?.Invoke(page);
    }

    private Task<Robots> RobotsFor(Uri url, CancellationToken cancellation) =>
        robots.GetOrAdd(Urls.Origin(url), _ => FetchRobotsAsync(url, cancellation));

    private async Task<Robots> FetchRobotsAsync(Uri url, CancellationToken cancellation)
    {
        var robotsUrl = new Uri(url, "/robots.txt");
        var result = await fetcher.FetchAsync(robotsUrl, cancellation);
        foreach (var hop in result.Hops) evidence.Record(hop);
        var final = result.Final;
        // A refusal by the address or scheme policy, or a name without an address, is reported by the page fetch itself, with its real reason.
        if (final is null && result.Outcome is FetchOutcome.Refused or FetchOutcome.Unresolved) return Robots.AllowAll;
        if (final is null || final.Status >= 500) robotsProblems[Urls.Origin(url)] = result.Problem ?? $"status {final?.Status}";
        var rules = Robots.FromResponse(final?.Status, final?.Body ?? [], fetcher.Options.UserAgent);
        if (options.Robots == RobotsPolicy.Respect && rules.CrawlDelay is { } delay) fetcher.Gate.SetDelay(url.IdnHost, delay > TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : delay);
        return rules;
    }

    private async Task FaviconAsync(Uri icon, List<Signal> into, HashSet<(string, string)> seenSignals, CancellationToken cancellation)
    {
        var result = await fetcher.FetchAsync(icon, cancellation);
        foreach (var hop in result.Hops) evidence.Record(hop);
        if (result.Final is not { Status: >= 200 and < 300, Body.Length: > 0, Truncation: null } final) return;
        Signals.Add(into, seenSignals, "favicon-sha256", Convert.ToHexStringLower(SHA256.HashData(final.Body)), icon.AbsoluteUri, 0);
        Signals.Add(into, seenSignals, "favicon-mmh3", Signals.FaviconMurmur(final.Body).ToString(System.Globalization.CultureInfo.InvariantCulture), icon.AbsoluteUri, 0);
    }
}
