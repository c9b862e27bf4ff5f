using Isop.Access;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Range;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Infrastructure;

/// <summary>A range registered for an organisation of its own in a test's server, monitored on the days a test needs.</summary>
public sealed class RangeRegistration
{
    private RangeRegistration(IsopApp app, RangeWorld world, Guid organisation, IReadOnlyList<Guid> platforms)
    {
        App = app;
        World = world;
        Organisation = organisation;
        Platforms = platforms;
    }

    public IsopApp App { get; }
    public RangeWorld World { get; }
    public Guid Organisation { get; }
    public IReadOnlyList<Guid> Platforms { get; }

    /// <summary>
    /// Registers the range's sites (as <see cref="RangeDemo"/> does) for a new organisation; with <paramref name="tlp"/>,
    /// under that TLP, so that other tests' ranges in the same database (whose host names may be the same) stay apart.
    /// </summary>
    public static async Task<RangeRegistration> CreateAsync(IsopApp app, RangeHost range, string name, RangeMonitoring monitoring, CancellationToken ct, Tlp? tlp = null)
    {
        await using var db = app.SystemDb();
        var org = new Organisation { Name = $"{name} {Guid.NewGuid():N}", Kind = OrganisationKind.Secretariat, CreatedAt = DateTimeOffset.UtcNow };
        db.Organisations.Add(org);
        await db.SaveChangesAsync(ct);
        var platforms = await RangeDemo.RegisterAsync(db, range, org.Id, monitoring, ct);
        if (tlp is { } label)
        {
            foreach (var p in await db.Platforms.Where(p => platforms.Contains(p.Id)).ToListAsync(ct)) p.Tlp = label;
            await db.SaveChangesAsync(ct);
        }
        return new RangeRegistration(app, range.World, org.Id, platforms);
    }

    /// <summary>Runs every registered platform's monitoring once, each run completed.</summary>
    public async Task RunAllAsync(CancellationToken ct)
    {
        var runner = App.Services.GetRequiredService<MonitorRunner>();
        foreach (var id in Platforms)
        {
            var run = await runner.RunAsync(id, ct);
            Assert.True(run.Status == CrawlRunStatus.Completed, run.Problem);
        }
    }

    /// <summary>The registered platforms as they are now, and the range site each one is.</summary>
    public async Task<(List<Platform> Platforms, Dictionary<Guid, RangeSite> Sites)> ReadAsync(Isop.Data.IsopDb db, CancellationToken ct)
    {
        var registered = await db.Platforms.AsNoTracking().Where(p => Platforms.Contains(p.Id)).ToListAsync(ct);
        return (registered, registered.ToDictionary(p => p.Id, p => World.Sites.Single(s => p.Description!.StartsWith($"Range site {s.Id}:", StringComparison.Ordinal))));
    }
}
