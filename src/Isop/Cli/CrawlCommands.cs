using System.CommandLine;
using System.Text.Json;
using Isop.Crawling;
using Isop.Crawling.Crawl;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;
using Spectre.Console;

namespace Isop.Cli;

/// <summary><c>isop crawl</c>: visit sites safely, keep WARC evidence, write pages, listings and signals as JSON lines.</summary>
internal static class CrawlCommands
{
    /// <summary>Exit code when no URL got a response (every start page refused, unresolved or unreachable).</summary>
    public const int NothingFetched = 3;

    public static Command Crawl(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr)
    {
        var urls = new Argument<string[]>("URL") { Description = "Start pages (http or https).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<DirectoryInfo>("--out") { Description = "Folder for evidence/, manifest.json, pages.jsonl, listings.jsonl and signals.jsonl.", Required = true };
        var maxPages = new Option<int>("--max-pages") { Description = "Fetch at most this many URLs.", DefaultValueFactory = _ => 100 };
        var maxDepth = new Option<int>("--max-depth") { Description = "Follow links at most this many steps from a start page.", DefaultValueFactory = _ => 2 };
        var maxPerPattern = new Option<int>("--max-per-pattern") { Description = "At most this many URLs that differ only in numbers and query values (calendar and pager traps).", DefaultValueFactory = _ => 1_000 };
        var sameSite = new Option<bool>("--same-site") { Description = "Follow links only within the start pages' sites." };
        var resolve = new Option<string[]>("--resolve") { Description = "host:port:address — answer for a host name, and permission to connect to that address (like curl).", AllowMultipleArgumentsPerToken = false };
        var profile = new Option<FileInfo?>("--profile") { Description = "Extraction profile: JSON with CSS selectors (item, title, link, magnet, torrent, download, stream, date, size, counters)." };
        var ignoreRobots = new Option<bool>("--ignore-robots") { Description = "Do not obey robots.txt (for an authorised investigation); it is still recorded." };
        var userAgent = new Option<string>("--user-agent") { Description = "User-Agent header for the whole run.", DefaultValueFactory = _ => FetchOptions.DefaultUserAgent };
        var maxBody = new Option<long>("--max-body") { Description = "Largest body kept, in bytes, after decompression.", DefaultValueFactory = _ => new FetchOptions().MaxBodyBytes };
        var timeout = new Option<double>("--timeout") { Description = "Seconds allowed for one fetch.", DefaultValueFactory = _ => new FetchOptions().MaxFetchTime.TotalSeconds };
        var delay = new Option<int>("--delay") { Description = "Milliseconds between two requests to the same host.", DefaultValueFactory = _ => (int)new FetchOptions().PerHostDelay.TotalMilliseconds };
        var perHost = new Option<int>("--per-host") { Description = "Requests in flight per host.", DefaultValueFactory = _ => new FetchOptions().PerHostConcurrency };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight in all.", DefaultValueFactory = _ => 8 };
        var insecure = new Option<bool>("--insecure") { Description = "Fetch from sites whose TLS certificate does not validate (the certificate is recorded)." };
        var @operator = new Option<string?>("--operator") { Description = "Who runs the capture, for the warcinfo record." };
        var purpose = new Option<string?>("--purpose") { Description = "Why, for the warcinfo record (case number, mandate)." };

        var command = new Command("crawl", "Crawl sites safely into WARC evidence and extract listings and signals.");
        command.Arguments.Add(urls);
        foreach (var option in new Option[] { outDir, maxPages, maxDepth, maxPerPattern, sameSite, resolve, profile, ignoreRobots, userAgent, maxBody, timeout, delay, perHost, concurrency, insecure, @operator, purpose })
            command.Options.Add(option);
        command.SetAction(async (r, ct) =>
        {
            var output = new Output(r.GetValue(jsonOption), stdout, stderr);
            var seeds = new List<Uri>();
            foreach (var text in r.GetValue(urls)!)
            {
                if (Urls.Resolve(text, null, out var problem) is not { } seed)
                {
                    output.Error($"URL '{text}': {problem}");
                    return 2;
                }
                seeds.Add(seed);
            }
            ResolveMap map;
            ExtractionProfile? extractionProfile = null;
            try
            {
                map = ResolveMap.Parse(r.GetValue(resolve) ?? []);
                if (r.GetValue(profile) is { } profileFile)
                {
                    if (!profileFile.Exists) throw new ProfileException($"profile {profileFile}: no such file");
                    extractionProfile = ExtractionProfile.Parse(await File.ReadAllTextAsync(profileFile.FullName, ct));
                }
            }
            catch (Exception e) when (e is FormatException or ProfileException)
            {
                output.Error(e.Message);
                return 2;
            }
            foreach (var (name, value, min) in new[] { ("--max-pages", r.GetValue(maxPages), 1), ("--max-depth", r.GetValue(maxDepth), 0), ("--max-per-pattern", r.GetValue(maxPerPattern), 1), ("--per-host", r.GetValue(perHost), 1), ("--concurrency", r.GetValue(concurrency), 1), ("--delay", r.GetValue(delay), 0) })
                if (value < min)
                {
                    output.Error($"{name} must be at least {min}");
                    return 2;
                }
            if (r.GetValue(maxBody) < 1024 || r.GetValue(timeout) <= 0)
            {
                output.Error("--max-body must be at least 1024 bytes and --timeout more than 0 seconds");
                return 2;
            }

            var dir = r.GetValue(outDir)!;
            var evidenceDir = Path.Combine(dir.FullName, "evidence");
            if (File.Exists(Path.Combine(dir.FullName, "manifest.json")) || (Directory.Exists(evidenceDir) && Directory.EnumerateFileSystemEntries(evidenceDir).Any()))
            {
                output.Error($"{dir}: already holds a capture; choose another --out folder so that evidence is never mixed");
                return 2;
            }
            Directory.CreateDirectory(dir.FullName);

            var fetchOptions = new FetchOptions
            {
                UserAgent = r.GetValue(userAgent)!,
                MaxBodyBytes = r.GetValue(maxBody),
                MaxFetchTime = TimeSpan.FromSeconds(r.GetValue(timeout)),
                PerHostDelay = TimeSpan.FromMilliseconds(r.GetValue(delay)),
                PerHostConcurrency = r.GetValue(perHost),
                GlobalConcurrency = r.GetValue(concurrency),
                AcceptInvalidCertificates = r.GetValue(insecure),
                Resolve = map,
            };
            var robots = r.GetValue(ignoreRobots) ? RobotsPolicy.Ignore : RobotsPolicy.Respect;
            var crawlOptions = new CrawlOptions
            {
                Seeds = seeds,
                MaxPages = r.GetValue(maxPages),
                MaxDepth = r.GetValue(maxDepth),
                SameSite = r.GetValue(sameSite),
                MaxPerPattern = r.GetValue(maxPerPattern),
                Robots = robots,
                Profile = extractionProfile,
                Workers = Math.Max(r.GetValue(concurrency), 1),
            };
            var info = EvidenceStore.Describe(r.GetValue(@operator), r.GetValue(purpose), fetchOptions, robots);
            var started = DateTimeOffset.UtcNow;
            CrawlSummary summary;
            var sink = new JsonLinesSink(dir.FullName);
            using (var fetcher = new SafeFetcher(fetchOptions))
            using (var evidence = new EvidenceStore(evidenceDir, info))
            await using (sink)
            {
                var crawler = new Crawler(fetcher, evidence, crawlOptions, sink);
                summary = await output.WithProgressAsync("Crawling", crawlOptions.MaxPages, async progress =>
                {
                    var done = 0;
                    crawler.PageDone += _ => progress?.Report(Interlocked.Increment(ref done));
                    return await crawler.RunAsync(ct);
                });
                await sink.DisposeAsync();
            }
            EvidenceStore.WriteManifest(Path.Combine(dir.FullName, "manifest.json"), new
            {
                software = info["software"],
                @operator = info["operator"],
                purpose = info["description"],
                userAgent = fetchOptions.UserAgent,
                robots = info["robots"],
                seeds = seeds.Select(s => s.AbsoluteUri),
                resolve = map.Entries,
                started,
                finished = DateTimeOffset.UtcNow,
                interrupted = summary.Interrupted,
                pages = summary.Pages,
                listings = summary.Listings,
                signals = summary.Signals,
                files = summary.Files.Select(f => new { name = "evidence/" + f.Name, bytes = f.Bytes, sha256 = f.Sha256, records = f.Records }),
            });

            // A start page that got no response says why, per URL, on stderr: the counts alone hide it.
            var unanswered = sink.StartPages.Where(p => p.Status is null).OrderBy(p => p.Url, StringComparer.Ordinal).ToList();
            foreach (var page in unanswered) output.Error($"{page.Url}: {page.Outcome.ToLowerInvariant()}: {page.Problem}");
            if (output.Json)
                output.WriteJson(new
                {
                    interrupted = summary.Interrupted, pages = summary.Pages, responses = sink.Responses, listings = summary.Listings, signals = summary.Signals, refused = summary.Refused,
                    failed = summary.Failed, truncated = summary.Truncated, files = summary.Files.Count, @out = dir.FullName,
                    unanswered = unanswered.Select(p => new { url = p.Url, outcome = p.Outcome, problem = p.Problem }),
                });
            else
            {
                var table = new Table().AddColumns("pages", "listings", "signals", "refused", "failed", "truncated", "WARC files");
                table.AddRow($"{summary.Pages}", $"{summary.Listings}", $"{summary.Signals}", $"{summary.Refused}", $"{summary.Failed}", $"{summary.Truncated}", $"{summary.Files.Count}");
                output.Terminal.Write(table);
                output.Terminal.MarkupLineInterpolated($"Evidence and results in [bold]{dir.FullName}[/]{(summary.Interrupted ? " (interrupted)" : "")}");
            }
            if (summary.Interrupted) return 130;
            if (sink.Responses > 0) return 0;
            output.Error("nothing could be fetched: no start page answered");
            return NothingFetched;
        });
        return command;
    }

    /// <summary>pages.jsonl, listings.jsonl and signals.jsonl, one JSON object per line, flushed per page.</summary>
    private sealed class JsonLinesSink : ICrawlSink, IAsyncDisposable
    {
        private readonly StreamWriter pages, listings, signals;
        private readonly SemaphoreSlim gate = new(1, 1);
        private readonly List<CrawledPage> startPages = [];
        private int responses;
        private bool disposed;

        public IReadOnlyList<CrawledPage> StartPages => startPages;

        /// <summary>Pages that got an HTTP response, whatever its status.</summary>
        public int Responses => responses;

        public JsonLinesSink(string folder)
        {
            pages = new StreamWriter(Path.Combine(folder, "pages.jsonl"));
            listings = new StreamWriter(Path.Combine(folder, "listings.jsonl"));
            signals = new StreamWriter(Path.Combine(folder, "signals.jsonl"));
        }

        public async ValueTask PageAsync(CrawledPage page, CancellationToken cancellation)
        {
            // Written whole even when the run is being cancelled, so that no line is cut in half.
            await gate.WaitAsync(CancellationToken.None);
            try
            {
                if (page.Depth == 0) startPages.Add(page);
                if (page.Status is not null) responses++;
                await pages.WriteLineAsync(JsonSerializer.Serialize(page, CrawlJson.Options));
                foreach (var listing in page.Listings)
                    await listings.WriteLineAsync(JsonSerializer.Serialize(new { pageUrl = page.FinalUrl ?? page.Url, listing.Text, listing.Href, listing.Kind, listing.InfoHash, listing.Counters, listing.Magnet, listing.Torrent, listing.Streams, listing.Downloads, listing.Date, listing.Size, listing.Detail, listing.Source }, CrawlJson.Options));
                foreach (var signal in page.Signals)
                    await signals.WriteLineAsync(JsonSerializer.Serialize(new { pageUrl = page.FinalUrl ?? page.Url, signal.Type, signal.Value, signal.Context }, CrawlJson.Options));
                await pages.FlushAsync(CancellationToken.None);
                await listings.FlushAsync(CancellationToken.None);
                await signals.FlushAsync(CancellationToken.None);
            }
            finally
            {
                gate.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (disposed) return;
            disposed = true;
            await pages.DisposeAsync();
            await listings.DisposeAsync();
            await signals.DisposeAsync();
            gate.Dispose();
        }
    }
}
