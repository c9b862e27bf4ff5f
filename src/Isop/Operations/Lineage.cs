using System.Text.Json;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Operations;

/// <summary>One end of a succession: the platform and the domain.</summary>
public sealed record LineageEnd(Guid Platform, string PlatformName, string Domain);

/// <summary>
/// A domain hop as the caller may see it: from where, to where, when, how it was found and on what evidence; its TLP is
/// the strictest of the two platforms and of the sources (address lists) it was found through that the caller may see.
/// </summary>
public sealed record LineageEntry(Guid Id, LineageEnd From, LineageEnd To, DateTimeOffset At, string Via, IReadOnlyList<SuccessionEvidence> Evidence, Access.Tlp Tlp);

/// <summary>Reads the lineage of domains: every succession the caller may see (both platforms visible), oldest first.</summary>
public static class Lineage
{
    public static async Task<IReadOnlyList<LineageEntry>> ReadAsync(IsopDb db, Guid? platformId, CancellationToken ct)
    {
        var query = db.DomainSuccessions.AsNoTracking();
        if (platformId is { } id) query = query.Where(s => s.PlatformId == id || s.ToPlatformId == id);
        var rows = await query.OrderBy(s => s.At).ThenBy(s => s.Id).ToListAsync(ct);
        var evidence = rows.ToDictionary(r => r.Id, r => JsonSerializer.Deserialize<List<SuccessionEvidence>>(r.Evidence, JsonSerializerOptions.Web) ?? []);
        var ids = rows.Select(r => r.PlatformId).Concat(rows.Where(r => r.ToPlatformId != null).Select(r => r.ToPlatformId!.Value))
            .Concat(evidence.Values.SelectMany(e => e).Where(e => e.Source is not null).Select(e => e.Source!.Value)).Distinct().ToList();
        var visible = await db.Platforms.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => new { p.Name, p.Tlp, p.OwnerOrganisationId }, ct);
        var names = visible.ToDictionary(p => p.Key, p => p.Value.Name);
        // A succession into a platform the caller may not see is not shown at all: its domain would say what that platform is.
        return [.. rows.Where(r => names.ContainsKey(r.PlatformId) && (r.ToPlatformId is null || names.ContainsKey(r.ToPlatformId.Value)))
            .Select(r => new LineageEntry(r.Id,
                new LineageEnd(r.PlatformId, names[r.PlatformId], r.FromDomain),
                new LineageEnd(r.ToPlatformId ?? r.PlatformId, names[r.ToPlatformId ?? r.PlatformId], r.ToDomain),
                r.At, r.Via,
                // An item found on a source (an address list) the caller may no longer see is left out; the others carry their source's TLP.
                [.. evidence[r.Id].Where(e => e.Source is null || names.ContainsKey(e.Source.Value))],
                DerivedTlp.Of(new[] { r.PlatformId, r.ToPlatformId ?? r.PlatformId }
                    .Concat(evidence[r.Id].Where(e => e.Source is not null && names.ContainsKey(e.Source.Value)).Select(e => e.Source!.Value))
                    .Distinct().Select(p => (visible[p].Tlp, visible[p].OwnerOrganisationId)))))];
    }
}
