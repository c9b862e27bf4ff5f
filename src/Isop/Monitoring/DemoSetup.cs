using Isop.Access;
using Isop.Data;
using Isop.Range;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary><c>serve --demo</c>: the range's catalogue and platforms registered for the secretariat, monitoring on.</summary>
public static class DemoSetup
{
    public static async Task StartAsync(IServiceProvider services, RangeHost range, TextWriter output, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<IsopDbFactory>().For(Caller.System("demo"));
        var organisation = await db.Organisations.OrderBy(o => o.Kind == OrganisationKind.Secretariat ? 0 : 1).ThenBy(o => o.CreatedAt).FirstAsync(ct);
        var platforms = await RangeDemo.RegisterAsync(db, range, organisation.Id, new RangeMonitoring(Enabled: true, IntervalMinutes: 30, DelayMs: 100, PerHost: 2, MaxPages: 400, MaxDepth: 3), ct);
        await output.WriteLineAsync($"Demo: the range serves {range.World.Sites.Count} sites on 127.0.0.1:{range.Port}; {platforms.Count} piracy platforms are registered for {organisation.Name} and being monitored.");
        await output.WriteLineAsync("Open Platforms in the UI to watch detections arrive.");
    }
}
