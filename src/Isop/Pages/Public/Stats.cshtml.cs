using System.Text.Json;
using Isop.Awareness;
using Isop.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Isop.Pages.Public;

/// <summary>The public statistics: what Isop's partners made public (TLP:CLEAR), as numbers and charts, and the feed behind them.</summary>
public sealed class StatsModel(PublicIndex index, IStringLocalizer<SharedResource> l) : PageModel
{
    public PublicStatsView Stats { get; private set; } = null!;
    public string ChartJson { get; private set; } = "{}";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Stats = PublicStatsView.Of((await index.CurrentAsync(ct)).Statistics, l);
        ChartJson = JsonSerializer.Serialize(new
        {
            months = Stats.Months.Select(m => m.Month),
            series = new object[]
            {
                new { label = l["Platforms found"].Value, data = Stats.Months.Select(m => m.Found), color = "#dc3545" },
                new { label = l["Taken down"].Value, data = Stats.Months.Select(m => m.TakenDown), color = "#ffc107" },
                new { label = l["Blocked"].Value, data = Stats.Months.Select(m => m.Blocked), color = "#6f42c1" },
                new { label = l["Notices sent"].Value, data = Stats.Months.Select(m => m.NoticesSent), color = "#0d6efd" },
            },
            kinds = new { labels = Stats.Kinds.Select(k => k.Label), counts = Stats.Kinds.Select(k => k.Count), label = l["Platforms"].Value },
        });
    }
}
