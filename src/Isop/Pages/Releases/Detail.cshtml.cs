using System.Text.Json;
using Isop.ReleaseGroups;
using Isop.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Releases;

/// <summary>One release: where it appeared first and the timeline of its spread, each sighting with its evidence.</summary>
public sealed class DetailModel(ReleaseAnalysis analysis, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }

    public ReleaseView Release { get; private set; } = null!;
    public string ChartJson { get; private set; } = "{}";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 300 || (await analysis.ReleasesAsync(null, ct, Name)).FirstOrDefault() is not { } release) return NotFound();
        Release = release;
        ChartJson = JsonSerializer.Serialize(new
        {
            platforms = release.Platforms.Select(p => p.PlatformName),
            points = release.Platforms.Select((p, i) => new { x = p.At.ToUnixTimeMilliseconds(), y = i, stated = p.Source == "posted" }),
            statedLabel = l["Stated by the page"].Value,
            sightedLabel = l["First sighting"].Value,
        });
        return Page();
    }
}
