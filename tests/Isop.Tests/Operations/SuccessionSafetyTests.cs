using Isop.Access;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Platforms;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Operations;

/// <summary>
/// Successions never tell an organisation about records it may not see: a successor that is a domain of another
/// organisation's AMBER platform is registered like any unknown host (no hidden row says "someone has it"), and an
/// address list stricter than the platform plays no part.
/// </summary>
public abstract class SuccessionSafetyTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> OrganisationAsync(string name)
    {
        await using var db = fixture.App.SystemDb();
        var org = new Organisation { Name = $"{name} {Guid.NewGuid():N}", Kind = OrganisationKind.LawEnforcement, CreatedAt = DateTimeOffset.UtcNow };
        db.Organisations.Add(org);
        await db.SaveChangesAsync(Ct);
        return org.Id;
    }

    private async Task<Guid> RegisterAsync(RangeHost range, RangeSite site, Guid owner, Tlp tlp, PlatformKind kind, IEnumerable<string> domains)
    {
        await using var db = fixture.App.SystemDb();
        var writes = new PlatformWrites(db, allowPrivateResolve: true);
        var platform = await writes.CreateAsync(new PlatformInput { Name = $"{site.Name} {Guid.NewGuid():N}", Kind = kind, Tlp = tlp, Domains = [.. domains] },
            new MonitorSettingsInput { Seeds = [range.Home(site, 0).AbsoluteUri], Resolve = [.. range.ResolveEntries], DelayMs = 0, PerHost = 4, MaxPages = 10, MaxDepth = 1 }, Ct, owner);
        return platform.Id;
    }

    [Fact]
    public async Task A_successor_that_another_organisation_holds_under_amber_is_registered_like_an_unknown_host()
    {
        fixture.Require();
        var world = RangeWorld.Create(12, 1);
        var site = world.Sites.First(s => s.Domains.Count == 2 && s.Domains[0].Announce == Announcement.Redirect);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: Ct);
        var (a, b) = (await OrganisationAsync("Agency A"), await OrganisationAsync("Bureau B"));
        var hidden = await RegisterAsync(range, site, a, Tlp.Amber, PlatformKind.StreamingSite, [site.Domains[1].Host]);
        var mine = await RegisterAsync(range, site, b, Tlp.Green, PlatformKind.StreamingSite, [site.Domains[0].Host]);
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();
        Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(mine, Ct)).Status);
        range.Day = site.Domains[1].FromDay;
        Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(mine, Ct)).Status);

        await using var db = fixture.App.SystemDb();
        var succession = Assert.Single(await db.DomainSuccessions.Where(s => s.PlatformId == mine).ToListAsync(Ct));
        Assert.Null(succession.ToPlatformId);
        Assert.Equal(SuccessionVia.Redirect, succession.Via);
        var platform = await db.Platforms.SingleAsync(p => p.Id == mine, Ct);
        Assert.Contains(platform.Domains, d => d.Name == site.Domains[1].Host && d.Discovered);
        Assert.NotEqual(hidden, mine);
    }

    [Fact]
    public async Task A_successor_registered_with_the_platform_already_is_found_and_a_domain_not_live_yet_succeeds_nothing()
    {
        fixture.Require();
        var world = RangeWorld.Create(12, 1);
        var site = world.Sites.First(s => s.Domains.Count == 2 && s.Domains[0].Announce == Announcement.Identifiers);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: Ct);
        var owner = await OrganisationAsync("Agency");
        // Both domains registered on day 0, when only the first answers: the second is not live yet, and succeeds nothing.
        var platform = await RegisterAsync(range, site, owner, Tlp.Green, PlatformKind.StreamingSite, site.Domains.Select(d => d.Host));
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();
        Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(platform, Ct)).Status);
        range.Day = site.Domains[1].FromDay;
        Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(platform, Ct)).Status);

        await using var db = fixture.App.SystemDb();
        var all = await db.DomainSuccessions.Where(s => s.PlatformId == platform).ToListAsync(Ct);
        Assert.True(all.Count == 1, string.Join("; ", all.Select(s => $"{s.FromDomain}->{s.ToDomain} {s.Via} {s.At:O} {s.Evidence}")));
        var succession = all[0];
        Assert.Equal((site.Domains[0].Host, site.Domains[1].Host, SuccessionVia.Identifiers, platform), (succession.FromDomain, succession.ToDomain, succession.Via, succession.ToPlatformId ?? platform));
        Assert.Contains("identifier", succession.Evidence, StringComparison.Ordinal);
        Assert.DoesNotContain((await db.Platforms.SingleAsync(p => p.Id == platform, Ct)).Domains, d => d.Discovered);
    }

    [Fact]
    public async Task A_mirror_that_was_live_beside_a_domain_that_goes_dark_is_not_its_successor()
    {
        fixture.Require();
        // Two mirrors of one site on loopback, both live for two runs; then the first answers 404 once.
        var down = false;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var site = builder.Build();
        site.MapGet("/", (HttpContext context) =>
        {
            var host = context.Request.Host.Host;
            if (down && host.StartsWith("mira", StringComparison.Ordinal)) return Results.NotFound();
            return Results.Content($"""
                <html><head><title>Mirror site</title><script>gtag('config', 'G-MIRROR7788');</script></head>
                <body><h1>Mirror site</h1><a href="https://t.me/mirrorchan77">Telegram</a> BTC 1MirrorWa11etXq8dG4sYk2pLmNb3RtUv <a href="/watch/1">Show.S01E01.1080p.WEB-DL-EVO</a></body></html>
                """, "text/html");
        });
        await site.StartAsync(Ct);
        var port = new Uri(site.Urls.First()).Port;
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var owner = await OrganisationAsync("Agency");
        Guid platform;
        await using (var db = fixture.App.SystemDb())
        {
            var created = await new PlatformWrites(db, allowPrivateResolve: true).CreateAsync(
                new PlatformInput { Name = $"Mirrors {suffix}", Kind = PlatformKind.StreamingSite, Tlp = Tlp.Green, Domains = [$"mira{suffix}.test", $"mirb{suffix}.test"] },
                new MonitorSettingsInput { Seeds = [$"http://mira{suffix}.test:{port}/"], Resolve = [$"*.test:{port}:127.0.0.1"], DelayMs = 0, PerHost = 2, MaxPages = 10, MaxDepth = 1 }, Ct, owner);
            platform = created.Id;
        }
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();
        for (var run = 0; run < 2; run++) Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(platform, Ct)).Status);
        down = true;
        Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(platform, Ct)).Status);

        await using var read = fixture.App.SystemDb();
        Assert.Empty(await read.DomainSuccessions.Where(s => s.PlatformId == platform).ToListAsync(Ct));
        Assert.Equal("HTTP 404", (await read.Platforms.SingleAsync(p => p.Id == platform, Ct)).Domains.Single(d => d.Name == $"mira{suffix}.test").DarkReason);
    }

    [Fact]
    public async Task An_address_list_stricter_than_the_platform_plays_no_part_in_its_succession()
    {
        fixture.Require();
        var world = RangeWorld.Create(12, 1);
        var site = world.Sites.First(s => s.Domains.Count == 2 && s.Domains[0].Announce == Announcement.AddressList);
        var list = world.Sites.Single(s => s.Archetype == Archetype.AddressList);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: Ct);
        var owner = await OrganisationAsync("Agency");
        var platform = await RegisterAsync(range, site, owner, Tlp.Green, PlatformKind.StreamingSite, [site.Domains[0].Host]);
        var red = await RegisterAsync(range, list, owner, Tlp.Red, PlatformKind.AddressList, list.Domains.Select(d => d.Host));
        var runner = fixture.App.Services.GetRequiredService<MonitorRunner>();
        foreach (var id in new[] { red, platform }) Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(id, Ct)).Status);
        range.Day = site.Domains[1].FromDay;
        foreach (var id in new[] { red, platform }) Assert.Equal(CrawlRunStatus.Completed, (await runner.RunAsync(id, Ct)).Status);

        await using var db = fixture.App.SystemDb();
        var successions = await db.DomainSuccessions.Where(s => s.PlatformId == platform).ToListAsync(Ct);
        Assert.DoesNotContain(successions, s => s.Via == SuccessionVia.AddressList || s.Evidence.Contains(list.Domains[0].Host, StringComparison.Ordinal));
        // The list's own "latest addresses" headings do not make it a "we moved" notice: it is live.
        Assert.Null((await db.Platforms.SingleAsync(p => p.Id == red, Ct)).Domains.Single(d => d.Name == list.HostOn(range.Day)).DarkReason);
    }
}

public sealed class SqliteSuccessionSafetyTests(SqliteApp app) : SuccessionSafetyTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSuccessionSafetyTests(PostgresApp app) : SuccessionSafetyTests(app), IClassFixture<PostgresApp>;
