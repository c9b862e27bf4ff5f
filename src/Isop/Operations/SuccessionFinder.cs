using System.Text.Json;
using Isop.Access;
using Isop.Crawling;
using Isop.Crawling.Crawl;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;
using Isop.Data;
using Isop.Monitoring;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

/// <summary>What the fetch of a domain's start page showed: enough to tell whether the domain is dark and where it points.</summary>
public sealed record SeedResult(
    string Host, string Url, string? FinalUrl, int? Status, string Outcome, string? Problem, MoveNotice? Moved, bool Parked, int Listings,
    string? WarcFile, long? WarcOffset, string? RedirectWarcFile, long? RedirectWarcOffset)
{
    /// <summary>What a page showed; its WARC files are named relative to the evidence store by <paramref name="folder"/> (null: they already are).</summary>
    public static SeedResult Of(CrawledPage page, string? folder) => new(
        new Uri(page.Url).IdnHost, page.Url, page.FinalUrl, page.Status, page.Outcome, page.Problem, page.Moved, page.Parked, page.Listings.Count,
        In(folder, page.WarcFile), page.WarcOffset, In(folder, page.RedirectWarcFile), page.RedirectWarcOffset);

    private static string? In(string? folder, string? file) => file is null || folder is null ? file : $"{folder}/{file}";

    /// <summary>
    /// Why the domain is dark, or null when it answers as a site. An address list's page is made of "new address"
    /// headings (<paramref name="listsAddresses"/>): only no answer, 404/410 and parking make it dark.
    /// </summary>
    public string? DarkReason(bool listsAddresses = false)
    {
        if (FinalUrl is not null && Uri.TryCreate(FinalUrl, UriKind.Absolute, out var final) && Urls.Site(final.IdnHost) != Urls.Site(Host))
            return $"redirects to {final.IdnHost}";
        if (Status is null)
            return Outcome is nameof(FetchOutcome.NetworkError) or nameof(FetchOutcome.Timeout) or nameof(FetchOutcome.Unresolved) or nameof(FetchOutcome.TlsRejected)
                ? $"no answer ({Outcome}{(Problem is null ? "" : ": " + Problem)})"
                : null;
        if (Status is 404 or 410 or 451) return $"HTTP {Status}";
        if (Status is >= 200 and < 300 && Parked) return "parked page";
        if (Status is >= 200 and < 300 && Moved is not null && !listsAddresses) return $"\"we moved\" notice ({Moved.Phrase})";
        return null;
    }

    /// <summary>Whether the page is a live site: it answered, and is neither parked nor only a notice.</summary>
    public bool Alive => Status is >= 200 and < 300 && !Parked && Moved is null;
}

/// <summary>A successor found: <paramref name="Added"/> when it was registered now as a new domain of the platform (else it was known already, to it or to <paramref name="ToPlatform"/>).</summary>
public sealed record FoundSuccession(string From, string To, string Via, Guid? ToPlatform, bool Added);

/// <summary>
/// After a crawl: tells which of a platform's domains went dark and looks for each one's successor, in the order of
/// how much the evidence says: the old domain's redirect, its "we moved" notice, an address list's entry under the
/// platform's name, and last hosts linked from crawled pages that carry the platform's own strong identifiers.
/// Every candidate is fetched (into the run's evidence) and must answer as a live site that is recognisably the same
/// one: it shows one of the platform's strong identifiers, or its name. What the successor rests on never comes from
/// records that someone who may see the platform may not see (address lists and links of stricter TLP play no part),
/// and a domain of a platform the owner may not see is treated like any unknown host. The work of a run is bounded:
/// a probe budget, a few candidates per source, and a domain whose successor was not found is searched again only
/// after <see cref="SearchAgainAfter"/>.
/// </summary>
public sealed class SuccessionFinder(IsopDbFactory contexts, OperationSettings settings, TimeProvider time)
{
    /// <summary>Pages fetched to look for successors, per run at most.</summary>
    public const int MaxProbes = 60;
    /// <summary>Hosts tried per source (the notice, the address lists, the links) and dark domain, at most.</summary>
    public const int MaxCandidatesPerSource = 10;
    public static readonly TimeSpan SearchAgainAfter = TimeSpan.FromHours(6);

    /// <summary>Where block and seizure banners and registrars send a domain: never a successor.</summary>
    private static readonly string[] NeverSuccessors =
    [
        "warning.or.kr", "kcsc.or.kr", "police.go.kr", "ic3.gov", "justice.gov", "fbi.gov", "europol.europa.eu", "interpol.int", "ipo.gov.uk", "police.uk",
        "google.com", "bing.com", "facebook.com", "x.com", "twitter.com", "t.me", "youtube.com", "wikipedia.org", "cloudflare.com", "godaddy.com", "namecheap.com",
        "sedo.com", "afternic.com", "dan.com", "hugedomains.com",
    ];

    /// <summary>Names too common to tie an address-list entry to a platform.</summary>
    private static readonly HashSet<string> GenericNames = new(StringComparer.Ordinal)
    {
        "home", "main", "www", "site", "sites", "link", "links", "movie", "movies", "film", "films", "drama", "dramas", "tv", "torrent", "torrents", "webtoon", "music",
        "stream", "streaming", "download", "free", "new", "best", "korea", "korean", "anime", "manga", "news", "blog", "forum", "range",
    };

    /// <summary>Fetches pages (candidates' homes, address lists) into the run's evidence and returns what each showed, WARC files named relative to the evidence store.</summary>
    public delegate Task<IReadOnlyList<CrawledPage>> Probe(IReadOnlyList<Uri> homes, CancellationToken ct);

    /// <summary>What one search needs: the owner's view, which sources may be used, what the platform is known by, and the probe budget.</summary>
    private sealed class Search(Platform platform, IsopDb read, Dictionary<string, Guid> known, HashSet<Guid> usable, HashSet<string> keys, ResolveMap resolve, Uri template, Probe probe)
    {
        public Platform Platform => platform;
        public IsopDb Read => read;
        public Dictionary<string, Guid> Known => known;
        public HashSet<Guid> Usable => usable;
        public HashSet<string> Keys => keys;
        public int Budget { get; set; } = MaxProbes;
        public List<(Outlink Link, CrawledPage Page, Guid List)>? Lists { get; set; }

        public Uri Home(string host) => new UriBuilder(template.Scheme, host, template.IsDefaultPort ? -1 : template.Port, "/").Uri;

        /// <summary>In a lab (a resolve map), only hosts the map leads somewhere are fetched: nothing is looked up outside it.</summary>
        public bool Reachable(string host) =>
            resolve.Count == 0 || resolve.Contains(host, template.IsDefaultPort ? (template.Scheme == "https" ? 443 : 80) : template.Port);

        /// <summary>Fetches what the budget allows.</summary>
        public async Task<IReadOnlyList<CrawledPage>> FetchAsync(IEnumerable<Uri> urls, CancellationToken ct)
        {
            var list = urls.DistinctBy(u => u.AbsoluteUri).Take(Math.Max(0, Budget)).ToList();
            if (list.Count == 0) return [];
            Budget -= list.Count;
            return await probe(list, ct);
        }
    }

    public async Task<IReadOnlyList<FoundSuccession>> FindAsync(Guid platformId, Guid runId, IReadOnlyList<SeedResult> seeds, ResolveMap resolve, Probe probe, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        Platform platform;
        await using (var system = contexts.For(Caller.System("monitor")))
            platform = await system.Platforms.AsNoTracking().SingleAsync(p => p.Id == platformId, ct);
        var owner = new Caller(null, platform.OwnerOrganisationId, MemberRole.Analyst, "monitor", false);
        await using var read = contexts.For(owner);

        var dark = new List<(PlatformDomain Domain, SeedResult Seed, string Reason)>();
        var alive = new List<PlatformDomain>();
        foreach (var domain in platform.Domains)
        {
            // The home page says whether the domain is alive; a deeper start page may be gone while the site is not.
            var ofHost = seeds.Where(s => s.Host == domain.Name).ToList();
            if ((ofHost.FirstOrDefault(s => new Uri(s.Url).AbsolutePath == "/") ?? ofHost.FirstOrDefault()) is not { } seed) continue;
            var list = platform.Kind == PlatformKind.AddressList;
            if (seed.DarkReason(list) is { } reason) dark.Add((domain, seed, reason));
            // Only a live page says a domain is back; a refusal by policy (robots, a blocked address) says nothing either way.
            else if (seed.Alive || (list && seed.Status is >= 200 and < 300 && !seed.Parked)) alive.Add(domain);
        }
        var decided = await read.DomainSuccessions.Where(s => s.PlatformId == platformId).Select(s => s.FromDomain).ToListAsync(ct);
        var pending = dark.Where(d => !decided.Contains(d.Domain.Name) && (d.Domain.SuccessorSearchedAt is null || d.Domain.SuccessorSearchedAt <= now - SearchAgainAfter)).ToList();
        var found = new List<(string From, string To, string Via, List<SuccessionEvidence> Evidence)>();
        var known = pending.Count > 0 ? await KnownDomainsAsync(read, ct) : [];
        if (pending.Count > 0)
        {
            var search = new Search(platform, read, known, await UsableSourcesAsync(read, platform, ct), await KeysAsync(read, platform.Id, ct),
                resolve, seeds.Select(s => new Uri(s.Url)).First(), probe);
            foreach (var (domain, seed, reason) in pending)
            {
                var darkEvidence = new SuccessionEvidence("dark", seed.Url, reason, seed.WarcFile, seed.WarcOffset);
                if (await AnnouncedAsync(search, domain.Name, seed, ct) is { } a)
                {
                    found.Add((domain.Name, a.Host, a.Via, [darkEvidence, .. a.Evidence]));
                    continue;
                }
                // Identifiers are the weakest way: they are read only for a domain that went dark, one a completed run saw
                // live before it was dark (a domain never seen live precedes nothing). What was seen before that run
                // finished was seen while it lived: a host linked since then lived beside it (a sister site, not a
                // successor), and of the platform's domains live now only one that was not live then can have taken over.
                var wentDark = domain.DarkSince ?? now;
                var lastLive = await read.CrawlRuns
                    .Where(r => r.PlatformId == platformId && r.Id != runId && r.Status == CrawlRunStatus.Completed && r.FinishedAt != null && r.StartedAt < wentDark && r.StartedAt >= domain.FirstSeen)
                    .OrderByDescending(r => r.StartedAt).Select(r => new { r.StartedAt, FinishedAt = r.FinishedAt!.Value }).FirstOrDefaultAsync(ct);
                if (lastLive is null) continue;
                var siblings = alive.Where(d => d.Name != domain.Name && ((d.DarkSince is { } since && since <= lastLive.FinishedAt) || d.FirstSeen > lastLive.StartedAt))
                    .OrderByDescending(d => d.FirstSeen).ThenBy(d => d.Name, StringComparer.Ordinal).Select(d => d.Name).ToList();
                if (await ByIdentifiersAsync(search, domain.Name, siblings, lastLive.FinishedAt, now, ct) is { } byIds)
                    found.Add((domain.Name, byIds.Host, SuccessionVia.Identifiers, [darkEvidence, .. byIds.Evidence]));
            }
        }
        return await RecordAsync(platformId, runId, dark, alive, [.. pending.Select(p => p.Domain.Name)], found, known, now, ct);
    }

    /// <summary>Host names of every platform the owner may see, with the platform they belong to.</summary>
    private static async Task<Dictionary<string, Guid>> KnownDomainsAsync(IsopDb read, CancellationToken ct) =>
        (await read.Platforms.AsNoTracking().Select(p => new { p.Id, p.CreatedAt, Names = p.Domains.Select(d => d.Name).ToList() }).ToListAsync(ct))
        .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
        .SelectMany(p => p.Names.Select(n => (Name: n, PlatformId: p.Id)))
        .GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().PlatformId, StringComparer.Ordinal);

    /// <summary>
    /// The platforms whose records may shape this platform's successions: those everyone who may see the platform may
    /// see too. CLEAR ones; GREEN ones unless the platform is CLEAR; stricter ones only of the same owner, no less
    /// strict than the platform, and shared with everyone the platform is shared with.
    /// </summary>
    private async Task<HashSet<Guid>> UsableSourcesAsync(IsopDb read, Platform platform, CancellationToken ct)
    {
        var visible = await read.Platforms.AsNoTracking().Select(p => new { p.Id, p.Tlp, p.OwnerOrganisationId }).ToListAsync(ct);
        var strict = visible.Where(v => v.Tlp >= Tlp.Amber && v.OwnerOrganisationId == platform.OwnerOrganisationId && v.Tlp <= platform.Tlp).Select(v => v.Id).ToList();
        var shares = new Dictionary<Guid, HashSet<(Guid?, Guid?)>>();
        if (strict.Count > 0)
        {
            await using var system = contexts.For(Caller.System("monitor"));
            var ids = strict.Append(platform.Id).ToList();
            foreach (var g in (await system.Shares.AsNoTracking().Where(s => ids.Contains(s.RecordId)).ToListAsync(ct)).GroupBy(s => s.RecordId))
                shares[g.Key] = [.. g.Select(s => (s.OrganisationId, s.MemberId))];
        }
        var mine = shares.GetValueOrDefault(platform.Id) ?? [];
        return [.. visible.Where(v =>
            v.Id == platform.Id
            || v.Tlp == Tlp.Clear
            || (v.Tlp == Tlp.Green && platform.Tlp >= Tlp.Green)
            || (strict.Contains(v.Id) && mine.IsSubsetOf(shares.GetValueOrDefault(v.Id) ?? [])))
            .Select(v => v.Id)];
    }

    /// <summary>The identities (strong and medium) of the platform's own sightings.</summary>
    private static async Task<HashSet<string>> KeysAsync(IsopDb read, Guid platformId, CancellationToken ct) =>
        [.. await read.SignalSightings.AsNoTracking().Where(s => s.PlatformId == platformId && s.Identity != null && s.Identity != "").Select(s => s.Identity!).Distinct().ToListAsync(ct)];

    private static bool Acceptable(string host, out string normalised)
    {
        normalised = "";
        if (!DomainNames.TryNormalise(host, out var name, out _)) return false;
        if (NeverSuccessors.Any(n => name == n || name.EndsWith("." + n, StringComparison.Ordinal))) return false;
        normalised = name;
        return true;
    }

    /// <summary>A successor announced by the old domain (redirect, notice) or by an address list, fetched and recognised.</summary>
    private async Task<(string Host, string Via, List<SuccessionEvidence> Evidence)?> AnnouncedAsync(Search search, string darkDomain, SeedResult seed, CancellationToken ct)
    {
        var candidates = new List<(string Host, string Via, SuccessionEvidence Evidence)>();
        if (seed.FinalUrl is not null && Uri.TryCreate(seed.FinalUrl, UriKind.Absolute, out var final) && Urls.Site(final.IdnHost) != Urls.Site(darkDomain))
            candidates.Add((final.IdnHost, SuccessionVia.Redirect, new SuccessionEvidence("redirect", seed.Url, $"{seed.Url} → {seed.FinalUrl}", seed.RedirectWarcFile ?? seed.WarcFile, seed.RedirectWarcOffset ?? seed.WarcOffset)));
        foreach (var host in (seed.Moved?.Hosts ?? []).Take(MaxCandidatesPerSource))
            candidates.Add((host, SuccessionVia.Notice, new SuccessionEvidence("notice", seed.Url, seed.Moved!.Phrase, seed.WarcFile, seed.WarcOffset)));
        foreach (var (link, page, list) in (await AddressListEntriesAsync(search, darkDomain, ct)).Take(MaxCandidatesPerSource))
            candidates.Add((link.Host, SuccessionVia.AddressList, new SuccessionEvidence("address-list", page.FinalUrl ?? page.Url, $"\"{link.Label}\" → {link.Url}", page.WarcFile, page.WarcOffset, list)));
        var mine = search.Platform.Domains.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var usable = new List<(string Host, string Via, SuccessionEvidence Evidence)>();
        foreach (var c in candidates)
        {
            if (!Acceptable(c.Host, out var host) || Urls.Site(host) == Urls.Site(darkDomain) || !search.Reachable(host) || usable.Any(u => u.Host == host)) continue;
            // A notice or a list entry that points at another platform's domain names a sister site, not a successor.
            if (c.Via != SuccessionVia.Redirect && !mine.Contains(host) && search.Known.ContainsKey(host)) continue;
            usable.Add((host, c.Via, c.Evidence));
        }
        if (usable.Count == 0) return null;
        var pages = await search.FetchAsync(usable.Select(c => search.Home(c.Host)), ct);
        foreach (var c in usable)
        {
            if (pages.FirstOrDefault(p => p.Depth == 0 && new Uri(p.Url).IdnHost == c.Host) is not { } page || !LiveAt(page, c.Host)) continue;
            if (Recognised(search, darkDomain, c.Host, page) is not { } why) continue;
            var result = SeedResult.Of(page, null);
            return (c.Host, c.Via, [c.Evidence, new SuccessionEvidence("successor", page.FinalUrl ?? page.Url, $"HTTP {page.Status}: {page.Title}; {why}", result.WarcFile, result.WarcOffset)]);
        }
        return null;
    }

    /// <summary>Whether a fetched home page is a live site on that host (not parked, not a notice, not a redirect elsewhere).</summary>
    private static bool LiveAt(CrawledPage page, string host)
    {
        var result = SeedResult.Of(page, null);
        return result.Alive && result.DarkReason() is null && (page.FinalUrl is null || Urls.Site(new Uri(page.FinalUrl).IdnHost) == Urls.Site(host));
    }

    /// <summary>Why the page is the platform's: a strong identifier of the platform on it, or its name (in its host or its title); null when it is neither.</summary>
    private static string? Recognised(Search search, string darkDomain, string host, CrawledPage page)
    {
        var hosts = search.Platform.Domains.Select(d => d.Name).Append(host).ToList();
        foreach (var signal in page.Signals)
            if (SignalIdentity.Of(signal.Type, signal.Value) is { } identity && search.Keys.Contains(identity.Key)
                && (identity.Family == "email" ? SignalIdentity.EmailStrength(identity.Value, hosts) : identity.Strength) == SignalStrength.Strong)
                return $"shows the platform's {identity.Family} {identity.Value}";
        if (Stem(host) is { Length: >= 4 } stem && stem == Stem(darkDomain)) return $"the same name as {darkDomain}";
        var title = Normalise(page.Title ?? "");
        if (NamesOf(search.Platform, darkDomain).FirstOrDefault(n => n.Length >= 4 && title.Contains(n, StringComparison.Ordinal)) is { } name) return $"its title names {name}";
        return null;
    }

    private static string Stem(string host) => Normalise(host.Split('.')[0]).TrimEnd("0123456789".ToCharArray());

    /// <summary>
    /// Entries of usable address-list platforms whose label names the platform or the dark domain, read fresh (once
    /// per run): the lists' pages are fetched again now, since an entry stored before the move shows the old domain.
    /// </summary>
    private static async Task<List<(Outlink Link, CrawledPage Page, Guid List)>> AddressListEntriesAsync(Search search, string darkDomain, CancellationToken ct)
    {
        if (search.Lists is null)
        {
            var lists = await search.Read.Platforms.AsNoTracking().Where(p => p.Kind == PlatformKind.AddressList && p.Id != search.Platform.Id).ToListAsync(ct);
            lists = [.. lists.Where(l => search.Usable.Contains(l.Id))];
            var ids = lists.Select(l => l.Id).ToList();
            var stored = ids.Count == 0 ? [] : await search.Read.LinkSightings.AsNoTracking().Where(l => ids.Contains(l.PlatformId) && l.PageUrl != null)
                .Select(l => l.PageUrl!).Distinct().Take(10).ToListAsync(ct);
            var urls = stored.Concat(lists.SelectMany(l => l.Monitor.SeedList))
                .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var x) ? x : null).OfType<Uri>()
                .Concat(lists.SelectMany(l => l.Domains).Select(d => search.Home(d.Name)))
                .Where(u => search.Reachable(u.IdnHost)).DistinctBy(u => u.AbsoluteUri).Take(10).ToList();
            // Each page is the list's whose domain it is on: the evidence names its source, so that the lineage is read under the source's TLP too.
            var listOf = lists.SelectMany(l => l.Domains.Select(d => (d.Name, l.Id))).DistinctBy(x => x.Name).ToDictionary(x => x.Name, x => x.Id, StringComparer.Ordinal);
            search.Lists = [.. (await search.FetchAsync(urls, ct))
                .Select(p => (Page: p, List: listOf.TryGetValue(new Uri(p.FinalUrl ?? p.Url).IdnHost, out var id) ? id : listOf.GetValueOrDefault(new Uri(p.Url).IdnHost)))
                .Where(x => x.List != Guid.Empty)
                .SelectMany(x => x.Page.Outlinks.Select(l => (Link: l, x.Page, x.List)))];
        }
        var names = NamesOf(search.Platform, darkDomain);
        return [.. search.Lists.Where(x => x.Link.Label is { } label && names.Contains(Normalise(label)))];
    }

    /// <summary>What an address list may call the platform: its name (without a parenthesis), and each domain's first label, with and without its number; never a generic word.</summary>
    private static HashSet<string> NamesOf(Platform platform, string darkDomain)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(string text)
        {
            var n = Normalise(text);
            if (n.Length >= 4 && !GenericNames.Contains(n)) names.Add(n);
            var stem = n.TrimEnd("0123456789".ToCharArray());
            if (stem.Length >= 4 && !GenericNames.Contains(stem)) names.Add(stem);
        }
        Add(platform.Name);
        if (platform.Name.IndexOf('(') is > 0 and var paren) Add(platform.Name[..paren]);
        foreach (var d in platform.Domains.Select(d => d.Name).Append(darkDomain)) Add(d.Split('.')[0]);
        return names;
    }

    private static string Normalise(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>
    /// Hosts linked from usable platforms' pages that no platform the owner sees has, fetched to see whether they show
    /// the platform's own strong identifiers (not those it shares with sister sites): two families of them, or one on
    /// a host with the dark domain's name. The pages that linked to the dark domain are read again first: a partner
    /// block or a forum post now links to where it went. <paramref name="liveAt"/> is when the last completed run, which
    /// saw the dark domain live, finished: what was seen before then was seen while it lived.
    /// </summary>
    private async Task<(string Host, List<SuccessionEvidence> Evidence)?> ByIdentifiersAsync(Search search, string darkDomain, IReadOnlyList<string> siblings, DateTimeOffset liveAt, DateTimeOffset now, CancellationToken ct)
    {
        var platform = search.Platform;
        var read = search.Read;
        var usable = search.Usable.Where(id => id != platform.Id).ToList();
        var ownKeys = read.SignalSightings.Where(s => s.PlatformId == platform.Id && s.Identity != null && s.Identity != "").Select(s => s.Identity);
        var sharedKeys = read.SignalSightings.Where(s => s.PlatformId != platform.Id && usable.Contains(s.PlatformId) && ownKeys.Contains(s.Identity)).Select(s => s.Identity);
        var own = await read.SignalSightings.AsNoTracking()
            .Where(s => s.PlatformId == platform.Id && s.Identity != null && s.Identity != "" && !sharedKeys.Contains(s.Identity))
            .ToListAsync(ct);
        if (own.Count == 0) return null;
        var ownByKey = own.GroupBy(s => s.Identity!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var mine = platform.Domains.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        bool Unknown(string host) => !search.Known.ContainsKey(host) && !mine.Contains(host) && search.Reachable(host) && Acceptable(host, out var n) && n == host;

        var referrers = await read.LinkSightings.AsNoTracking().Where(l => l.Host == darkDomain && usable.Contains(l.PlatformId) && l.PageUrl != null)
            .OrderByDescending(l => l.LastSeen).Select(l => l.PageUrl!).Take(50).ToListAsync(ct);
        var again = referrers.Distinct(StringComparer.Ordinal).Select(u => Uri.TryCreate(u, UriKind.Absolute, out var x) ? x : null).OfType<Uri>()
            .Where(u => search.Reachable(u.IdnHost)).Take(MaxCandidatesPerSource).ToList();
        var fresh = (await search.FetchAsync(again, ct)).SelectMany(p => p.Outlinks).Select(l => l.Host).Where(Unknown).Distinct(StringComparer.Ordinal).ToList();
        var since = now.AddDays(-30);
        var stored = await read.LinkSightings.AsNoTracking().Where(l => l.LastSeen >= since && usable.Contains(l.PlatformId))
            .GroupBy(l => l.Host).Select(g => new { Host = g.Key, Platforms = g.Select(l => l.PlatformId).Distinct().Count(), First = g.Min(l => l.FirstSeen), Last = g.Max(l => l.LastSeen) })
            .Where(g => g.First >= liveAt)
            .OrderByDescending(g => g.Last).Take(2_000).ToListAsync(ct);
        var darkStem = Stem(darkDomain);
        var pool = fresh.Concat(stored
            .Where(l => l.Platforms <= settings.CommonAt && Unknown(l.Host))
            .OrderByDescending(l => Stem(l.Host) == darkStem).ThenByDescending(l => l.Last).ThenBy(l => l.Host, StringComparer.Ordinal)
            .Select(l => l.Host))
            .Distinct(StringComparer.Ordinal).Take(2 * MaxCandidatesPerSource).ToList();
        // A host linked, by the platform itself or a source, since before the dark domain was last seen live lived beside it.
        var beside = await read.LinkSightings.AsNoTracking().Where(l => pool.Contains(l.Host) && l.FirstSeen < liveAt && (l.PlatformId == platform.Id || usable.Contains(l.PlatformId)))
            .Select(l => l.Host).Distinct().ToListAsync(ct);
        pool.RemoveAll(beside.Contains);
        // The platform's own domains live in this run come first: a person may have added the successor already.
        pool = [.. siblings.Where(search.Reachable).Take(MaxCandidatesPerSource), .. pool];
        var pages = await search.FetchAsync(pool.Select(search.Home), ct);
        foreach (var host in pool)
        {
            if (pages.FirstOrDefault(p => p.Depth == 0 && new Uri(p.Url).IdnHost == host) is not { } page || !LiveAt(page, host)) continue;
            var hosts = platform.Domains.Select(d => d.Name).Append(host).ToList();
            // On a domain of the platform itself, only identifiers the platform showed before the last run count: what the
            // candidate shows now was sighted on it too, and proves nothing.
            var sibling = siblings.Contains(host, StringComparer.Ordinal);
            var matches = pages.Where(p => new Uri(p.Url).IdnHost == host).SelectMany(p => p.Signals)
                .Select(s => SignalIdentity.Of(s.Type, s.Value))
                .Where(x => x is not null && ownByKey.TryGetValue(x.Key, out var seen) && (!sibling || seen.FirstSeen < liveAt)
                            && (x.Family == "email" ? SignalIdentity.EmailStrength(x.Value, hosts) : x.Strength) == SignalStrength.Strong)
                .DistinctBy(x => x!.Key).ToList();
            var families = matches.Select(m => m!.Family).Distinct(StringComparer.Ordinal).Count();
            if (families < 2 && !(families == 1 && Stem(host) == darkStem)) continue;
            var result = SeedResult.Of(page, null);
            var evidence = new List<SuccessionEvidence> { new("successor", page.FinalUrl ?? page.Url, $"HTTP {page.Status}: {page.Title}", result.WarcFile, result.WarcOffset) };
            foreach (var identity in matches)
            {
                var before = ownByKey[identity!.Key];
                evidence.Add(new SuccessionEvidence("identifier", before.PageUrl, $"{identity.Family} {identity.Value}: seen on {platform.Name} {before.FirstSeen:O} – {before.LastSeen:O}, and on {host}", before.WarcFile, before.WarcOffset));
            }
            return (host, evidence);
        }
        return null;
    }

    /// <summary>The evidence as stored: whole, or the first items that fit the column.</summary>
    private static string EvidenceJson(List<SuccessionEvidence> evidence)
    {
        for (var count = evidence.Count; ; count--)
        {
            var json = JsonSerializer.Serialize(evidence.Take(count), JsonSerializerOptions.Web);
            if (json.Length <= 8000 || count <= 1) return json.Length <= 8000 ? json : "[]";
        }
    }

    /// <summary>Marks domains dark or live again, registers each successor, and keeps the lineage, in one transaction.</summary>
    private async Task<IReadOnlyList<FoundSuccession>> RecordAsync(
        Guid platformId, Guid runId, List<(PlatformDomain Domain, SeedResult Seed, string Reason)> dark, List<PlatformDomain> alive, List<string> searched,
        List<(string From, string To, string Via, List<SuccessionEvidence> Evidence)> found, Dictionary<string, Guid> known, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = contexts.For(Caller.System("monitor"));
        var platform = await db.Platforms.SingleAsync(p => p.Id == platformId, ct);
        var changed = false;
        foreach (var (domain, _, reason) in dark)
            if (platform.Domains.FirstOrDefault(d => d.Name == domain.Name) is { DarkSince: null } d)
            {
                d.DarkSince = now;
                d.DarkReason = ObservationStore.Clip(reason, 200);
                changed = true;
            }
        foreach (var name in searched)
            if (platform.Domains.FirstOrDefault(d => d.Name == name) is { } d)
            {
                d.SuccessorSearchedAt = now;
                changed = true;
            }
        foreach (var domain in alive)
            if (platform.Domains.FirstOrDefault(d => d.Name == domain.Name) is { DarkSince: not null } d)
            {
                d.DarkSince = null;
                d.DarkReason = null;
                d.SuccessorSearchedAt = null;
                changed = true;
            }
        var results = new List<FoundSuccession>();
        foreach (var (from, to, via, evidence) in found)
        {
            // Only a platform the owner may see can be named; a domain of one it may not see is like any unknown host.
            Guid? other = known.TryGetValue(to, out var owner) && owner != platformId ? owner : null;
            var added = other is null && platform.Domains.All(d => d.Name != to);
            if (added)
            {
                platform.Domains.Add(new PlatformDomain { Name = to, FirstSeen = now, Discovered = true });
                // Start pages on the old domain are carried to the new one, within the settings' limits.
                var seeds = platform.Monitor.SeedList.ToList();
                foreach (var seed in seeds.ToList())
                    if (Uri.TryCreate(seed, UriKind.Absolute, out var u) && u.IdnHost == from)
                        seeds.Add(new UriBuilder(u) { Host = to }.Uri.AbsoluteUri);
                var carried = seeds.Distinct(StringComparer.Ordinal).Take(200).ToList();
                while (carried.Count > 0 && string.Join('\n', carried).Length > 20_000) carried.RemoveAt(carried.Count - 1);
                platform.Monitor.Seeds = string.Join('\n', carried);
            }
            db.DomainSuccessions.Add(new DomainSuccession
            {
                PlatformId = platformId, FromDomain = from, ToDomain = to, ToPlatformId = other, Via = via, At = now, RunId = runId,
                Evidence = EvidenceJson(evidence),
            });
            results.Add(new FoundSuccession(from, to, via, other, added));
            changed = true;
        }
        if (changed)
        {
            platform.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
        }
        return results;
    }
}
