using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Operations;
using Isop.Range;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Operations;

/// <summary>
/// Operations and domain successions measured against the range's ground truth (issue 12): every site registered on
/// day 0 with the domains it had then (legitimate sites too, as controls), monitored once on day 0 and once on the
/// last day, when every hop has happened. Floors: operations pairwise precision ≥ 0.98 and recall ≥ 0.95, no
/// legitimate site in an operation, no copycat linked to the operation it copied; successions ≥ 0.95 found in the
/// first run after the hop, none false. Set ISOP_ANALYSIS_REPORT=FILE to write the figures.
/// </summary>
public abstract class RangeAnalysisTests(AppFixture fixture, ITestOutputHelper output)
{
    [Theory]
    [InlineData(5, 2)]
    [InlineData(12, 1)]
    public async Task Operations_and_successions_on_the_range_meet_the_floors(int seed, int scale)
    {
        fixture.Require();
        var ct = TestContext.Current.CancellationToken;
        var world = RangeWorld.Create(seed, scale);
        await using var range = await RangeHost.StartAsync(world, 0, cancellation: ct);
        var registration = await RangeRegistration.CreateAsync(fixture.App, range, "Range analysis",
            new RangeMonitoring(Enabled: false, DelayMs: 0, PerHost: 4, MaxPages: 12, MaxDepth: 1, Legitimate: true), ct, Tlp.Amber);
        var (platforms, organisation) = (registration.Platforms, registration.Organisation);
        foreach (var day in new[] { 0, RangeWorld.Days - 1 })
        {
            range.Day = day;
            await registration.RunAllAsync(ct);
        }

        await using var read = fixture.App.SystemDb();
        var (registered, siteOf) = await registration.ReadAsync(read, ct);

        // Operations: same-operation pairs of registered sites, against the pairs the analysis links.
        // Other tests' ranges share the database: only this range's platforms are counted.
        await using var asOwner = DataServices.CreateContext(fixture.App.Database.Settings, new Caller(null, organisation, MemberRole.Analyst, "test", false));
        var operations = (await new OperationFinder(asOwner, new OperationSettings()).FindAsync(ct))
            .Select(o => o with { Platforms = [.. o.Platforms.Where(p => siteOf.ContainsKey(p.Id))] }).Where(o => o.Platforms.Count > 0).ToList();
        var predicted = new HashSet<(string, string)>();
        foreach (var o in operations)
            foreach (var a in o.Platforms)
                foreach (var b in o.Platforms)
                    if (string.CompareOrdinal(siteOf[a.Id].Id, siteOf[b.Id].Id) < 0) predicted.Add((siteOf[a.Id].Id, siteOf[b.Id].Id));
        var sites = siteOf.Values.ToList();
        var truth = (from a in sites from b in sites
                     where string.CompareOrdinal(a.Id, b.Id) < 0 && a.OperationId is not null && a.OperationId == b.OperationId
                     select (a.Id, b.Id)).ToHashSet();
        var right = predicted.Count(truth.Contains);
        var pairPrecision = right / (double)Math.Max(1, predicted.Count);
        var pairRecall = right / (double)Math.Max(1, truth.Count);
        var legitimate = operations.SelectMany(o => o.Platforms).Count(p => siteOf[p.Id].Legitimate || siteOf[p.Id].Archetype == Archetype.AddressList);
        var copycats = predicted.Count(p =>
        {
            var (a, b) = (world.OperationOf(world.Sites.Single(s => s.Id == p.Item1))!, world.OperationOf(world.Sites.Single(s => s.Id == p.Item2))!);
            return a.Copies == b.Id || b.Copies == a.Id;
        });
        foreach (var wrong in predicted.Where(p => !truth.Contains(p))) output.WriteLine($"wrong pair {wrong}");
        foreach (var missed in truth.Where(p => !predicted.Contains(p))) output.WriteLine($"missed pair {missed}");

        // Successions: every hop of the truth, found in the first run after it, and nothing else.
        var successions = await read.DomainSuccessions.AsNoTracking().Where(s => platforms.Contains(s.PlatformId)).ToListAsync(ct);
        var hops = world.Sites.Where(s => s.Domains.Count == 2 && s.Domains[1].FromDay <= RangeWorld.Days - 1).ToList();
        var foundHops = 0;
        foreach (var site in hops)
        {
            var platform = siteOf.Single(x => x.Value == site).Key;
            var hit = successions.SingleOrDefault(s => s.PlatformId == platform && s.FromDomain == site.Domains[0].Host && s.ToDomain == site.Domains[1].Host);
            if (hit is null)
            {
                output.WriteLine($"missed succession {site.Id} {site.Domains[0].Host} → {site.Domains[1].Host} ({site.Domains[0].Announce})");
                continue;
            }
            foundHops++;
            Assert.NotEmpty(JsonSerializer.Deserialize<List<SuccessionEvidence>>(hit.Evidence, JsonSerializerOptions.Web)!);
            var domain = registered.Single(p => p.Id == platform).Domains.Single(d => d.Name == site.Domains[1].Host);
            Assert.True(domain.Discovered);
        }
        var falseSuccessions = successions.Count(s => !hops.Any(h => siteOf[s.PlatformId] == h && s.FromDomain == h.Domains[0].Host && s.ToDomain == h.Domains[1].Host));
        foreach (var s in successions.Where(s => !hops.Any(h => siteOf[s.PlatformId] == h && s.FromDomain == h.Domains[0].Host && s.ToDomain == h.Domains[1].Host)))
            output.WriteLine($"false succession {siteOf[s.PlatformId].Id} {s.FromDomain} → {s.ToDomain} via {s.Via}");
        var successionRate = foundHops / (double)Math.Max(1, hops.Count);
        // Successors keep the predecessor's owner and TLP (they are its domains).
        Assert.All(registered, p => Assert.Equal(organisation, p.OwnerOrganisationId));

        var byVia = string.Join(", ", successions.GroupBy(s => s.Via).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));
        var report = $"range seed {seed} scale {scale}: {registered.Count} platforms ({sites.Count(s => s.Legitimate)} legitimate), {world.Operations.Count} operations ({world.Operations.Count(o => o.Copies is not null)} copycats); " +
                     $"operations found {operations.Count}, pairs predicted {predicted.Count}, true {truth.Count}, right {right}: precision {pairPrecision:0.0000}, recall {pairRecall:0.0000}; " +
                     $"legitimate or address-list sites in operations {legitimate}, copycat pairs linked {copycats}; " +
                     $"successions {foundHops}/{hops.Count} ({successionRate:0.0000}) in the first run after the hop, false {falseSuccessions} ({byVia})";
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("ISOP_ANALYSIS_REPORT") is { Length: > 0 } file) await File.AppendAllTextAsync(file, $"{fixture.Provider}: {report}\n", ct);
        Assert.True(pairPrecision >= 0.98, report);
        Assert.True(pairRecall >= 0.95, report);
        Assert.Equal(0, legitimate);
        Assert.Equal(0, copycats);
        Assert.True(successionRate >= 0.95, report);
        Assert.Equal(0, falseSuccessions);
    }
}

public sealed class SqliteRangeAnalysisTests(SqliteApp app, ITestOutputHelper output) : RangeAnalysisTests(app, output), IClassFixture<SqliteApp>;

public sealed class PostgresRangeAnalysisTests(PostgresApp app, ITestOutputHelper output) : RangeAnalysisTests(app, output), IClassFixture<PostgresApp>;
