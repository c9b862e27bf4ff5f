using System.Security.Cryptography;
using System.Text;
using Isop.Access;
using Isop.Catalogue;
using Isop.Crawling;
using Isop.Crawling.Crawl;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;
using Isop.Data;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>Where monitoring keeps its evidence, and how it behaves towards sites.</summary>
/// <remarks><paramref name="AllowPrivateResolve"/>: resolve entries may lead to loopback, private networks or this server (<see cref="ResolvePermission"/>).</remarks>
public sealed record MonitorSettings(string EvidenceRoot, string UserAgent = FetchOptions.DefaultUserAgent, int Concurrency = 4, TimeSpan? PollInterval = null, bool AllowPrivateResolve = false)
{
    public TimeSpan Poll => PollInterval ?? TimeSpan.FromSeconds(5);
}

/// <summary>
/// One monitoring run of a platform, from fetch to stored observations: crawl with the crawling library into the
/// evidence store, recognise every listing with the owner's catalogue, and ingest observations and signals in
/// audited batches (one transaction each). A run found unfinished after a restart is resumed under the same id;
/// the upserts make the second pass add nothing twice.
/// </summary>
public sealed class MonitorRunner(IsopDbFactory contexts, MonitorSettings settings, TimeProvider time, Operations.SuccessionFinder successions)
{
    private IsopDb System() => contexts.For(Caller.System("monitor"));

    private TimeProvider Clock => time;

    /// <summary>
    /// SQLite has one writer at a time, and waiting for its lock blocks a thread: batches from concurrent runs queue
    /// here instead, asynchronously. PostgreSQL takes a few at once.
    /// </summary>
    private readonly SemaphoreSlim writes = new(contexts.Settings.Provider == DatabaseProvider.Sqlite ? 1 : 4);

    /// <summary>Starts a run of the platform now (or resumes <paramref name="resume"/>) and waits for it to end.</summary>
    public async Task<CrawlRun> RunAsync(Guid platformId, CancellationToken ct, Guid? resume = null)
    {
        Platform platform;
        CrawlRun run;
        await writes.WaitAsync(ct);
        try
        {
            await using var db = System();
            platform = await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == platformId, ct);
            var existing = resume is { } id ? await db.CrawlRuns.SingleOrDefaultAsync(r => r.Id == id, ct) : null;
            if (existing is null)
            {
                var runId = Guid.CreateVersion7();
                run = new CrawlRun { Id = runId, PlatformId = platformId, StartedAt = time.GetUtcNow(), Status = CrawlRunStatus.Running, EvidenceFolder = $"{platformId:N}/{runId:N}" };
                db.CrawlRuns.Add(run);
            }
            else
            {
                run = existing;
                run.Status = CrawlRunStatus.Running;
            }
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            writes.Release();
        }

        try
        {
            var matcher = await OwnerMatcherAsync(platform, ct);
            var monitor = platform.Monitor;
            var seeds = (monitor.SeedList.Count > 0 ? monitor.SeedList : platform.Domains.Select(d => $"https://{d.Name}/"))
                .Select(s => Urls.Resolve(s, null, out _)).OfType<Uri>().ToList();
            if (seeds.Count == 0) throw new InvalidOperationException("the platform has no domain and no start URL to crawl");
            // Every domain's home page is looked at, so that a domain that went dark is noticed (in the seeds' scheme and port).
            foreach (var domain in platform.Domains.Where(d => seeds.All(s => s.IdnHost != d.Name)))
                seeds.Add(new UriBuilder(seeds[0].Scheme, domain.Name, seeds[0].IsDefaultPort ? -1 : seeds[0].Port, "/").Uri);
            if (!settings.AllowPrivateResolve && monitor.ResolveList.Select(ResolvePermission.Needed).FirstOrDefault(n => n is not null) is { } refused)
                throw new InvalidOperationException($"resolve map refused: {refused}");
            var fetch = new FetchOptions
            {
                UserAgent = settings.UserAgent,
                Resolve = ResolveMap.Parse(monitor.ResolveList),
                PerHostDelay = TimeSpan.FromMilliseconds(monitor.DelayMs),
                PerHostConcurrency = Math.Max(1, monitor.PerHost),
                GlobalConcurrency = Math.Max(4, monitor.PerHost * seeds.Count),
            };
            var options = new CrawlOptions
            {
                Seeds = seeds,
                MaxPages = monitor.MaxPages,
                MaxDepth = monitor.MaxDepth,
                SameSite = true,
                Robots = monitor.RespectRobots ? RobotsPolicy.Respect : RobotsPolicy.Ignore,
                Profile = monitor.Profile is { Length: > 0 } profile ? ExtractionProfile.Parse(profile) : null,
                Workers = Math.Max(2, fetch.GlobalConcurrency),
            };
            var info = EvidenceStore.Describe("Isop monitoring", $"Monitoring of platform {platform.Name} ({platform.Id})", fetch, options.Robots);
            using var fetcher = new SafeFetcher(fetch, time);
            var (summary, seedResults) = await CrawlAsync(run, platform.Id, matcher, fetcher, info, options, run.EvidenceFolder, ct);
            // Stopped with the server: the run stays Running and is resumed at the next start.
            if (summary.Interrupted) ct.ThrowIfCancellationRequested();

            // Start pages that were short links and led to the site: the public check knows them (for CLEAR platforms).
            await using (var links = System()) await Awareness.ShortLinks.RecordAsync(links, platform.Id, seedResults, time.GetUtcNow(), ct);

            // Domains that went dark, and their successors: found, registered, and crawled in this same run.
            var probes = 0;
            async Task<IReadOnlyList<CrawledPage>> Probe(IReadOnlyList<Uri> homes, CancellationToken token)
            {
                var folder = $"{run.EvidenceFolder}/probes-{++probes}";
                var pages = new List<CrawledPage>();
                using var evidence = new EvidenceStore(Path.Combine(settings.EvidenceRoot, folder), info, time);
                await new Crawler(fetcher, evidence, options with { Seeds = homes, MaxPages = homes.Count * 2, MaxDepth = 0 }, new Collect(pages)).RunAsync(token);
                return [.. pages.Select(p => p with
                {
                    WarcFile = p.WarcFile is null ? null : $"{folder}/{p.WarcFile}",
                    RedirectWarcFile = p.RedirectWarcFile is null ? null : $"{folder}/{p.RedirectWarcFile}",
                })];
            }
            var found = await successions.FindAsync(platform.Id, run.Id, seedResults, fetch.Resolve, Probe, ct);
            var registered = found.Where(f => f.Added).Select(f => f.To).Distinct().ToList();
            if (registered.Count > 0)
            {
                var next = registered.Select(h => new UriBuilder(seeds[0].Scheme, h, seeds[0].IsDefaultPort ? -1 : seeds[0].Port, "/").Uri).ToList();
                var (more, _) = await CrawlAsync(run, platform.Id, matcher, fetcher, info, options with { Seeds = next }, $"{run.EvidenceFolder}/successors", ct);
                if (more.Interrupted) ct.ThrowIfCancellationRequested();
            }
            // Not one start page answered and no successor was found: the run saw nothing, and says so (the site, or the
            // way to it, is down); the domains that gave no answer are recorded as dark all the same.
            if (found.Count == 0 && seedResults.Count > 0 && seedResults.All(s => s.Status is null))
            {
                var first = seedResults[0];
                await FinishAsync(run.Id, platform.Id, CrawlRunStatus.Failed,
                    $"no start page answered ({first.Outcome}{(first.Problem is null ? "" : ": " + first.Problem)} at {first.Url}); nothing was seen", CancellationToken.None);
            }
            else await FinishAsync(run.Id, platform.Id, CrawlRunStatus.Completed, null, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await FinishAsync(run.Id, platform.Id, CrawlRunStatus.Failed, e.Message, CancellationToken.None);
        }
        await using var read = System();
        return await read.CrawlRuns.AsNoTracking().SingleAsync(r => r.Id == run.Id, CancellationToken.None);
    }

    /// <summary>One crawl of the run into one evidence folder, ingested as it goes; returns the summary and what each start page showed.</summary>
    private async Task<(CrawlSummary Summary, IReadOnlyList<Operations.SeedResult> Seeds)> CrawlAsync(
        CrawlRun run, Guid platformId, CatalogueMatchers.Built matcher, SafeFetcher fetcher, Dictionary<string, string> info, CrawlOptions options, string folder, CancellationToken ct)
    {
        await using var sink = new IngestSink(this, run, platformId, matcher, folder);
        CrawlSummary summary;
        using (var evidence = new EvidenceStore(Path.Combine(settings.EvidenceRoot, folder), info, time))
            summary = await new Crawler(fetcher, evidence, options, sink).RunAsync(ct);
        await sink.FlushAsync(CancellationToken.None);
        return (summary, sink.Seeds);
    }

    /// <summary>Keeps the pages of a probe.</summary>
    private sealed class Collect(List<CrawledPage> pages) : ICrawlSink
    {
        public ValueTask PageAsync(CrawledPage page, CancellationToken cancellation)
        {
            lock (pages) pages.Add(page);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The matcher over the works the platform's owner organisation may see (TLP applies to monitoring too).</summary>
    private async Task<CatalogueMatchers.Built> OwnerMatcherAsync(Platform platform, CancellationToken ct)
    {
        var owner = new Caller(null, platform.OwnerOrganisationId, MemberRole.Analyst, "monitor", false);
        await using var db = contexts.For(owner);
        return await CatalogueMatchers.BuildAsync(db, ct);
    }

    private async Task FinishAsync(Guid runId, Guid platformId, CrawlRunStatus status, string? problem, CancellationToken ct)
    {
        await writes.WaitAsync(ct);
        try
        {
            await FinishRunAsync(runId, platformId, status, problem, ct);
        }
        finally
        {
            writes.Release();
        }
    }

    private async Task FinishRunAsync(Guid runId, Guid platformId, CrawlRunStatus status, string? problem, CancellationToken ct)
    {
        await using var db = System();
        var run = await db.CrawlRuns.SingleAsync(r => r.Id == runId, ct);
        var platform = await db.Platforms.SingleAsync(p => p.Id == platformId, ct);
        var now = time.GetUtcNow();
        run.Status = status;
        run.FinishedAt = now;
        run.Problem = problem is null ? null : problem.Length > 4000 ? problem[..4000] : problem;
        platform.Monitor.Ran(run.StartedAt, now);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Collects crawled pages and stores them in batches: observations and sightings upserted and the run's counters
    /// and chained digest updated in one transaction, so a batch is stored whole or not at all.
    /// </summary>
    private sealed class IngestSink(MonitorRunner runner, CrawlRun run, Guid platformId, CatalogueMatchers.Built matching, string folder) : ICrawlSink, IAsyncDisposable
    {
        private readonly SemaphoreSlim gate = new(1, 1);
        private readonly List<ObservationInput> observations = [];
        private readonly List<SignalInput> signals = [];
        private readonly List<LinkInput> links = [];
        private readonly List<Operations.SeedResult> seeds = [];

        /// <summary>What each start page showed.</summary>
        public IReadOnlyList<Operations.SeedResult> Seeds => seeds;
        private int pages, listings, matched, signalCount;

        private static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(1);
        private long lastStored = runner.Clock.GetTimestamp();

        public async ValueTask PageAsync(CrawledPage page, CancellationToken cancellation)
        {
            await gate.WaitAsync(cancellation);
            try
            {
                pages++;
                var warcFile = page.WarcFile is null ? null : $"{folder}/{page.WarcFile}";
                if (page.Depth == 0) seeds.Add(Operations.SeedResult.Of(page, folder));
                foreach (var link in page.Outlinks) links.Add(new LinkInput(link.Host, link.Url, link.Label, page.FinalUrl ?? page.Url, warcFile, page.WarcOffset));
                foreach (var listing in page.Listings)
                {
                    var result = matching.Matcher.Match(listing.Text);
                    Guid? work = result.WorkId is { } id && matching.Works.TryGetValue(id, out var w) ? w.Id : null;
                    if (work is not null) matched++;
                    listings++;
                    // Entries of lists and feeds name their item page; anything else found on a page belongs to that page's offer.
                    var item = listing.Source is "structure" or "profile" or "feed" ? listing.Href : page.FinalUrl ?? page.Url;
                    // The reasons speak of the candidates too: the stored recognition is visible only with them.
                    var about = result.About.Select(a => matching.Works.TryGetValue(a, out var x) ? x.Id : (Guid?)null).ToList();
                    var (release, group) = ReleaseGroups.Releases.Of(listing.Text);
                    var posted = PostedDate(listing.Date, page);
                    observations.Add(new ObservationInput(listing.Text, listing.Href, item, listing.Kind, listing.InfoHash, page.FinalUrl ?? page.Url, work,
                        work is null ? null : result.Season, work is null ? null : result.Episode, result.Confidence, result.Why, listing.Counters, page.Digest, warcFile, page.WarcOffset,
                        about.ElementAtOrDefault(0), about.ElementAtOrDefault(1), about.Count > 2, release, group, posted));
                }
                foreach (var signal in page.Signals)
                {
                    signalCount++;
                    signals.Add(new SignalInput(signal.Type, signal.Value, signal.Context, page.FinalUrl ?? page.Url, warcFile, page.WarcOffset));
                }
                // A batch is stored when it is full, or every second or so, so that little is crawled twice after a crash.
                if (observations.Count >= ObservationStore.BatchSize || signals.Count >= 4 * ObservationStore.BatchSize || links.Count >= 4 * ObservationStore.BatchSize || runner.Clock.GetElapsedTime(lastStored) >= BatchInterval)
                    await StoreAsync(cancellation);
            }
            finally
            {
                gate.Release();
            }
        }

        /// <summary>
        /// The posting time a listing states, if it is believable: never more than a year before Isop first could see it
        /// (a site that backdates its copies to claim a release first gets no more than that), never a page's error.
        /// </summary>
        private DateTimeOffset? PostedDate(string? text, CrawledPage page)
        {
            var now = runner.Clock.GetUtcNow();
            DateTimeOffset? posted;
            try
            {
                posted = PostedDates.Parse(text, page.ServerDate ?? now, page.Language);
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                return null;
            }
            return posted is { } p && p >= now.AddDays(-366) && p <= now.AddDays(1) ? p : null;
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            await gate.WaitAsync(ct);
            try
            {
                await StoreAsync(ct);
            }
            finally
            {
                gate.Release();
            }
        }

        private async Task StoreAsync(CancellationToken ct)
        {
            await runner.writes.WaitAsync(ct);
            try
            {
                await StoreBatchAsync(ct);
            }
            finally
            {
                runner.writes.Release();
            }
        }

        private async Task StoreBatchAsync(CancellationToken ct)
        {
            await using var db = runner.System();
            var strategy = db.Database.CreateExecutionStrategy();
            await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var now = runner.Clock.GetUtcNow();
                var fresh = 0;
                foreach (var chunk in observations.Chunk(ObservationStore.BatchSize))
                    fresh += await ObservationStore.UpsertAsync(db, platformId, run.Id, now, chunk, ct);
                foreach (var chunk in signals.Chunk(ObservationStore.BatchSize))
                    await ObservationStore.UpsertSignalsAsync(db, platformId, run.Id, now, chunk, ct);
                foreach (var chunk in links.Chunk(ObservationStore.BatchSize))
                    await ObservationStore.UpsertLinksAsync(db, platformId, run.Id, now, chunk, ct);
                var stored = await db.CrawlRuns.SingleAsync(r => r.Id == run.Id, ct);
                stored.Pages += pages;
                stored.Listings += listings;
                stored.Matched += matched;
                stored.Signals += signalCount;
                stored.New += fresh;
                stored.IngestDigest = Chain(stored.IngestDigest, observations.Select(o => o.Key(platformId)));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            });
            observations.Clear();
            signals.Clear();
            links.Clear();
            pages = listings = matched = signalCount = 0;
            lastStored = runner.Clock.GetTimestamp();
        }

        private static string Chain(string previous, IEnumerable<string> keys)
        {
            var text = new StringBuilder(previous);
            foreach (var key in keys) text.Append('\n').Append(key);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        }

        public ValueTask DisposeAsync()
        {
            gate.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
