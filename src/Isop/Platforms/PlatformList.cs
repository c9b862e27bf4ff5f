using Isop.Access;
using Isop.Data;
using Isop.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Platforms;

/// <summary>
/// The platform list's filters as the page, the API and the exports take them (<c>q</c> name or domain, <c>kind</c>,
/// <c>tlp</c>, <c>monitored</c>); a value that is not a kind or a TLP label filters nothing.
/// </summary>
public sealed record PlatformFilter(string? Q, string? Kind, string? Tlp, bool? Monitored)
{
    public IQueryable<Platform> Apply(IQueryable<Platform> platforms)
    {
        var query = PlatformsApi.Search(platforms, Q);
        if (PlatformKinds.TryParse(Kind, out var kind)) query = query.Where(p => p.Kind == kind);
        // A form or link that left '+' unescaped sends AMBER+STRICT as "AMBER STRICT".
        if (TlpLabels.TryParse(Tlp?.Replace(' ', '+'), out var tlp)) query = query.Where(p => p.Tlp == tlp);
        if (Monitored is { } monitored) query = query.Where(p => p.Monitor.Enabled == monitored);
        return query;
    }
}

/// <summary>A platform of the list with what monitoring saw on it, as the caller may see it.</summary>
public sealed record PlatformRow(Platform Platform, int Seen, int Matched);

public static class PlatformList
{
    /// <summary>By name (the default), kind, TLP (by rank: the column holds the label), or when registered (newest first).</summary>
    public static readonly Sorts<Platform> Sorts = new Sorts<Platform>("name")
        .Add("name", p => p.Name)
        .Add("kind", p => p.Kind)
        .Add("tlp", p => p.Tlp == Isop.Access.Tlp.Red ? 4 : p.Tlp == Isop.Access.Tlp.AmberStrict ? 3 : p.Tlp == Isop.Access.Tlp.Amber ? 2 : p.Tlp == Isop.Access.Tlp.Green ? 1 : 0)
        .Add("created", p => p.CreatedAt, descending: true);

    public static IOrderedQueryable<Platform> Query(IsopDb db, PlatformFilter filter, string? sort, string? dir) =>
        Sorts.Apply(filter.Apply(db.Platforms.AsNoTracking()), sort, dir).ThenBy(p => p.Name).ThenBy(p => p.Id);

    /// <summary>The listings seen and recognised on each of these platforms, counted as the caller may see them.</summary>
    public static async Task<List<PlatformRow>> RowsAsync(IsopDb db, IReadOnlyList<Platform> platforms, CancellationToken ct)
    {
        var ids = platforms.Select(p => p.Id).ToList();
        var seen = await db.Observations.Where(o => ids.Contains(o.PlatformId)).GroupBy(o => o.PlatformId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Recognitions carry the TLP of the works they speak of: only those the caller may see are counted.
        var matched = await db.Recognitions.Where(r => ids.Contains(r.PlatformId) && r.WorkId != null).GroupBy(r => r.PlatformId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. platforms.Select(p => new PlatformRow(p, seen.GetValueOrDefault(p.Id), matched.GetValueOrDefault(p.Id)))];
    }

    /// <summary>The columns of the platforms export: headers in the reader's language, machine values in the cells.</summary>
    public static IReadOnlyList<ExportColumn<PlatformRow>> Columns(IStringLocalizer l) =>
    [
        new(l["Name"], r => r.Platform.Name),
        new(l["Kind"], r => PlatformKinds.NameOf(r.Platform.Kind)),
        new(l["Domains"], r => string.Join(' ', r.Platform.Domains.Select(d => d.Name).Order(StringComparer.Ordinal))),
        new(l["Monitored"], r => r.Platform.Monitor.Enabled),
        new(l["Every (minutes)"], r => r.Platform.Monitor.IntervalMinutes),
        new(l["Listings seen"], r => r.Seen),
        new(l["Recognised"], r => r.Matched),
        new("TLP", r => r.Platform.Tlp.Label()),
        new(l["Registered (UTC)"], r => r.Platform.CreatedAt),
        new(l["Updated (UTC)"], r => r.Platform.UpdatedAt),
        new(l["Id"], r => r.Platform.Id.ToString()),
    ];
}
