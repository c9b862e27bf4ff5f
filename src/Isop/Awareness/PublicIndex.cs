using System.Collections.Frozen;
using Isop.Access;
using Isop.Data;
using Isop.Enforcement;
using Isop.Operations;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Awareness;

/// <summary>What the public may read of a site: a known piracy platform, or a legal service.</summary>
public enum Verdict
{
    Unknown,
    Piracy,
    Network,
    Blocked,
    TakenDown,
    Legal,
}

/// <summary>A jurisdiction where a platform is blocked, and since when.</summary>
public sealed record PublicBlock(string Jurisdiction, DateTimeOffset Since);

/// <summary>A legal offer of a work the site offers: the work's title, the service, its link, and the country (none: everywhere).</summary>
public sealed record PublicOffer(Guid WorkId, IReadOnlyList<Catalogue.CatalogueTitle> Titles, string Service, string Url, IReadOnlyList<string> Countries);

/// <summary>A TLP:CLEAR platform as the public sees it.</summary>
public sealed record PublicPlatform(Guid Id, string Name, PlatformKind Kind, DateTimeOffset Since, int NetworkSize, IReadOnlyList<PublicBlock> Blocked, IReadOnlyList<PublicOffer> Offers);

/// <summary>One name of the index: a platform's domain (dark since when, if it is), or a legal service's.</summary>
public sealed record PublicName(PublicPlatform? Platform, DateTimeOffset? DarkSince, string? LegalService);

/// <summary>
/// Everything the public answers come from, and nothing else: TLP:CLEAR platforms, their CLEAR decisions in force,
/// operations seen in CLEAR sightings, CLEAR works' legal offers, and the allow-list. Read through the anonymous
/// caller's visibility filter, so a record at GREEN or stricter is not in it at all: looking up its domain is the
/// same work, with the same answer, as looking up a domain no one ever recorded.
/// </summary>
public sealed class PublicSnapshot(FrozenDictionary<string, PublicName> names, DateTimeOffset builtAt, PublicStatistics? statistics = null,
    FrozenDictionary<string, string>? shortLinks = null)
{
    private readonly FrozenDictionary<string, string> _shortLinks = shortLinks ?? FrozenDictionary<string, string>.Empty;

    /// <summary>
    /// What to look up for an input: a short link that monitoring followed (for a CLEAR platform) stands for where it
    /// led; any other input for itself.
    /// </summary>
    public (SiteInput Site, string? ShortLink) Resolve(SiteInput input)
    {
        if (ShortLinks.KeyOf(input.Host, input.PathAndQuery) is { } key && _shortLinks.TryGetValue(key, out var target) && SiteInput.TryRead(target, out var site, out _))
            return (site, key);
        return (input, null);
    }

    public static readonly PublicSnapshot Empty = new(FrozenDictionary<string, PublicName>.Empty, DateTimeOffset.UnixEpoch);

    public DateTimeOffset BuiltAt { get; } = builtAt;

    /// <summary>The public statistics, counted from the same TLP:CLEAR records as the answers.</summary>
    public PublicStatistics Statistics { get; } = statistics ?? PublicStatistics.None(builtAt);

    public int Count => names.Count;

    /// <summary>The most specific name that covers the input (its host, then each parent): the same number of lookups for any input of that shape.</summary>
    public (string? Name, PublicName? Entry) Find(SiteInput input)
    {
        string? found = null;
        PublicName? entry = null;
        foreach (var candidate in input.Candidates)
        {
            if (names.TryGetValue(candidate, out var e) && found is null) (found, entry) = (candidate, e);
        }
        return (found, entry);
    }

    public static Verdict VerdictOf(PublicName? entry, DateTimeOffset now) => entry switch
    {
        null => Verdict.Unknown,
        { LegalService: not null } => Verdict.Legal,
        { Platform.Blocked.Count: > 0 } => Verdict.Blocked,
        { DarkSince: { } dark } when dark <= now => Verdict.TakenDown,
        { Platform.NetworkSize: > 1 } => Verdict.Network,
        _ => Verdict.Piracy,
    };
}

/// <summary>One month of the public statistics: what was found, taken down, blocked and sent in it.</summary>
public sealed record PublicMonth(string Month, int Found, int TakenDown, int Blocked, int NoticesSent);

/// <summary>
/// The numbers campaigns use, from TLP:CLEAR records only: platforms known (by kind), taken down (every domain dark),
/// blocked somewhere (by jurisdiction), takedown notices sent, works in the catalogue, legal services, and the last
/// twelve months.
/// </summary>
public sealed record PublicStatistics(DateTimeOffset GeneratedAt, int Platforms, IReadOnlyDictionary<PlatformKind, int> ByKind, int TakenDown, int Blocked,
    IReadOnlyDictionary<string, int> BlockedIn, int NoticesSent, int WorksProtected, int LegalServices, int Networks, IReadOnlyList<PublicMonth> Months)
{
    public static PublicStatistics None(DateTimeOffset at) => new(at, 0, new Dictionary<PlatformKind, int>(), 0, 0, new Dictionary<string, int>(), 0, 0, 0, 0, MonthsTo(at, [], [], [], []));

    /// <summary>The twelve months up to <paramref name="now"/>'s, oldest first, each with its counts.</summary>
    public static IReadOnlyList<PublicMonth> MonthsTo(DateTimeOffset now, IEnumerable<DateTimeOffset> found, IEnumerable<DateTimeOffset> down, IEnumerable<DateTimeOffset> blocked, IEnumerable<DateTimeOffset> sent)
    {
        static string Key(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var first = new DateTime(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-11);
        var keys = Enumerable.Range(0, 12).Select(i => first.AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Dictionary<string, int> Count(IEnumerable<DateTimeOffset> times) => times.Where(t => t <= now).GroupBy(Key).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var (f, d, b, n) = (Count(found), Count(down), Count(blocked), Count(sent));
        return [.. keys.Select(k => new PublicMonth(k, f.GetValueOrDefault(k), d.GetValueOrDefault(k), b.GetValueOrDefault(k), n.GetValueOrDefault(k)))];
    }
}

/// <summary>How public answers are kept and limited (<c>Isop:Public:*</c>).</summary>
public sealed record PublicSettings(TimeSpan Refresh, int PerMinute, IReadOnlyList<System.Net.IPAddress> Exempt)
{
    public const string Section = "Isop:Public";

    /// <summary>Tips one client address may send an hour (<c>TipsPerHour</c>, default 10).</summary>
    public int TipsPerHour { get; init; } = 10;
    /// <summary>Leading zero bits of a tip's proof of work (<c>TipDifficulty</c>, 0 to 28, default 16).</summary>
    public int TipDifficulty { get; init; } = 16;
    /// <summary>How long after its token a tip may be sent (<c>TipMinSeconds</c>, default 3): a person reads and types.</summary>
    public TimeSpan TipMinDelay { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Tips waiting for triage at most (<c>MaxOpenTips</c>, default 10,000); beyond, new sites wait (503).</summary>
    public int MaxOpenTips { get; init; } = 10_000;
    /// <summary>The organisation that receives tips, by name (<c>TipsOrganisation</c>); default the first secretariat.</summary>
    public string? TipsOrganisation { get; init; }

    public static PublicSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var refresh = Number(section, "RefreshSeconds", 60, 1, 86_400);
        var perMinute = Number(section, "RateLimitPerMinute", 60, 1, 1_000_000);
        var exempt = new List<System.Net.IPAddress>();
        foreach (var child in section.GetSection("RateLimitExempt").GetChildren().Select(c => c.Value).Append(section["RateLimitExempt"]))
        {
            foreach (var text in (child ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (!System.Net.IPAddress.TryParse(text, out var address))
                    throw new InvalidOperationException($"{Section}:RateLimitExempt: expected client addresses such as 127.0.0.1, got \"{text}\"");
                exempt.Add(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
            }
        }
        return new PublicSettings(TimeSpan.FromSeconds(refresh), perMinute, exempt)
        {
            TipsPerHour = Number(section, "TipsPerHour", 10, 1, 1_000_000),
            TipDifficulty = Number(section, "TipDifficulty", 16, 0, 28),
            TipMinDelay = TimeSpan.FromSeconds(Number(section, "TipMinSeconds", 3, 0, 3_000)),
            MaxOpenTips = Number(section, "MaxOpenTips", 10_000, 1, 10_000_000),
            TipsOrganisation = string.IsNullOrWhiteSpace(section["TipsOrganisation"]) ? null : section["TipsOrganisation"]!.Trim(),
        };
    }

    /// <summary>A whole number setting: absent gives the default; anything else out of range stops the server with the setting's name.</summary>
    private static int Number(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text)) return fallback;
        if (!int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new InvalidOperationException($"{Section}:{key}: expected a whole number from {min} to {max}, got \"{text}\"");
        return n;
    }

    public bool IsExempt(System.Net.IPAddress? address) =>
        address is not null && Exempt.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}

/// <summary>
/// The public index: built from the database as the anonymous caller sees it, again when a record it depends on
/// changed in this process (the first answer after waits for it), and every <see cref="PublicSettings.Refresh"/> in any
/// case (changes made by a command beside the server, and monitoring's recognitions).
/// </summary>
public sealed class PublicIndex(IsopDbFactory contexts, OperationSettings operations, PublicSettings settings, TimeProvider time)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StrongBox> Versions = new(StringComparer.Ordinal);
    private readonly StrongBox _version = Versions.GetOrAdd(contexts.Settings.ConnectionString, _ => new StrongBox());
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile PublicSnapshot _snapshot = PublicSnapshot.Empty;
    private long _builtFrom = -1;

    private sealed class StrongBox
    {
        public long Value;
    }

    /// <summary>The database calls it when a record public answers depend on changed (a platform, a decision, a work, the allow-list).</summary>
    /// <summary>How many changes to what public answers come from this process has seen for a database.</summary>
    public static long VersionOf(string? database) => Interlocked.Read(ref Versions.GetOrAdd(database ?? "", _ => new StrongBox()).Value);

    public static void Changed(string? database) => Interlocked.Increment(ref Versions.GetOrAdd(database ?? "", _ => new StrongBox()).Value);

    /// <summary>The current index: rebuilt first when a record it depends on changed, or it is older than the refresh period.</summary>
    public async ValueTask<PublicSnapshot> CurrentAsync(CancellationToken ct)
    {
        var version = Interlocked.Read(ref _version.Value);
        var snapshot = _snapshot;
        if (version == Interlocked.Read(ref _builtFrom) && time.GetUtcNow() - snapshot.BuiltAt < settings.Refresh) return snapshot;
        return await RebuildAsync(ct);
    }

    /// <summary>Whether <paramref name="snapshot"/> is the index an answer would come from now (no change since, not older than the refresh period).</summary>
    public bool IsCurrent(PublicSnapshot snapshot) =>
        ReferenceEquals(snapshot, _snapshot) && Interlocked.Read(ref _version.Value) == Interlocked.Read(ref _builtFrom) && time.GetUtcNow() - snapshot.BuiltAt < settings.Refresh;

    /// <summary>Builds the index now (one build at a time; a caller that waited for another's build takes it).</summary>
    public async Task<PublicSnapshot> RebuildAsync(CancellationToken ct)
    {
        var wanted = Interlocked.Read(ref _version.Value);
        await _building.WaitAsync(ct);
        try
        {
            if (Interlocked.Read(ref _builtFrom) >= wanted && time.GetUtcNow() - _snapshot.BuiltAt < settings.Refresh) return _snapshot;
            var version = Interlocked.Read(ref _version.Value);
            // Built to the end even if the asker gives up: the next one takes it.
            _snapshot = await BuildAsync(CancellationToken.None);
            Interlocked.Exchange(ref _builtFrom, version);
            return _snapshot;
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<PublicSnapshot> BuildAsync(CancellationToken ct)
    {
        await using var db = contexts.For(Caller.Anonymous);
        var now = time.GetUtcNow();
        var platforms = await db.Platforms.AsNoTracking().Where(p => p.Tlp == Tlp.Clear).ToListAsync(ct);
        var decisions = await db.BlockingDecisions.AsNoTracking()
            .Where(d => d.Tlp == Tlp.Clear && d.RevokedAt == null && d.DecidedAt <= now && (d.Until == null || d.Until > now))
            .Select(d => new { d.PlatformId, d.Jurisdiction, d.DecidedAt }).ToListAsync(ct);
        var network = new Dictionary<Guid, int>();
        var networks = 0;
        foreach (var operation in await new OperationFinder(db, operations).FindAsync(ct))
        {
            if (operation.Platforms.Count > 1) networks++;
            foreach (var p in operation.Platforms) network[p.Id] = Math.Max(network.GetValueOrDefault(p.Id), operation.Platforms.Count);
        }
        var recognised = await db.Recognitions.AsNoTracking().Where(r => r.WorkId != null && !r.OwnerOnly)
            .GroupBy(r => new { r.PlatformId, WorkId = r.WorkId!.Value }).Select(g => new { g.Key.PlatformId, g.Key.WorkId, Count = g.Count() }).ToListAsync(ct);
        var workIds = recognised.Select(r => r.WorkId).Distinct().ToList();
        var works = await db.Works.AsNoTracking().Where(w => w.Tlp == Tlp.Clear && w.Offers.Any() && workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var offerWorks = await db.Works.AsNoTracking().Where(w => w.Tlp == Tlp.Clear && w.Offers.Any()).Select(w => w.Offers.Select(o => new { o.Service, o.Url }).ToList()).ToListAsync(ct);

        var names = new Dictionary<string, PublicName>(StringComparer.Ordinal);
        var (found, down, blockedAt) = (new List<DateTimeOffset>(), new List<DateTimeOffset>(), new List<DateTimeOffset>());
        var byKind = new Dictionary<PlatformKind, int>();
        var blockedIn = new Dictionary<string, int>(StringComparer.Ordinal);
        var (takenDown, blockedCount) = (0, 0);
        foreach (var platform in platforms)
        {
            var blocked = decisions.Where(d => d.PlatformId == platform.Id).GroupBy(d => d.Jurisdiction)
                .Select(g => new PublicBlock(g.Key, g.Min(d => d.DecidedAt))).OrderBy(b => b.Jurisdiction, StringComparer.Ordinal).ToList();
            var offers = recognised.Where(r => r.PlatformId == platform.Id && works.ContainsKey(r.WorkId)).OrderByDescending(r => r.Count).Take(10)
                .SelectMany(r => works[r.WorkId].OrderedOffers().Select(o => new PublicOffer(r.WorkId,
                    [.. works[r.WorkId].OrderedTitles().Select(t => new Catalogue.CatalogueTitle(t.Text, t.Language))], o.Service, o.Url, o.CountryList)))
                .ToList();
            var since = platform.Domains.Select(d => d.FirstSeen).Where(f => f > DateTimeOffset.UnixEpoch).DefaultIfEmpty(platform.CreatedAt).Min();
            var entry = new PublicPlatform(platform.Id, platform.Name, platform.Kind, since, network.GetValueOrDefault(platform.Id, 1), blocked, offers);
            // Taken down: every domain of the platform is dark. A dark domain of a platform alive under another name is
            // the platform's (it moved), not a site taken down.
            var allDark = platform.Domains.Count > 0 && platform.Domains.All(d => d.DarkSince is { } dark && dark <= now);
            DateTimeOffset? downSince = allDark ? platform.Domains.Max(d => d.DarkSince!.Value) : null;
            foreach (var domain in platform.Domains)
                names.TryAdd(domain.Name, new PublicName(entry, downSince, null));
            found.Add(since);
            byKind[platform.Kind] = byKind.GetValueOrDefault(platform.Kind) + 1;
            if (downSince is { } gone)
            {
                takenDown++;
                down.Add(gone);
            }
            if (blocked.Count > 0)
            {
                blockedCount++;
                blockedAt.Add(blocked.Min(b => b.Since));
                foreach (var b in blocked) blockedIn[b.Jurisdiction] = blockedIn.GetValueOrDefault(b.Jurisdiction) + 1;
            }
        }
        // A legal service outranks a platform on the same name: the allow-list's domains are never called piracy.
        foreach (var allowed in await AllowLists.NamesAsync(db, ct))
            names[allowed] = new PublicName(null, null, names.TryGetValue(allowed, out var e) && e.LegalService is { } s ? s : "");
        foreach (var offer in offerWorks.SelectMany(o => o))
        {
            var host = new Uri(offer.Url).IdnHost.ToLowerInvariant().TrimEnd('.');
            if (host.StartsWith("www.", StringComparison.Ordinal)) host = host[4..];
            if (names.TryGetValue(host, out var e) && e.Platform is not null) continue;
            names[host] = new PublicName(null, null, e?.LegalService is { Length: > 0 } known ? known : offer.Service);
        }
        var sent = await db.Notices.AsNoTracking().Where(n => n.Tlp == Tlp.Clear && n.SentAt != null).Select(n => n.SentAt!.Value).ToListAsync(ct);
        var worksProtected = await db.Works.AsNoTracking().CountAsync(w => w.Tlp == Tlp.Clear, ct);
        var statistics = new PublicStatistics(now, platforms.Count, byKind, takenDown, blockedCount, blockedIn, sent.Count(t => t <= now), worksProtected,
            names.Values.Where(n => n.LegalService is { Length: > 0 }).Select(n => n.LegalService).Distinct(StringComparer.Ordinal).Count(), networks,
            PublicStatistics.MonthsTo(now, found, down, blockedAt, sent));
        var shortLinks = (await db.ShortLinks.AsNoTracking().OrderBy(s => s.LastSeen).Select(s => new { s.Link, s.TargetHost }).ToListAsync(ct))
            .GroupBy(s => s.Link, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.Last().TargetHost, StringComparer.Ordinal);
        return new PublicSnapshot(names.ToFrozenDictionary(StringComparer.Ordinal), now, statistics, shortLinks);
    }
}
