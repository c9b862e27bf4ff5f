using Isop.Data;
using Isop.Operations;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Operations;

/// <summary>Operations (platforms linked by shared strong identifiers) and the lineage of domains, as the caller may see them.</summary>
public sealed class IndexModel(OperationFinder finder, IsopDb db) : PageModel
{
    /// <summary>By size (most platforms first, the default), first or last sighting, TLP; operations are found in memory, so sorted there.</summary>
    public static readonly Sorts<Operation> Sorts = new Sorts<Operation>("platforms")
        .Add("platforms", o => o.Platforms.Count, descending: true)
        .Add("first-seen", o => o.FirstSeen, descending: true)
        .Add("last-seen", o => o.LastSeen, descending: true)
        .Add("tlp", o => o.Tlp);

    /// <summary>A platform's name or domain, or a shared identifier.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public Table Table { get; private set; } = null!;
    public IReadOnlyList<Operation> Operations { get; private set; } = [];
    public IReadOnlyList<LineageEntry> Lineage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Table = Table.From(Request, Sorts);
        IEnumerable<Operation> found = await finder.FindAsync(ct);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var term = Q.Trim();
            found = found.Where(o => o.Platforms.Any(p => p.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || p.Domains.Any(d => d.Contains(term, StringComparison.OrdinalIgnoreCase)))
                || o.Links.SelectMany(l => l.Signals).Any(s => s.Value.Contains(term, StringComparison.OrdinalIgnoreCase)));
        }
        var filtered = found.ToList();
        Table.SetTotal(filtered.Count);
        Operations = [.. Sorts.Apply(filtered.AsQueryable(), Table.Sort, Table.Direction).ThenBy(o => o.Id).Skip(Table.Skip).Take(Table.Size)];
        Lineage = await Isop.Operations.Lineage.ReadAsync(db, null, ct);
    }
}
