using Isop.Operations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Emerging;

/// <summary>The week's emerging threats, for the advisory group.</summary>
public sealed class IndexModel(EmergingThreats emerging) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateTimeOffset? To { get; set; }

    public Digest Digest { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Digest = await emerging.WeekAsync(To, ct);
}
