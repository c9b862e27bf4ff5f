using Isop.Access;
using Isop.Data;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

/// <summary>Where and when one platform showed an identifier: the sighting and its evidence record.</summary>
public sealed record SignalEvidence(Guid Platform, string Type, string Value, string? PageUrl, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? WarcFile, long? WarcOffset);

/// <summary>An identifier two or more platforms share, with its weight and every sighting of it.</summary>
public sealed record SharedSignal(string Kind, string Value, SignalStrength Strength, double Weight, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<SignalEvidence> Evidence);

/// <summary>Two platforms tied by the identifiers they share; the weight is what the identifiers weigh together.</summary>
public sealed record PlatformLink(Guid From, Guid To, double Weight, IReadOnlyList<SharedSignal> Signals);

public sealed record OperationPlatform(Guid Id, string Name, PlatformKind Kind, Tlp Tlp, IReadOnlyList<string> Domains);

/// <summary>
/// Platforms run by the same people, as far as the caller's records show: linked, directly or through each other, by
/// shared strong identifiers. Its id is its oldest platform's; its TLP the strictest of its platforms' (and so of
/// every sighting it rests on).
/// </summary>
public sealed record Operation(Guid Id, Tlp Tlp, IReadOnlyList<OperationPlatform> Platforms, IReadOnlyList<PlatformLink> Links)
{
    public DateTimeOffset FirstSeen => Links.SelectMany(l => l.Signals).Select(s => s.FirstSeen).DefaultIfEmpty().Min();
    public DateTimeOffset LastSeen => Links.SelectMany(l => l.Signals).Select(s => s.LastSeen).DefaultIfEmpty().Max();
}

/// <summary>How operations are found.</summary>
/// <param name="CommonAt">An identifier shown by more platforms than this is taken for a service's (a shared theme's
/// favicon, a hosting company's mailbox) and links nothing: operations run a handful of sites, not dozens.</param>
public sealed record OperationSettings(int CommonAt = 25);

/// <summary>
/// Finds operations in the signal sightings a caller may see. Only identifiers with an identity (strong or medium,
/// not placeholders) that at least two platforms share are read, through the identity index; weak signals (a CDN
/// address, a certificate's names, a tracker) are never read at all, so they cannot link anything. Because the
/// sightings come through the caller's visibility filter, a sighting the caller may not see changes no link, no
/// operation and no count they are shown.
/// </summary>
public sealed class OperationFinder(IsopDb db, OperationSettings settings)
{
    public async Task<IReadOnlyList<Operation>> FindAsync(CancellationToken ct)
    {
        var (links, _, spread) = await LinksAsync(ct);
        return await ClusterAsync(Corroborating(links, spread), ct);
    }

    /// <summary>Each linked platform's component (its representative platform), from links that all pass the strong threshold.</summary>
    private static Dictionary<Guid, Guid> Components(IEnumerable<PlatformLink> links)
    {
        var parent = new Dictionary<Guid, Guid>();
        Guid Root(Guid x)
        {
            while (parent[x] != x) x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var link in links)
        {
            parent.TryAdd(link.From, link.From);
            parent.TryAdd(link.To, link.To);
            var (a, b) = (Root(link.From), Root(link.To));
            if (a != b) parent[a.CompareTo(b) < 0 ? b : a] = a.CompareTo(b) < 0 ? a : b;
        }
        return parent.Keys.ToDictionary(x => x, Root);
    }

    /// <summary>
    /// The links with only the medium identifiers that corroborate them: one shown by platforms of two or more operations
    /// (a broadcaster's official account every site links, a theme vendor's address) is nobody's in particular.
    /// </summary>
    private static List<PlatformLink> Corroborating(IReadOnlyList<PlatformLink> links, IReadOnlyDictionary<(string Family, string Value), List<Guid>> spread)
    {
        var component = Components(links);
        bool Spread((string, string) key) => spread.TryGetValue(key, out var platforms) && platforms.Select(p => component.GetValueOrDefault(p, p)).Distinct().Count() > 1;
        return [.. links.Select(l =>
        {
            var kept = l.Signals.Where(x => x.Strength != SignalStrength.Medium || !Spread((x.Kind, x.Value))).ToList();
            return kept.Count == l.Signals.Count ? l : l with { Weight = kept.Sum(x => x.Weight), Signals = kept };
        })];
    }

    /// <summary>The operation a platform belongs to, or null when it shares nothing strong with another platform.</summary>
    public async Task<Operation?> OfPlatformAsync(Guid platformId, CancellationToken ct) =>
        (await FindAsync(ct)).FirstOrDefault(o => o.Platforms.Any(p => p.Id == platformId));

    /// <summary>
    /// Every pair of platforms whose shared strong identifiers weigh at least <see cref="SignalIdentity.LinkThreshold"/>;
    /// medium identifiers (a social profile, an organisation's mailbox) add to a link's weight but never make one. The
    /// platforms each medium identifier (or e-mail, certificate) is shown by come with them, for <see cref="Corroborating"/>.
    /// </summary>
    public async Task<(IReadOnlyList<PlatformLink> Links, IReadOnlyList<SharedSignal> Common, IReadOnlyDictionary<(string Family, string Value), List<Guid>> Spread)> LinksAsync(CancellationToken ct)
    {
        var sightings = db.SignalSightings.Where(s => s.Identity != null && s.Identity != "");
        // Two steps, each one pass over the identity index: the identities two or more platforms share, then their sightings.
        var shared = await sightings.GroupBy(s => s.Identity).Where(g => g.Select(s => s.PlatformId).Distinct().Count() > 1).Select(g => g.Key!).ToListAsync(ct);
        if (shared.Count == 0) return ([], [], new Dictionary<(string, string), List<Guid>>());
        var rows = await sightings.Where(s => shared.Contains(s.Identity!))
            .Select(s => new { s.Identity, s.PlatformId, s.Type, s.Value, s.PageUrl, s.FirstSeen, s.LastSeen, s.WarcFile, s.WarcOffset })
            .ToListAsync(ct);

        var involved = rows.Select(r => r.PlatformId).Distinct().ToList();
        var platformsInvolved = await db.Platforms.AsNoTracking().Where(p => involved.Contains(p.Id)).Select(p => new { p.Id, p.Kind, Hosts = p.Domains.Select(d => d.Name).ToList() }).ToListAsync(ct);
        var hosts = platformsInvolved.ToDictionary(p => p.Id, p => p.Hosts);
        // Address lists and forums show other people's channels and contacts: those say nothing about who runs them.
        var relays = platformsInvolved.Where(p => p.Kind is PlatformKind.AddressList or PlatformKind.Forum).Select(p => p.Id).ToHashSet();
        rows = [.. rows.Where(r => !relays.Contains(r.PlatformId) || !ContactFamilies.Contains(SignalIdentity.Split(r.Identity!).Family))];
        // A certificate ties two sites only when it names nothing but them: a host's wildcard or a CDN's shared certificate names others.
        var certificateNames = (await db.SignalSightings.AsNoTracking().Where(s => s.Type == "tls-name" && involved.Contains(s.PlatformId)).Select(s => new { s.PlatformId, s.Value }).ToListAsync(ct))
            .GroupBy(s => s.PlatformId).ToDictionary(g => g.Key, g => g.Select(s => s.Value.ToLowerInvariant()).ToList());
        var pairs = new Dictionary<(Guid, Guid), List<SharedSignal>>();
        var common = new List<SharedSignal>();
        var spread = new Dictionary<(string Family, string Value), List<Guid>>();
        foreach (var group in rows.GroupBy(r => r.Identity!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var (family, value) = SignalIdentity.Split(group.Key);
            var strength = SignalIdentity.StrengthOfFamily(family);
            var evidence = group.OrderBy(r => r.FirstSeen).ThenBy(r => r.PlatformId)
                .Select(r => new SignalEvidence(r.PlatformId, r.Type, r.Value, r.PageUrl, r.FirstSeen, r.LastSeen, r.WarcFile, r.WarcOffset)).ToList();
            var platforms = evidence.Select(e => e.Platform).Distinct().Order().ToList();
            if (strength == SignalStrength.Weak) continue;
            if (strength == SignalStrength.Medium || family is "email" or "certificate") spread[(family, value)] = platforms;
            if (platforms.Count > settings.CommonAt)
            {
                common.Add(new SharedSignal(family, value, strength, 0, evidence.Min(e => e.FirstSeen), evidence.Max(e => e.LastSeen), evidence));
                continue;
            }
            for (var i = 0; i < platforms.Count; i++)
                for (var j = i + 1; j < platforms.Count; j++)
                {
                    var (a, b) = (platforms[i], platforms[j]);
                    var both = evidence.Where(e => e.Platform == a || e.Platform == b).ToList();
                    var bothHosts = hosts.GetValueOrDefault(a, []).Concat(hosts.GetValueOrDefault(b, [])).ToList();
                    var pairStrength = family switch
                    {
                        "email" => SignalIdentity.EmailStrength(value, bothHosts),
                        "certificate" => OnlyTheirs(certificateNames.GetValueOrDefault(a, []).Concat(certificateNames.GetValueOrDefault(b, [])), bothHosts) ? strength : SignalStrength.Medium,
                        _ => strength,
                    };
                    var signal = new SharedSignal(family, value, pairStrength, SignalIdentity.WeightOf(pairStrength), both.Min(e => e.FirstSeen), both.Max(e => e.LastSeen), both);
                    if (!pairs.TryGetValue((a, b), out var list)) pairs[(a, b)] = list = [];
                    list.Add(signal);
                }
        }
        var links = pairs
            .Select(p => new PlatformLink(p.Key.Item1, p.Key.Item2, p.Value.Sum(s => s.Weight), p.Value))
            .Where(l => l.Signals.Where(x => x.Strength == SignalStrength.Strong).Sum(x => x.Weight) >= SignalIdentity.LinkThreshold - 1e-9)
            .OrderBy(l => l.From).ThenBy(l => l.To)
            .ToList();
        return (links, common, spread);
    }

    private static readonly HashSet<string> ContactFamilies = new(StringComparer.Ordinal) { "telegram", "discord", "whatsapp", "x", "email", "paypal", "donation", "affiliate" };

    /// <summary>Whether every name a certificate covers is one of the two sites' (no wildcard, no other site).</summary>
    private static bool OnlyTheirs(IEnumerable<string> names, List<string> hosts)
    {
        var sites = hosts.Select(Isop.Crawling.Urls.Site).ToHashSet(StringComparer.Ordinal);
        var any = false;
        foreach (var name in names)
        {
            any = true;
            if (name.StartsWith('*') || !sites.Contains(Isop.Crawling.Urls.Site(name))) return false;
        }
        return any;
    }

    private async Task<IReadOnlyList<Operation>> ClusterAsync(IReadOnlyList<PlatformLink> links, CancellationToken ct)
    {
        if (links.Count == 0) return [];
        var component = Components(links);
        var ids = component.Keys.ToList();
        var platforms = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Kind, p.Tlp, p.OwnerOrganisationId, p.CreatedAt, Domains = p.Domains.OrderBy(d => d.FirstSeen).ThenBy(d => d.Name).Select(d => d.Name).ToList() })
            .ToListAsync(ct);
        var byId = platforms.ToDictionary(p => p.Id);
        return [.. ids.Where(byId.ContainsKey).GroupBy(id => component[id])
            .Select(g =>
            {
                var members = g.Select(id => byId[id]).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList();
                var set = members.Select(m => m.Id).ToHashSet();
                return new Operation(members[0].Id, DerivedTlp.Of(members.Select(m => (m.Tlp, m.OwnerOrganisationId))),
                    [.. members.Select(m => new OperationPlatform(m.Id, m.Name, m.Kind, m.Tlp, m.Domains))],
                    [.. links.Where(l => set.Contains(l.From))]);
            })
            .Where(o => o.Platforms.Count > 1)
            .OrderByDescending(o => o.Platforms.Count).ThenBy(o => o.Platforms[0].Name, StringComparer.Ordinal)];
    }
}
