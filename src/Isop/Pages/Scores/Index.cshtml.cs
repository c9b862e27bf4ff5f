using Isop.Operations;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Isop.Pages.Scores;

/// <summary>Platforms ranked by score, each with its breakdown.</summary>
public sealed class IndexModel(PlatformScores scores) : PageModel
{
    public IReadOnlyList<PlatformScore> Scores { get; private set; } = [];

    public static readonly string[] Colours = ["#dc3545", "#fd7e14", "#ffc107", "#20c997", "#0dcaf0", "#0d6efd", "#6f42c1", "#d63384"];

    public async Task OnGetAsync(CancellationToken ct) => Scores = await scores.RankAsync(ct);
}
