using Isop.Access;
using Isop.Data;
using Isop.Platforms;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Platforms;

public sealed class IndexModel(IsopDb db, PlatformWrites writes, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tlp { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Monitored { get; set; }
    public Table Table { get; private set; } = null!;
    public List<PlatformRow> Items { get; private set; } = [];
    public bool CanWrite => db.Caller.IsMember && db.Caller.Role is { } role && role.CanWrite();
    public List<string> Errors { get; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? kind, string? domains, string? tlp, CancellationToken ct)
    {
        if (!CanWrite) return Forbid();
        try
        {
            var platform = await writes.CreateAsync(PlatformForm.Platform(name, kind, domains, tlp), null, ct);
            TempData["message"] = l["Platform {0} registered.", platform.Name].Value;
            return Redirect($"/Platforms/{platform.Id}");
        }
        catch (InvalidInputException e)
        {
            Errors.AddRange(PlatformForm.Describe(e));
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Table = Table.From(Request, PlatformList.Sorts, defaultSize: 100);
        var filter = new PlatformFilter(Q, Kind, Tlp, Monitored);
        Table.SetTotal(await filter.Apply(db.Platforms).CountAsync(ct));
        Items = await PlatformList.RowsAsync(db, await PlatformList.Query(db, filter, Table.Sort, Table.Direction).Skip(Table.Skip).Take(Table.Size).ToListAsync(ct), ct);
    }
}
