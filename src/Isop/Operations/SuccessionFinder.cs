using System.Text.Json;
using Isop.Access;
using Isop.Crawling;
using Isop.Crawling.Crawl;
using Isop.Crawling.Extraction;
using Isop.Crawling.Fetching;
using Isop.Data;
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

    /// <summary>Why the domain is dark, or null when it answers as a site.</summary>
    public string? DarkReason()
    {
        if (FinalUrl is not null && Uri.TryCreate(FinalUrl, UriKind.Absolute, out var final) && Urls.Site(final.IdnHost) != Urls.Site(Host))
            return $"redirects to {final.IdnHost}";
        if (Status is null)
            return Outcome is nameof(FetchOutcome.NetworkError) or nameof(FetchOutcome.Timeout) or nameof(FetchOutcome.Unresolved) or nameof(FetchOutcome.TlsRejected)
                ? $"no answer ({Outcome}{(Problem is null ? "" : ": " + Problem)})"
                : null;
        if (Status is 404 or 410 or 451) return $"HTTP {Status}";
        if (Status is >= 200 and < 300 && Parked) return "parked page";
        if (Status is >= 200 and < 300 && Moved is not null) return $"\"we moved\" notice ({Moved.Phrase})";
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
/// platform's name, and last hosts linked from crawled pages that carry the platform's own strong identifiers. Every
/// candidate is fetched (into the run's evidence) before it is believed: it must answer as a live site. A successor
/// is registered as a discovered domain of the same platform, with its owner, TLP and monitor settings; what the
/// owner's organisation may not see (other organisations' address lists and links) plays no part.
/// </summary>
public sealed class SuccessionFinder(IsopDbFactory contexts, OperationSettings settings, TimeProvider time)
{
    /// <summary>Hosts probed for identifiers per dark domain and run, at most.</summary>
    public const int MaxIdentifierProbes = 20;

    /// <summary>Fetches pages (candidates' homes, address lists) into the run's evidence and returns what each showed, WARC files named relative to the evidence store.</summary>
    public delegate Task<IReadOnlyList<CrawledPage>> Probe(IReadOnlyList<Uri> homes, CancellationToken ct);

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
            if (seeds.FirstOrDefault(s => s.Host == domain.Name) is not { } seed) continue;
            if (seed.DarkReason() is { } reason) dark.Add((domain, seed, reason));
            else alive.Add(domain);
        }
        var decided = await read.DomainSuccessions.Where(s => s.PlatformId == platformId).Select(s => s.FromDomain).ToListAsync(ct);
        var pending = dark.Where(d => !decided.Contains(d.Domain.Name)).ToList();
        var found = new List<(string From, string To, string Via, List<SuccessionEvidence> Evidence)>();
        if (pending.Count > 0)
        {
            var known = await KnownDomainsAsync(read, ct);
            var template = seeds.Select(s => new Uri(s.Url)).First();
            Uri Home(string host) => new UriBuilder(template.Scheme, host, template.IsDefaultPort ? -1 : template.Port, "/").Uri;
            var mine = platform.Domains.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

            foreach (var (domain, seed, reason) in pending)
            {
                var candidates = new List<(string Host, string Via, SuccessionEvidence Evidence)>();
                if (seed.FinalUrl is not null && Uri.TryCreate(seed.FinalUrl, UriKind.Absolute, out var final) && Urls.Site(final.IdnHost) != Urls.Site(domain.Name))
                    candidates.Add((final.IdnHost, SuccessionVia.Redirect, new SuccessionEvidence("redirect", seed.Url, $"{seed.Url} → {seed.FinalUrl}", seed.RedirectWarcFile ?? seed.WarcFile, seed.RedirectWarcOffset ?? seed.WarcOffset)));
                foreach (var host in seed.Moved?.Hosts ?? [])
                    candidates.Add((host, SuccessionVia.Notice, new SuccessionEvidence("notice", seed.Url, seed.Moved!.Phrase, seed.WarcFile, seed.WarcOffset)));
                foreach (var (link, page) in await AddressListEntriesAsync(read, platform, domain.Name, resolve, template, probe, ct))
                    candidates.Add((link.Host, SuccessionVia.AddressList, new SuccessionEvidence("address-list", page.FinalUrl ?? page.Url, $"\"{link.Label}\" → {link.Url}", page.WarcFile, page.WarcOffset)));
                candidates = [.. candidates.Where(c => Urls.Site(c.Host) != Urls.Site(domain.Name) && Reachable(resolve, c.Host, template)).DistinctBy(c => c.Host)];

                var accepted = await FirstAliveAsync(candidates, probe, Home, ct);
                if (accepted is { } a)
                {
                    found.Add((domain.Name, a.Host, a.Via, [new SuccessionEvidence("dark", seed.Url, reason, seed.WarcFile, seed.WarcOffset), a.Evidence, a.Probe]));
                    continue;
                }
                if (await ByIdentifiersAsync(read, platform, domain.Name, known, mine, resolve, template, probe, Home, now, ct) is { } byIds)
                    found.Add((domain.Name, byIds.Host, SuccessionVia.Identifiers, [new SuccessionEvidence("dark", seed.Url, reason, seed.WarcFile, seed.WarcOffset), .. byIds.Evidence]));
            }
        }
        return await RecordAsync(platformId, runId, dark, alive, found, now, ct);
    }

    /// <summary>Host names of every platform the owner may see, with the platform they belong to.</summary>
    private static async Task<Dictionary<string, Guid>> KnownDomainsAsync(IsopDb read, CancellationToken ct) =>
        (await read.Platforms.AsNoTracking().Select(p => new { p.Id, Names = p.Domains.Select(d => d.Name).ToList() }).ToListAsync(ct))
        .SelectMany(p => p.Names.Select(n => (Name: n, PlatformId: p.Id)))
        .GroupBy(d => d.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().PlatformId, StringComparer.Ordinal);

    /// <summary>In a lab (a resolve map), only hosts the map leads somewhere are fetched: nothing is looked up outside it.</summary>
    private static bool Reachable(ResolveMap resolve, string host, Uri template) =>
        resolve.Count == 0 || resolve.Contains(host, template.IsDefaultPort ? (template.Scheme == "https" ? 443 : 80) : template.Port);

    private static async Task<(string Host, string Via, SuccessionEvidence Evidence, SuccessionEvidence Probe)?> FirstAliveAsync(
        List<(string Host, string Via, SuccessionEvidence Evidence)> candidates, Probe probe, Func<string, Uri> home, CancellationToken ct)
    {
        if (candidates.Count == 0) return null;
        var pages = await probe([.. candidates.Select(c => home(c.Host))], ct);
        foreach (var c in candidates)
        {
            if (pages.FirstOrDefault(p => new Uri(p.Url).IdnHost == c.Host) is not { } page) continue;
            var result = SeedResult.Of(page, null);
            if (result.Alive && result.DarkReason() is null)
                return (c.Host, c.Via, c.Evidence, new SuccessionEvidence("successor", page.FinalUrl ?? page.Url, $"HTTP {page.Status}: {page.Title}", result.WarcFile, result.WarcOffset));
        }
        return null;
    }

    /// <summary>
    /// Entries of address-list platforms the owner may see whose label names the platform or the dark domain, read
    /// fresh: the lists' pages are fetched again now (an entry stored before the move still shows the old domain).
    /// </summary>
    private static async Task<List<(Outlink Link, CrawledPage Page)>> AddressListEntriesAsync(
        IsopDb read, Platform platform, string darkDomain, ResolveMap resolve, Uri template, Probe probe, CancellationToken ct)
    {
        var lists = await read.Platforms.AsNoTracking().Where(p => p.Kind == PlatformKind.AddressList && p.Id != platform.Id).ToListAsync(ct);
        if (lists.Count == 0) return [];
        var ids = lists.Select(l => l.Id).ToList();
        var pages = await read.LinkSightings.AsNoTracking().Where(l => ids.Contains(l.PlatformId) && l.PageUrl != null)
            .Select(l => l.PageUrl!).Distinct().Take(20).ToListAsync(ct);
        var urls = pages.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var x) ? x : null).OfType<Uri>()
            .Concat(lists.SelectMany(l => l.Monitor.SeedList).Select(u => Uri.TryCreate(u, UriKind.Absolute, out var x) ? x : null).OfType<Uri>())
            .Concat(lists.SelectMany(l => l.Domains).Select(d => new UriBuilder(template.Scheme, d.Name, template.IsDefaultPort ? -1 : template.Port, "/").Uri))
            .Where(u => Reachable(resolve, u.IdnHost, u)).DistinctBy(u => u.AbsoluteUri).Take(20).ToList();
        if (urls.Count == 0) return [];
        var names = NamesOf(platform, darkDomain);
        return [.. (await probe(urls, ct)).SelectMany(p => p.Outlinks.Select(l => (Link: l, Page: p))).Where(x => x.Link.Label is { } label && names.Contains(Normalise(label)))];
    }

    /// <summary>What an address list may call the platform: its name (without a parenthesis), and each domain's first label, with and without its number.</summary>
    private static HashSet<string> NamesOf(Platform platform, string darkDomain)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void Add(string text)
        {
            var n = Normalise(text);
            if (n.Length >= 3) names.Add(n);
            var stem = n.TrimEnd("0123456789".ToCharArray());
            if (stem.Length >= 3) names.Add(stem);
        }
        Add(platform.Name);
        if (platform.Name.IndexOf('(') is > 0 and var paren) Add(platform.Name[..paren]);
        foreach (var d in platform.Domains.Select(d => d.Name).Append(darkDomain)) Add(d.Split('.')[0]);
        return names;
    }

    private static string Normalise(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    /// <summary>
    /// Hosts linked from crawled pages (the owner's view) that no platform has, fetched to see whether they show the
    /// platform's own strong identifiers: those no other platform shares, so that a sister site's new domain (which
    /// shares the operation's identifiers) is not taken for this one's.
    /// </summary>
    private async Task<(string Host, List<SuccessionEvidence> Evidence)?> ByIdentifiersAsync(
        IsopDb read, Platform platform, string darkDomain, Dictionary<string, Guid> known, HashSet<string> mine, ResolveMap resolve, Uri template,
        Probe probe, Func<string, Uri> home, DateTimeOffset now, CancellationToken ct)
    {
        var ownKeys = read.SignalSightings.Where(s => s.PlatformId == platform.Id && s.Identity != null && s.Identity != "").Select(s => s.Identity);
        var sharedKeys = read.SignalSightings.Where(s => s.PlatformId != platform.Id && ownKeys.Contains(s.Identity)).Select(s => s.Identity);
        var own = await read.SignalSightings.AsNoTracking()
            .Where(s => s.PlatformId == platform.Id && s.Identity != null && s.Identity != "" && !sharedKeys.Contains(s.Identity))
            .ToListAsync(ct);
        if (own.Count == 0) return null;
        var ownByKey = own.GroupBy(s => s.Identity!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var since = now.AddDays(-30);
        var links = await read.LinkSightings.AsNoTracking().Where(l => l.LastSeen >= since)
            .GroupBy(l => l.Host).Select(g => new { Host = g.Key, Platforms = g.Select(l => l.PlatformId).Distinct().Count(), Last = g.Max(l => l.LastSeen) })
            .ToListAsync(ct);
        var darkStem = Normalise(darkDomain.Split('.')[0]).TrimEnd("0123456789".ToCharArray());
        bool Unknown(string host) => !known.ContainsKey(host) && !mine.Contains(host) && Reachable(resolve, host, template);
        // Pages that linked to the dark domain are read again: a partner block or a forum post now links to where it went.
        var referrers = await read.LinkSightings.AsNoTracking().Where(l => l.Host == darkDomain && l.PlatformId != platform.Id && l.PageUrl != null)
            .OrderByDescending(l => l.LastSeen).Select(l => l.PageUrl!).Take(50).ToListAsync(ct);
        var again = referrers.Distinct(StringComparer.Ordinal).Select(u => Uri.TryCreate(u, UriKind.Absolute, out var x) ? x : null).OfType<Uri>()
            .Where(u => Reachable(resolve, u.IdnHost, u)).Take(10).ToList();
        var fresh = again.Count == 0 ? [] : (await probe(again, ct)).SelectMany(p => p.Outlinks).Select(l => l.Host).Where(Unknown).Distinct(StringComparer.Ordinal).ToList();
        var pool = fresh.Concat(links
            .Where(l => l.Platforms <= settings.CommonAt && Unknown(l.Host))
            .OrderByDescending(l => Normalise(l.Host.Split('.')[0]).StartsWith(darkStem, StringComparison.Ordinal))
            .ThenByDescending(l => l.Last).ThenBy(l => l.Host, StringComparer.Ordinal)
            .Select(l => l.Host))
            .Distinct(StringComparer.Ordinal).Take(MaxIdentifierProbes).ToList();
        if (pool.Count == 0) return null;
        var pages = await probe([.. pool.Select(home)], ct);
        foreach (var host in pool)
        {
            var hostPages = pages.Where(p => new Uri(p.Url).IdnHost == host || (p.FinalUrl is not null && new Uri(p.FinalUrl).IdnHost == host)).ToList();
            var page = hostPages.FirstOrDefault(p => p.Depth == 0);
            if (page is null || !SeedResult.Of(page, null).Alive) continue;
            var hosts = platform.Domains.Select(d => d.Name).Append(host).ToList();
            var matches = hostPages.SelectMany(p => p.Signals)
                .Select(s => (Signal: s, Identity: SignalIdentity.Of(s.Type, s.Value)))
                .Where(x => x.Identity is not null && ownByKey.ContainsKey(x.Identity.Key)
                            && (x.Identity.Family == "email" ? SignalIdentity.EmailStrength(x.Identity.Value, hosts) : x.Identity.Strength) == SignalStrength.Strong)
                .DistinctBy(x => x.Identity!.Key).ToList();
            if (matches.Count == 0) continue;
            var result = SeedResult.Of(page, null);
            var evidence = new List<SuccessionEvidence> { new("successor", page.FinalUrl ?? page.Url, $"HTTP {page.Status}: {page.Title}", result.WarcFile, result.WarcOffset) };
            foreach (var (signal, identity) in matches)
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
        Guid platformId, Guid runId, List<(PlatformDomain Domain, SeedResult Seed, string Reason)> dark, List<PlatformDomain> alive,
        List<(string From, string To, string Via, List<SuccessionEvidence> Evidence)> found, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = contexts.For(Caller.System("monitor"));
        var platform = await db.Platforms.SingleAsync(p => p.Id == platformId, ct);
        var changed = false;
        foreach (var (domain, _, reason) in dark)
            if (platform.Domains.FirstOrDefault(d => d.Name == domain.Name) is { DarkSince: null } d)
            {
                d.DarkSince = now;
                d.DarkReason = reason.Length > 200 ? reason[..200] : reason;
                changed = true;
            }
        foreach (var domain in alive)
            if (platform.Domains.FirstOrDefault(d => d.Name == domain.Name) is { DarkSince: not null } d)
            {
                d.DarkSince = null;
                d.DarkReason = null;
                changed = true;
            }
        var results = new List<FoundSuccession>();
        var owners = found.Count == 0 ? [] : await KnownDomainsAsync(db, ct);
        foreach (var (from, to, via, evidence) in found)
        {
            Guid? other = owners.TryGetValue(to, out var owner) && owner != platformId ? owner : null;
            var added = other is null && platform.Domains.All(d => d.Name != to);
            if (added)
            {
                platform.Domains.Add(new PlatformDomain { Name = to, FirstSeen = now, Discovered = true });
                // Start pages on the old domain are carried to the new one.
                var seeds = platform.Monitor.SeedList.ToList();
                foreach (var seed in seeds.ToList())
                    if (Uri.TryCreate(seed, UriKind.Absolute, out var u) && u.IdnHost == from)
                        seeds.Add(new UriBuilder(u) { Host = to }.Uri.AbsoluteUri);
                platform.Monitor.Seeds = string.Join('\n', seeds.Distinct(StringComparer.Ordinal));
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
