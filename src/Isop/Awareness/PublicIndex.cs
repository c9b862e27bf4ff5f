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
public sealed class PublicSnapshot(FrozenDictionary<string, PublicName> names, DateTimeOffset builtAt)
{
    public static readonly PublicSnapshot Empty = new(FrozenDictionary<string, PublicName>.Empty, DateTimeOffset.UnixEpoch);

    public DateTimeOffset BuiltAt { get; } = builtAt;

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

/// <summary>How public answers are kept and limited (<c>Isop:Public:*</c>).</summary>
public sealed record PublicSettings(TimeSpan Refresh, int PerMinute, IReadOnlyList<System.Net.IPAddress> Exempt)
{
    public const string Section = "Isop:Public";

    public static PublicSettings Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var refresh = int.TryParse(section["RefreshSeconds"], out var s) && s > 0 ? s : 60;
        var perMinute = int.TryParse(section["RateLimitPerMinute"], out var n) && n > 0 ? n : 60;
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
        return new PublicSettings(TimeSpan.FromSeconds(refresh), perMinute, exempt);
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
    public static void Changed(string? database) => Interlocked.Increment(ref Versions.GetOrAdd(database ?? "", _ => new StrongBox()).Value);

    /// <summary>The current index: rebuilt first when a record it depends on changed, or it is older than the refresh period.</summary>
    public async ValueTask<PublicSnapshot> CurrentAsync(CancellationToken ct)
    {
        var version = Interlocked.Read(ref _version.Value);
        var snapshot = _snapshot;
        if (version == Interlocked.Read(ref _builtFrom) && time.GetUtcNow() - snapshot.BuiltAt < settings.Refresh) return snapshot;
        return await RebuildAsync(ct);
    }

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
        foreach (var operation in await new OperationFinder(db, operations).FindAsync(ct))
            foreach (var p in operation.Platforms) network[p.Id] = Math.Max(network.GetValueOrDefault(p.Id), operation.Platforms.Count);
        var recognised = await db.Recognitions.AsNoTracking().Where(r => r.WorkId != null && !r.OwnerOnly)
            .GroupBy(r => new { r.PlatformId, WorkId = r.WorkId!.Value }).Select(g => new { g.Key.PlatformId, g.Key.WorkId, Count = g.Count() }).ToListAsync(ct);
        var workIds = recognised.Select(r => r.WorkId).Distinct().ToList();
        var works = await db.Works.AsNoTracking().Where(w => w.Tlp == Tlp.Clear && w.Offers.Any() && workIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var offerWorks = await db.Works.AsNoTracking().Where(w => w.Tlp == Tlp.Clear && w.Offers.Any()).Select(w => w.Offers.Select(o => new { o.Service, o.Url }).ToList()).ToListAsync(ct);

        var names = new Dictionary<string, PublicName>(StringComparer.Ordinal);
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
            foreach (var domain in platform.Domains)
                names.TryAdd(domain.Name, new PublicName(entry, domain.DarkSince, null));
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
        return new PublicSnapshot(names.ToFrozenDictionary(StringComparer.Ordinal), now);
    }
}
