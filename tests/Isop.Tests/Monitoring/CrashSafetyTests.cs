using System.Diagnostics;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Range;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Monitoring;

/// <summary>
/// kill -9 in the middle of ingesting, then a restart: every observation stored before the kill is still there,
/// none is stored twice, and the interrupted run is resumed under its id and completes.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 240_000)]
    public async Task Killing_the_server_mid_ingest_loses_no_acknowledged_observation_and_duplicates_none()
    {
        var folder = Directory.CreateTempSubdirectory("isop-crash-").FullName;
        var settings = DatabaseSettings.Resolve(null, folder);
        var world = RangeWorld.Create(5, 3);
        await using var range = await RangeHost.StartAsync(world, RangeWorld.Days - 1, cancellation: Ct);
        var site = world.Sites.Where(s => s.Archetype == Archetype.TorrentIndex).MaxBy(s => world.ListingsOf(s, range.Day).Count())!;
        Guid platformId;
        try
        {
            await using (var db = DataServices.CreateContext(settings, Caller.System("test")))
            {
                await DataServices.MigrateAsync(db, Ct);
                var organisation = new Organisation { Name = "Crash test unit", Kind = OrganisationKind.LawEnforcement, CreatedAt = DateTimeOffset.UtcNow };
                db.Organisations.Add(organisation);
                await db.SaveChangesAsync(Ct);
                // Slow enough (pages 40 ms apart, one at a time) that the kill lands between batches.
                var ids = await RangeDemo.RegisterAsync(db, range, organisation.Id, new RangeMonitoring(Enabled: false, DelayMs: 40, PerHost: 1), Ct);
                var platforms = await db.Platforms.Where(p => ids.Contains(p.Id)).ToListAsync(Ct);
                var chosen = platforms.Single(p => p.Name == $"{site.Name} (range)");
                chosen.Monitor.Enabled = true;
                chosen.Monitor.NextRunAt = DateTimeOffset.UtcNow;
                await db.SaveChangesAsync(Ct);
                platformId = chosen.Id;
            }

            using (var first = Serve(folder))
            {
                var acknowledged = await WaitAsync(settings, async db =>
                {
                    var run = await db.CrawlRuns.AsNoTracking().FirstOrDefaultAsync(r => r.PlatformId == platformId, Ct);
                    var keys = await db.Observations.AsNoTracking().Where(o => o.PlatformId == platformId).Select(o => o.Key).ToListAsync(Ct);
                    return run is { Status: CrawlRunStatus.Running } && keys.Count > 0 ? keys : null;
                });
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync(Ct);
                output.WriteLine($"killed after {acknowledged.Count} acknowledged observations");
                await using var db = DataServices.CreateContext(settings, Caller.System("test"));
                var keysAfterKill = await db.Observations.Where(o => o.PlatformId == platformId).Select(o => o.Key).ToListAsync(Ct);
                Assert.Superset(acknowledged.ToHashSet(), keysAfterKill.ToHashSet());
                Assert.Equal(CrawlRunStatus.Running, (await db.CrawlRuns.SingleAsync(r => r.PlatformId == platformId, Ct)).Status);
            }

            using (var second = Serve(folder))
            {
                var run = await WaitAsync(settings, async db =>
                    await db.CrawlRuns.AsNoTracking().SingleOrDefaultAsync(r => r.PlatformId == platformId && r.Status != CrawlRunStatus.Running, Ct));
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync(Ct);
                Assert.True(run.Status == CrawlRunStatus.Completed, run.Problem);
                await using var db = DataServices.CreateContext(settings, Caller.System("test"));
                Assert.Equal(1, await db.CrawlRuns.CountAsync(r => r.PlatformId == platformId, Ct));
                var observations = await db.Observations.Where(o => o.PlatformId == platformId).ToListAsync(Ct);
                var truth = world.ListingsOf(site, range.Day).ToList();
                Assert.Equal(truth.Count, observations.Count);
                Assert.Equal(observations.Count, observations.Select(o => o.Key).Distinct().Count());
                foreach (var listing in truth) Assert.Single(observations, o => o.InfoHash == listing.InfoHash);
                // The run's counters add up across the two processes: nothing was counted as new twice.
                Assert.Equal(truth.Count, run.New);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private Process Serve(string folder)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "isop.dll"), "serve", "--data", folder, "--urls", "http://127.0.0.1:0" })
            start.ArgumentList.Add(arg);
        // The range runs on loopback: the server is given that permission, as an operator would give it.
        start.Environment["Isop__Crawling__AllowPrivateResolve"] = "true";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("server: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("server! " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<T> WaitAsync<T>(DatabaseSettings settings, Func<IsopDb, Task<T?>> probe) where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(150))
        {
            await using (var db = DataServices.CreateContext(settings, Caller.System("test")))
            {
                try
                {
                    if (await probe(db) is { } found) return found;
                }
                catch (Microsoft.Data.Sqlite.SqliteException)
                {
                    // the server holds the write lock for a moment
                }
            }
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException("the server did not get there in 150 s");
    }
}
