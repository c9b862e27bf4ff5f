using Isop.Data;
using Isop.Platforms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Isop.Pages.Platforms;

public sealed class IndexModel(IsopDb db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<Platform> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Items = await PlatformsApi.Search(db.Platforms.AsNoTracking(), Q).OrderBy(p => p.Name).Take(500).ToListAsync(ct);
}
