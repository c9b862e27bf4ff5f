using System.Net;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Data;
using Isop.Operations;
using Isop.Platforms;
using Isop.ReleaseGroups;
using Microsoft.EntityFrameworkCore;

namespace Isop.Sharing;

/// <summary>A STIX object made from Isop's records, with the TLP it carries (the strictest of the records it comes from).</summary>
public sealed record MappedObject(JsonObject Object, Tlp Tlp);

/// <summary>
/// Isop's records as STIX 2.1, for one organisation: what it owns, as its caller may see it. Platforms are
/// infrastructure with their domains, addresses and operator identifiers as observables; operations intrusion sets;
/// release groups threat actors; works and rights holders; observations sightings; every link a relationship.
/// Identifiers are deterministic (UUIDv5 for observables, stable ids for the rest), and created/modified come from
/// the records, so mapping the same records again gives the same objects.
/// </summary>
public sealed class StixMapper(IsopDb db, OperationFinder operations, ReleaseAnalysis releases)
{
    private static readonly Dictionary<string, string> WalletCurrencies = new(StringComparer.Ordinal)
    {
        ["wallet-bitcoin"] = "BTC", ["wallet-ethereum"] = "ETH", ["wallet-tron"] = "TRX", ["wallet-monero"] = "XMR",
    };

    /// <summary>Identifier kinds shared as x-isop-identifier (the strong and medium ones operations link by).</summary>
    private static readonly HashSet<string> IdentifierKinds = new(StringComparer.Ordinal)
    {
        "google-analytics", "google-tag-manager", "adsense", "yandex-metrika", "yandex-rtb", "facebook-pixel", "statcounter", "histats", "hotjar",
        "telegram", "discord", "whatsapp", "x", "paypal", "donation", "affiliate", "favicon-sha256",
    };

    public async Task<IReadOnlyList<MappedObject>> MapAsync(Guid organisationId, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisationId, ct);
        var objects = new Dictionary<string, MappedObject>(StringComparer.Ordinal);
        var creator = OrganisationId(organisation.Id);

        void Add(JsonObject o, Tlp tlp)
        {
            var id = (string)o["id"]!;
            // One object from several records (a domain two platforms list) carries the strictest of their labels.
            if (objects.TryGetValue(id, out var existing) && existing.Tlp >= tlp) return;
            o["object_marking_refs"] = new JsonArray(StixMarkings.IdOf(tlp));
            objects[id] = new MappedObject(o, tlp);
        }

        JsonObject Sdo(string type, string id, DateTimeOffset created, DateTimeOffset modified)
        {
            var c = StixJson.Milliseconds(created);
            var m = StixJson.Milliseconds(modified);
            return new JsonObject
            {
                ["type"] = type, ["spec_version"] = "2.1", ["id"] = id, ["created_by_ref"] = creator,
                ["created"] = StixJson.Timestamp(c), ["modified"] = StixJson.Timestamp(m < c ? c : m),
            };
        }

        void Relate(string source, string kind, string target, Tlp tlp, DateTimeOffset created, DateTimeOffset modified, string? description = null)
        {
            var r = Sdo("relationship", StixJson.StableId("relationship", $"{source}|{kind}|{target}"), created, modified);
            r["relationship_type"] = kind;
            if (description is not null) r["description"] = description;
            r["source_ref"] = source;
            r["target_ref"] = target;
            Add(r, tlp);
        }

        var identity = Sdo("identity", creator, organisation.CreatedAt, organisation.CreatedAt);
        identity["name"] = organisation.Name;
        identity["identity_class"] = "organization";
        identity["sectors"] = new JsonArray(SectorOf(organisation.Kind));
        if (organisation.Country is { } country) identity["contact_information"] = $"Country: {country}";
        // The directory of partner organisations is open to every member; its entry for the producer is CLEAR.
        Add(identity, Tlp.Clear);

        // Platforms, their domains and what their pages show.
        var platforms = await db.Platforms.AsNoTracking().Where(p => p.OwnerOrganisationId == organisationId).ToListAsync(ct);
        var platformIds = platforms.Select(p => p.Id).ToList();
        var infrastructure = new Dictionary<Guid, (string Id, Tlp Tlp)>();
        foreach (var p in platforms)
        {
            var id = PlatformId(p.Id);
            infrastructure[p.Id] = (id, p.Tlp);
            var infra = Sdo("infrastructure", id, p.CreatedAt, p.UpdatedAt);
            infra["name"] = p.Name;
            if (!string.IsNullOrWhiteSpace(p.Description)) infra["description"] = p.Description;
            if (p.Domains.Count > 0) infra["first_seen"] = StixJson.Timestamp(p.Domains.Min(d => d.FirstSeen));
            var facts = new JsonObject { ["extension_type"] = "property-extension", ["platform_kind"] = KindName(p.Kind) };
            var dark = p.Domains.Where(d => d.DarkSince is not null).Select(d => d.Name).Order(StringComparer.Ordinal).ToList();
            if (dark.Count > 0) facts["dark_domains"] = new JsonArray([.. dark.Select(d => (JsonNode)d)]);
            infra["extensions"] = new JsonObject { [StixExtensions.Platform] = facts };
            Add(infra, p.Tlp);
            foreach (var d in p.Domains)
            {
                var domain = Observable("domain-name", new JsonObject { ["value"] = d.Name });
                Add(domain, p.Tlp);
                Relate(id, "consists-of", (string)domain["id"]!, p.Tlp, d.FirstSeen, d.FirstSeen);
            }
        }

        var signals = platformIds.Count == 0 ? [] : await db.SignalSightings.AsNoTracking().Where(s => platformIds.Contains(s.PlatformId))
            .Select(s => new { s.PlatformId, s.Type, s.Value, s.FirstSeen }).ToListAsync(ct);
        foreach (var s in signals)
        {
            var (infraId, tlp) = infrastructure[s.PlatformId];
            var (observable, relation) = SignalObservable(s.Type, s.Value);
            if (observable is null) continue;
            Add(observable, tlp);
            // The link is a fact since it was first seen: later sightings do not make a new version of it.
            Relate(infraId, relation, (string)observable["id"]!, tlp, s.FirstSeen, s.FirstSeen);
        }

        // Works and their rights holders.
        var works = await db.Works.AsNoTracking().Include(w => w.Titles).Where(w => w.OwnerOrganisationId == organisationId).ToListAsync(ct);
        var holders = new Dictionary<string, (DateTimeOffset Created, Tlp Tlp, string Name)>(StringComparer.Ordinal);
        foreach (var w in works.Where(w => !string.IsNullOrWhiteSpace(w.RightsHolder)))
        {
            var key = w.RightsHolder!.Trim().ToLowerInvariant();
            // The name and its time are told by the least restricted work that names it (the earliest of those).
            holders[key] = !holders.TryGetValue(key, out var h) || w.Tlp < h.Tlp || (w.Tlp == h.Tlp && w.CreatedAt < h.Created)
                ? (w.CreatedAt, w.Tlp, w.RightsHolder.Trim())
                : h;
        }
        foreach (var (key, h) in holders)
        {
            var holder = Sdo("identity", RightsHolderId(key), h.Created, h.Created);
            holder["name"] = h.Name;
            holder["identity_class"] = "organization";
            holder["sectors"] = new JsonArray("entertainment");
            holder["roles"] = new JsonArray("rights holder");
            Add(holder, h.Tlp);
        }
        foreach (var w in works)
        {
            var work = Sdo(StixExtensions.WorkType, WorkId(w.Id), w.CreatedAt, w.UpdatedAt);
            var titles = w.OrderedTitles().ToList();
            work["name"] = titles.FirstOrDefault()?.Text ?? w.ExternalId;
            work["work_kind"] = w.Kind.ToString().ToLowerInvariant();
            if (w.Year is { } year) work["year"] = year;
            work["external_id"] = w.ExternalId;
            var byLanguage = new JsonObject();
            foreach (var t in titles) byLanguage.TryAdd(t.Language, t.Text);
            if (byLanguage.Count > 0) work["titles"] = byLanguage;
            if (!string.IsNullOrWhiteSpace(w.RightsHolder)) work["rights_holder_ref"] = RightsHolderId(w.RightsHolder.Trim().ToLowerInvariant());
            work["extensions"] = StixExtensions.NewType(StixExtensions.Work, "new-sdo");
            Add(work, w.Tlp);
        }

        // Sightings: each platform's recognised listings of a work, counted, first and last seen.
        if (platformIds.Count > 0)
        {
            var seen = await (from r in db.Recognitions
                              where r.WorkId != null && platformIds.Contains(r.PlatformId)
                              join o in db.Observations on new { r.PlatformId, r.Key } equals new { o.PlatformId, o.Key }
                              select new { r.PlatformId, WorkId = r.WorkId!.Value, o.FirstSeen, o.LastSeen, o.Views, o.Downloads })
                .GroupBy(x => new { x.PlatformId, x.WorkId })
                .Select(g => new
                {
                    g.Key.PlatformId, g.Key.WorkId, Count = g.Count(), First = g.Min(x => x.FirstSeen), Last = g.Max(x => x.LastSeen),
                    Views = g.Sum(x => (double?)x.Views), Downloads = g.Sum(x => (double?)x.Downloads),
                })
                .ToListAsync(ct);
            var workIds = seen.Select(s => s.WorkId).Distinct().ToList();
            var workLabels = await db.Works.AsNoTracking().Where(w => workIds.Contains(w.Id)).Select(w => new { w.Id, w.Tlp, w.OwnerOrganisationId }).ToDictionaryAsync(w => w.Id, ct);
            var platformOwner = platforms.ToDictionary(p => p.Id, p => (p.Tlp, p.OwnerOrganisationId));
            foreach (var s in seen)
            {
                if (!workLabels.TryGetValue(s.WorkId, out var work)) continue;
                var tlp = DerivedTlp.Of([platformOwner[s.PlatformId], (work.Tlp, work.OwnerOrganisationId)]);
                var sighting = Sdo("sighting", StixJson.StableId("sighting", $"{s.PlatformId}|{s.WorkId}"), s.First, s.Last);
                sighting["first_seen"] = StixJson.Timestamp(s.First);
                sighting["last_seen"] = StixJson.Timestamp(s.Last < s.First ? s.First : s.Last);
                sighting["count"] = Math.Min(s.Count, 999_999_999);
                sighting["sighting_of_ref"] = infrastructure[s.PlatformId].Id;
                sighting["where_sighted_refs"] = new JsonArray(creator);
                var facts = new JsonObject { ["extension_type"] = "property-extension", ["work_ref"] = WorkId(s.WorkId), ["listings"] = s.Count };
                if (s.Views is { } views) facts["views"] = (long)Math.Min(views, long.MaxValue / 2.0);
                if (s.Downloads is { } downloads) facts["downloads"] = (long)Math.Min(downloads, long.MaxValue / 2.0);
                sighting["extensions"] = new JsonObject { [StixExtensions.Sighting] = facts };
                Add(sighting, tlp);
            }
        }

        // Operations that run one of the organisation's platforms: intrusion sets that use their platforms.
        if (platformIds.Count > 0)
        {
            foreach (var op in await operations.FindAsync(ct))
            {
                if (!op.Platforms.Any(p => infrastructure.ContainsKey(p.Id))) continue;
                var first = op.Links.Count > 0 ? op.FirstSeen : op.Platforms.Select(p => platforms.FirstOrDefault(x => x.Id == p.Id)?.CreatedAt ?? DateTimeOffset.UnixEpoch).Min();
                var last = op.Links.Count > 0 ? op.LastSeen : first;
                var set = Sdo("intrusion-set", StixJson.StableId("intrusion-set", op.Id.ToString()), first, last);
                var names = op.Platforms.Select(p => p.Name).ToList();
                set["name"] = names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
                var shared = op.Links.SelectMany(l => l.Signals).Select(s => $"{s.Kind} {s.Value}").Distinct(StringComparer.Ordinal).Take(20).ToList();
                set["description"] = $"Platforms run by the same people ({names.Count}), linked by identifiers their pages share" + (shared.Count > 0 ? ": " + string.Join("; ", shared) + "." : ".");
                set["first_seen"] = StixJson.Timestamp(first);
                set["last_seen"] = StixJson.Timestamp(last < first ? first : last);
                Add(set, op.Tlp);
                foreach (var p in op.Platforms)
                    Relate((string)set["id"]!, "uses", PlatformId(p.Id), op.Tlp, first, last);
            }

            // Release groups whose releases the organisation's platforms carry: threat actors that use them.
            foreach (var g in await releases.GroupsAsync(ct))
            {
                var own = g.Platforms.Where(p => infrastructure.ContainsKey(p.Platform)).ToList();
                if (own.Count == 0) continue;
                var actor = Sdo("threat-actor", ReleaseGroupId(g.Group), g.FirstSeen, g.LastSeen);
                actor["name"] = g.Group;
                actor["description"] = $"Release group: {g.Releases} releases of {g.Works.Count} works seen on {g.Platforms.Count} platforms.";
                var aliases = g.Aliases.Where(a => !string.Equals(a, g.Group, StringComparison.Ordinal)).ToList();
                if (aliases.Count > 0) actor["aliases"] = new JsonArray([.. aliases.Select(a => (JsonNode)a)]);
                actor["first_seen"] = StixJson.Timestamp(g.FirstSeen);
                actor["last_seen"] = StixJson.Timestamp(g.LastSeen < g.FirstSeen ? g.FirstSeen : g.LastSeen);
                Add(actor, g.Tlp);
                foreach (var p in own)
                    Relate((string)actor["id"]!, "uses", infrastructure[p.Platform].Id, g.Tlp, g.FirstSeen, g.LastSeen,
                        $"{p.Releases} releases seen there, {p.First} of them there first.");
            }
        }

        // The definitions the objects rest on: the TLP markings used, Isop's extensions and its identity.
        var result = new List<MappedObject>();
        // All five, whatever the records use: which levels an organisation uses is not for every reader to learn.
        foreach (var tlp in Enum.GetValues<Tlp>())
            result.Add(new MappedObject(StixMarkings.Definition(tlp), Tlp.Clear));
        result.Add(new MappedObject(StixExtensions.IsopIdentityObject(), Tlp.Clear));
        result.AddRange(StixExtensions.DefinitionObjects().Select(d => new MappedObject(d, Tlp.Clear)));
        result.AddRange(objects.Values);
        return result;
    }

    public static string OrganisationId(Guid organisation) => StixJson.StableId("identity", "organisation:" + organisation.ToString("D"));

    public static string PlatformId(Guid platform) => StixJson.StableId("infrastructure", platform.ToString("D"));

    public static string WorkId(Guid work) => StixJson.StableId(StixExtensions.WorkType, work.ToString("D"));

    public static string RightsHolderId(string key) => StixJson.StableId("identity", "rights-holder:" + key);

    public static string ReleaseGroupId(string group) => StixJson.StableId("threat-actor", "release-group:" + Releases.Canonical(group));

    private static JsonObject Observable(string type, JsonObject contributing, JsonObject? more = null)
    {
        var o = new JsonObject { ["type"] = type, ["spec_version"] = "2.1", ["id"] = StixJson.ObservableId(type, contributing) };
        foreach (var (k, v) in contributing) o[k] = v?.DeepClone();
        if (more is not null) foreach (var (k, v) in more) o[k] = v?.DeepClone();
        return o;
    }

    /// <summary>A signal as a STIX observable, and how the platform relates to it; null for signals that are not shared.</summary>
    private static (JsonObject? Observable, string Relation) SignalObservable(string type, string value)
    {
        if (type == "ip" && IPAddress.TryParse(value, out var address))
        {
            var kind = address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "ipv6-addr" : "ipv4-addr";
            return (Observable(kind, new JsonObject { ["value"] = address.ToString() }), "consists-of");
        }
        if (type == "email" && value.Contains('@', StringComparison.Ordinal))
            return (Observable("email-addr", new JsonObject { ["value"] = value.ToLowerInvariant() }), "related-to");
        if (type == "payment-page" && Uri.TryCreate(value, UriKind.Absolute, out _))
            return (Observable("url", new JsonObject { ["value"] = value }), "related-to");
        if (type == "tls-sha256" && value.Length == 64 && value.All(char.IsAsciiHexDigit))
            return (Observable("x509-certificate", new JsonObject { ["hashes"] = new JsonObject { ["SHA-256"] = value.ToLowerInvariant() } }), "consists-of");
        if (WalletCurrencies.TryGetValue(type, out var currency))
        {
            var wallet = type == "wallet-ethereum" ? value.ToLowerInvariant() : value;
            return (Observable(StixExtensions.WalletType, new JsonObject { ["value"] = wallet },
                new JsonObject { ["currency"] = currency, ["extensions"] = StixExtensions.NewType(StixExtensions.Wallet, "new-sco") }), "related-to");
        }
        if (IdentifierKinds.Contains(type) && SignalIdentity.Of(type, value) is { } id)
        {
            return (Observable(StixExtensions.IdentifierType, new JsonObject { ["kind"] = id.Family, ["value"] = id.Value },
                new JsonObject { ["extensions"] = StixExtensions.NewType(StixExtensions.Identifier, "new-sco") }), "related-to");
        }
        return (null, "");
    }

    private static string SectorOf(OrganisationKind kind) => kind switch
    {
        OrganisationKind.RightsHolder => "entertainment",
        OrganisationKind.Intermediary => "telecommunications",
        _ => "government-national",
    };

    private static string KindName(PlatformKind kind) => System.Text.Json.JsonSerializer.Serialize(kind).Trim('"');
}
