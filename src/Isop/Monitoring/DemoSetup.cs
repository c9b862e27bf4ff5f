using Isop.Access;
using Isop.Data;
using Isop.Range;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>
/// <c>serve --demo</c>: the range's catalogue and platforms registered for the secretariat, monitoring on; the range's
/// legitimate sites on the allow-list; and two analysts, so that one drafts a notice and the other approves it.
/// </summary>
public static class DemoSetup
{
    /// <summary>The demo's analysts: the first drafts, the second approves (four-eyes).</summary>
    public static readonly IReadOnlyList<(string Email, string Name)> Analysts = [("analyst@isop.local", "Demo analyst"), ("reviewer@isop.local", "Demo reviewer")];

    public static async Task StartAsync(IServiceProvider services, RangeHost range, TextWriter output, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<IsopDbFactory>().For(Caller.System("demo"));
        var organisation = await db.Organisations.OrderBy(o => o.Kind == OrganisationKind.Secretariat ? 0 : 1).ThenBy(o => o.CreatedAt).FirstAsync(ct);
        var platforms = await RangeDemo.RegisterAsync(db, range, organisation.Id, new RangeMonitoring(Enabled: true, IntervalMinutes: 30, DelayMs: 100, PerHost: 2, MaxPages: 400, MaxDepth: 3), ct);
        await output.WriteLineAsync($"Demo: the range serves {range.World.Sites.Count} sites on 127.0.0.1:{range.Port}; {platforms.Count} piracy platforms are registered for {organisation.Name} and being monitored.");

        // The range's legitimate sites may never be noticed or blocked.
        var allowList = new Enforcement.AllowLists(db);
        var allowed = 0;
        foreach (var site in range.World.Sites.Where(s => s.Legitimate))
            foreach (var domain in site.Domains)
                if ((await allowList.AddAsync(domain.Host, $"the range's legitimate site {site.Name}", ct)).Added) allowed++;
        if (allowed > 0) await output.WriteLineAsync($"Demo: {allowed} domains of the range's legitimate sites are on the allow-list.");

        await MakePublicAsync(db, range, organisation.Id, platforms, output, ct);
        await TipsAsync(db, range, organisation.Id, output, ct);

        await using var scope = services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        foreach (var (email, name) in Analysts)
        {
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct)) continue;
            var created = await accounts.CreateMemberAsync(email, name, organisation, MemberRole.Analyst, ct);
            await output.WriteLineAsync($"Demo: analyst {email} of {organisation.Name}, one-time password (shown once): {created.Password}");
        }
        await output.WriteLineAsync("Open Platforms in the UI to watch detections arrive; one analyst drafts a notice under Enforcement, the other approves it.");
        await output.WriteLineAsync("The public site check is at /check (no sign-in), and its API at /api/public/v1/check?url=…; the public reports sites at /report, and sees the figures at /stats.");
    }

    /// <summary>Two tips from the public waiting in the queue (Public → Tips from the public): a piracy site of the range, and a legitimate one.</summary>
    private static async Task TipsAsync(IsopDb db, RangeHost range, Guid organisation, TextWriter output, CancellationToken ct)
    {
        if (await db.Tips.AnyAsync(ct)) return;
        var now = db.Time.GetUtcNow();
        var sites = new[] { range.World.Sites.FirstOrDefault(s => !s.Legitimate), range.World.Sites.FirstOrDefault(s => s.Legitimate) };
        foreach (var (site, i) in sites.Select((s, i) => (s, i)))
        {
            if (site is null || site.Domains.Count == 0) continue;
            var host = site.Domains[0].Host;
            db.Tips.Add(new Awareness.Tip
            {
                OwnerOrganisationId = organisation, Url = $"https://{host}/", Host = host, Language = i == 0 ? "ko" : "fr", ReceivedAt = now, LastReportedAt = now,
                Details = i == 0 ? "무료로 최신 드라마를 볼 수 있다는 광고를 봤어요." : "Je ne sais pas si ce site est légal.",
            });
        }
        await db.SaveChangesAsync(ct);
        await output.WriteLineAsync("Demo: two tips from the public wait for triage under Public → Tips from the public.");
    }

    /// <summary>
    /// What the public may see in the demo: every other piracy platform of the range at TLP:CLEAR (the others stay GREEN,
    /// and the check knows nothing of them), and the catalogue's works at CLEAR with a legal offer on the range's first
    /// legitimate site, a known legal service.
    /// </summary>
    private static async Task MakePublicAsync(IsopDb db, RangeHost range, Guid organisation, IReadOnlyList<Guid> platforms, TextWriter output, CancellationToken ct)
    {
        var registered = await db.Platforms.Where(p => platforms.Contains(p.Id)).OrderBy(p => p.Name).ToListAsync(ct);
        var published = 0;
        for (var i = 0; i < registered.Count; i += 2)
        {
            if (registered[i].Tlp == Tlp.Clear) continue;
            registered[i].Tlp = Tlp.Clear;
            published++;
        }
        if (range.World.Sites.FirstOrDefault(s => s.Legitimate) is { } legal)
        {
            var home = range.Home(legal);
            foreach (var work in await db.Works.Where(w => w.OwnerOrganisationId == organisation).ToListAsync(ct))
            {
                work.Tlp = Tlp.Clear;
                var url = new Uri(home, $"watch/{Uri.EscapeDataString(work.ExternalId)}").AbsoluteUri;
                if (work.Offers.Count == 1 && work.Offers[0].Url == url) continue;
                work.Offers.Clear();
                work.Offers.Add(new Catalogue.WorkOffer { Service = legal.Name, Url = url, Position = 0 });
            }
        }
        await db.SaveChangesAsync(ct);
        if (published > 0) await output.WriteLineAsync($"Demo: {published} of the range's platforms are public (TLP:CLEAR) for the site check; the others stay TLP:GREEN.");
    }
}
