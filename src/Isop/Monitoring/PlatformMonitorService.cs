using System.Collections.Concurrent;
using Isop.Access;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Monitoring;

/// <summary>
/// Runs due platforms in the background: first the runs a crash or a stop left unfinished (resumed under their id),
/// then every enabled platform whose next run time has come, a few at a time.
/// </summary>
public sealed class PlatformMonitorService(MonitorRunner runner, IsopDbFactory contexts, MonitorSettings settings, TimeProvider time, ILogger<PlatformMonitorService> log) : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, Task> running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var db = contexts.For(Caller.System("monitor")))
            {
                foreach (var run in await db.CrawlRuns.AsNoTracking().Where(r => r.Status == CrawlRunStatus.Running).ToListAsync(stoppingToken))
                    Start(run.PlatformId, stoppingToken, run.Id);
            }
            while (!stoppingToken.IsCancellationRequested)
            {
                await ScheduleDueAsync(stoppingToken);
                await Task.Delay(settings.Poll, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running.Values);
    }

    private async Task ScheduleDueAsync(CancellationToken ct)
    {
        if (running.Count >= settings.Concurrency) return;
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = contexts.For(Caller.System("monitor")))
        {
            var candidates = await db.Platforms.AsNoTracking().Where(p => p.Monitor.Enabled)
                .Select(p => new { p.Id, p.Monitor.NextRunAt }).ToListAsync(ct);
            due = [.. candidates.Where(p => p.NextRunAt is null || p.NextRunAt <= now).OrderBy(p => p.NextRunAt).Select(p => p.Id)];
        }
        foreach (var id in due)
        {
            if (running.Count >= settings.Concurrency) break;
            Start(id, ct);
        }
    }

    private void Start(Guid platformId, CancellationToken ct, Guid? resume = null)
    {
        if (running.ContainsKey(platformId)) return;
        running[platformId] = Task.Run(async () =>
        {
            try
            {
                var run = await runner.RunAsync(platformId, ct, resume);
                log.LogInformation("Monitoring run {Run} of platform {Platform}: {Status}, {Pages} pages, {Listings} listings, {Matched} matched, {New} new",
                    run.Id, platformId, run.Status, run.Pages, run.Listings, run.Matched, run.New);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Monitoring of platform {Platform} failed", platformId);
            }
            catch (OperationCanceledException)
            {
                // Stopping: the run stays Running and is resumed at the next start.
            }
            finally
            {
                running.TryRemove(platformId, out _);
            }
        }, CancellationToken.None);
    }
}
