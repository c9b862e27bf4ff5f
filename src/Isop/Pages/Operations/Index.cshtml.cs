using Isop.Data;
using Isop.Operations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Operations;

/// <summary>Operations (platforms linked by shared strong identifiers) and the lineage of domains, as the caller may see them.</summary>
public sealed class IndexModel(OperationFinder finder, IsopDb db) : PageModel
{
    public IReadOnlyList<Operation> Operations { get; private set; } = [];
    public IReadOnlyList<LineageEntry> Lineage { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Operations = await finder.FindAsync(ct);
        Lineage = await Isop.Operations.Lineage.ReadAsync(db, null, ct);
    }
}
