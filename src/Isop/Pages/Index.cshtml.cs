using System.Text.Json;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages;

/// <summary>What the caller may see, counted (through the same TLP filters as everything else).</summary>
public sealed class IndexModel(IsopDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    public int Works { get; private set; }
    public int Platforms { get; private set; }
    public int Observations { get; private set; }
    public int Recognised { get; private set; }
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var byKind = await db.Works.GroupBy(w => w.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var worksByTlp = await db.Works.GroupBy(w => w.Tlp).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var platformsByTlp = await db.Platforms.GroupBy(p => p.Tlp).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        Works = byKind.Sum(k => k.Count);
        Platforms = platformsByTlp.Sum(k => k.Count);
        Observations = await db.Observations.CountAsync(ct);
        // Recognitions carry the TLP of the works they speak of: a work the caller may not see is never counted.
        Recognised = await db.Recognitions.CountAsync(r => r.WorkId != null, ct);
        // The works most offered on the platforms the caller may see (each observation counts once).
        var offered = await db.Recognitions.Where(r => r.WorkId != null).GroupBy(r => r.WorkId)
            .Select(g => new { Work = g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).Take(10).ToListAsync(ct);
        var offeredIds = offered.Select(x => x.Work!.Value).ToList();
        var offeredWorks = await db.Works.AsNoTracking().Where(w => offeredIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        var kinds = Enum.GetValues<WorkKind>();
        var tlps = Enum.GetValues<Tlp>();
        ChartJson = JsonSerializer.Serialize(new
        {
            kinds = new
            {
                labels = kinds.Select(k => l[k.ToString()].Value),
                values = kinds.Select(k => byKind.FirstOrDefault(x => x.Key == k)?.Count ?? 0),
            },
            tlp = new
            {
                labels = tlps.Select(t => "TLP:" + t.Label()),
                works = tlps.Select(t => worksByTlp.FirstOrDefault(x => x.Key == t)?.Count ?? 0),
                platforms = tlps.Select(t => platformsByTlp.FirstOrDefault(x => x.Key == t)?.Count ?? 0),
                worksLabel = l["Works"].Value,
                platformsLabel = l["Platforms"].Value,
            },
            offered = new
            {
                labels = offered.Where(x => offeredWorks.ContainsKey(x.Work!.Value)).Select(x => offeredWorks[x.Work!.Value].OrderedTitles().FirstOrDefault()?.Text ?? offeredWorks[x.Work!.Value].ExternalId),
                values = offered.Where(x => offeredWorks.ContainsKey(x.Work!.Value)).Select(x => x.Count),
                label = l["Listings seen"].Value,
            },
        }).Replace("<", "\\u003c", StringComparison.Ordinal);
    }
}
