using Isop.Access;
using Isop.Data;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

/// <summary>One part of a platform's score: what was measured, how it was scaled (0 to 1), its weight and what it adds.</summary>
public sealed record ScorePart(string Name, double? Value, double Scaled, double Weight, double Points);

/// <summary>A platform's score (0 to 100) with its breakdown, from the records the caller may see.</summary>
public sealed record PlatformScore(Guid Platform, string Name, PlatformKind Kind, Tlp Tlp, double Score, IReadOnlyList<ScorePart> Parts, IReadOnlyList<string> Risks);

/// <summary>
/// Ranks platforms by how much they matter: infringement share, volume, distinct works and rights holders affected,
/// freshness (how soon after a work's episode first appears anywhere it appears there), persistence (days active,
/// domain changes), audience (the counters pages show) and risks to the public (coin miners, fake player updates,
/// forced downloads, pop-unders). Every part is computed from what the caller may see, on fixed scales (no score moves
/// with another platform's size), so a score changes with nothing they may not see, and it carries the strictest TLP
/// of the platform, the works it offers and the platforms its freshness is measured against; the catalogue holds no
/// broadcast times, so freshness is measured from the first appearance on any platform the caller sees.
/// </summary>
public sealed class PlatformScores(IsopDb db)
{
    public static readonly (string Name, double Weight)[] Weights =
    [
        ("infringement share", 0.20), ("volume", 0.15), ("works", 0.15), ("rights holders", 0.10),
        ("freshness", 0.10), ("persistence", 0.10), ("audience", 0.10), ("risk", 0.10),
    ];

    public static readonly string[] RiskKinds = ["risk-miner", "risk-fake-update", "risk-forced-download", "risk-popunder"];

    public async Task<IReadOnlyList<PlatformScore>> RankAsync(CancellationToken ct)
    {
        var platforms = await db.Platforms.AsNoTracking().Where(p => p.Kind != PlatformKind.AddressList)
            .Select(p => new { p.Id, p.Name, p.Kind, p.Tlp, p.OwnerOrganisationId }).ToListAsync(ct);
        var visible = (await db.Platforms.AsNoTracking().Select(p => new { p.Id, p.Tlp, p.OwnerOrganisationId }).ToListAsync(ct)).ToDictionary(p => p.Id);
        if (platforms.Count == 0) return [];
        var volume = await db.Observations.GroupBy(o => o.PlatformId)
            .Select(g => new { g.Key, Count = g.Count(), First = g.Min(o => o.FirstSeen), Last = g.Max(o => o.LastSeen) }).ToDictionaryAsync(x => x.Key, ct);
        // Each platform's recognised listings by work and episode, with their first appearance, in one pass: what share,
        // works, rights holders and freshness are computed from.
        // (Joined before grouping: an aggregate over a navigation would be a subquery per group.)
        var appearances = await (from r in db.Recognitions
                                 where r.WorkId != null
                                 join o in db.Observations on new { r.PlatformId, r.Key } equals new { o.PlatformId, o.Key }
                                 select new { r.PlatformId, WorkId = r.WorkId!.Value, r.Episode, At = o.PostedAt != null && o.PostedAt <= o.FirstSeen ? o.PostedAt.Value : o.FirstSeen })
            .GroupBy(x => new { x.PlatformId, x.WorkId, x.Episode })
            .Select(g => new { g.Key.PlatformId, g.Key.WorkId, g.Key.Episode, Count = g.Count(), At = g.Min(x => x.At) })
            .ToListAsync(ct);
        var matched = appearances.GroupBy(a => a.PlatformId).ToDictionary(g => g.Key, g => g.Sum(a => a.Count));
        var pairs = appearances.Select(a => new { a.PlatformId, a.WorkId }).Distinct().ToList();
        var workRecords = await db.Works.AsNoTracking().Select(w => new { w.Id, w.OwnerOrganisationId, w.Tlp }).ToDictionaryAsync(w => w.Id, ct);
        var owners = workRecords.ToDictionary(w => w.Key, w => w.Value.OwnerOrganisationId);
        var pairsOf = pairs.Where(p => workRecords.ContainsKey(p.WorkId)).GroupBy(p => p.PlatformId).ToDictionary(g => g.Key, g => g.Select(x => x.WorkId).ToList());
        var works = pairs.Where(p => owners.ContainsKey(p.WorkId)).GroupBy(p => p.PlatformId)
            .ToDictionary(g => g.Key, g => (Works: g.Select(x => x.WorkId).Distinct().Count(), Holders: g.Select(x => owners[x.WorkId]).Distinct().Count()));
        // Only successions the caller may see whole count (one into a platform they may not see would tell of it).
        var hops = (await db.DomainSuccessions.AsNoTracking().Select(s => new { s.PlatformId, s.ToPlatformId }).ToListAsync(ct))
            .Where(s => s.ToPlatformId is null || visible.ContainsKey(s.ToPlatformId.Value)).GroupBy(s => s.PlatformId).ToDictionary(g => g.Key, g => g.Count());
        var risks = (await db.SignalSightings.AsNoTracking().Where(s => RiskKinds.Contains(s.Type)).Select(s => new { s.PlatformId, s.Type }).Distinct().ToListAsync(ct))
            .GroupBy(s => s.PlatformId).ToDictionary(g => g.Key, g => g.Select(s => s.Type).Order(StringComparer.Ordinal).ToList());

        // Audience: the views and downloads the counters pages show (kept beside them at ingest).
        var audience = await db.Observations.Where(o => o.Views != null).GroupBy(o => o.PlatformId)
            .Select(g => new { g.Key, Sum = g.Sum(o => (double)o.Views!.Value) + g.Sum(o => (double)o.Downloads!.Value) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);

        // Freshness: for each work and episode, how many hours after its first appearance anywhere the platform had it.
        var firsts = appearances.GroupBy(a => (a.WorkId, a.Episode)).ToDictionary(g => g.Key, g => g.MinBy(a => a.At)!);
        // The platforms whose first appearances a platform's freshness is measured against: the score rests on them too.
        var against = appearances.GroupBy(a => a.PlatformId).ToDictionary(g => g.Key, g => g.Select(a => firsts[(a.WorkId, a.Episode)].PlatformId).Distinct().ToList());
        var delays = appearances.GroupBy(a => a.PlatformId).ToDictionary(g => g.Key, g => Median(g.Select(a => (a.At - firsts[(a.WorkId, a.Episode)].At).TotalHours).ToList()));

        // Fixed reference scales, so that no platform's score moves with another's size.
        const double maxVolume = 10_000, maxWorks = 200, maxHolders = 20, maxAudience = 10_000_000;
        static double Log(double value, double max) => Math.Min(1, Math.Log10(1 + value) / Math.Log10(1 + max));

        var scores = new List<PlatformScore>();
        foreach (var p in platforms)
        {
            var v = volume.GetValueOrDefault(p.Id);
            var count = v?.Count ?? 0;
            var share = count == 0 ? 0 : matched.GetValueOrDefault(p.Id) / (double)count;
            var w = works.GetValueOrDefault(p.Id);
            var days = v is null ? 0 : Math.Max(0, (v.Last - v.First).TotalDays);
            var hopCount = hops.GetValueOrDefault(p.Id);
            var delay = delays.GetValueOrDefault(p.Id);
            var risk = risks.GetValueOrDefault(p.Id) ?? [];
            var measured = new (double? Value, double Scaled)[]
            {
                (share, share),
                (count, Log(count, maxVolume)),
                (w.Works, Log(w.Works, maxWorks)),
                (w.Holders, Log(w.Holders, maxHolders)),
                (delay, delay is { } d ? 1 / (1 + d / 24) : 0),
                (days, Math.Min(1, days / 90) * 0.7 + Math.Min(1, hopCount / 3.0) * 0.3),
                (audience.GetValueOrDefault(p.Id), Log(audience.GetValueOrDefault(p.Id), maxAudience)),
                (risk.Count, risk.Count / (double)RiskKinds.Length),
            };
            var parts = Weights.Select((x, i) => new ScorePart(x.Name, measured[i].Value, Math.Round(measured[i].Scaled, 4), x.Weight, Math.Round(100 * x.Weight * measured[i].Scaled, 2))).ToList();
            var inputs = new List<(Tlp, Guid)> { (p.Tlp, p.OwnerOrganisationId) };
            inputs.AddRange(pairsOf.GetValueOrDefault(p.Id, []).Select(w => (workRecords[w].Tlp, workRecords[w].OwnerOrganisationId)));
            inputs.AddRange(against.GetValueOrDefault(p.Id, []).Where(visible.ContainsKey).Select(id => (visible[id].Tlp, visible[id].OwnerOrganisationId)));
            scores.Add(new PlatformScore(p.Id, p.Name, p.Kind, DerivedTlp.Of(inputs), Math.Round(parts.Sum(x => x.Points), 1), parts, risk));
        }
        return [.. scores.OrderByDescending(s => s.Score).ThenBy(s => s.Name, StringComparer.Ordinal)];
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }
}
