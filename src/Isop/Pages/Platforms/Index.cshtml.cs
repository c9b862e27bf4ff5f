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
    public List<Platform> Items { get; private set; } = [];
    public Dictionary<Guid, (int Seen, int Matched)> Counts { get; private set; } = [];
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
        Items = await PlatformsApi.Search(db.Platforms.AsNoTracking(), Q).OrderBy(p => p.Name).Take(500).ToListAsync(ct);
        var ids = Items.Select(p => p.Id).ToList();
        var seen = await db.Observations.Where(o => ids.Contains(o.PlatformId)).GroupBy(o => o.PlatformId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Recognitions carry the TLP of the works they speak of: only those the caller may see are counted.
        var matched = await db.Recognitions.Where(r => ids.Contains(r.PlatformId) && r.WorkId != null).GroupBy(r => r.PlatformId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        Counts = seen.ToDictionary(x => x.Key, x => (x.Value, matched.GetValueOrDefault(x.Key)));
    }
}
