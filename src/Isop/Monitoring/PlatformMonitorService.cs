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

    /// <summary>After each look for due platforms (with the clock's time), before the wait for the next: for tests on a fake clock.</summary>
    internal event Action<DateTimeOffset>? Polled;

    /// <summary>After a run ended and left the running set (a run that failed to start is not reported).</summary>
    internal event Action<CrawlRun>? RunFinished;

    /// <summary>How many platforms are being crawled now.</summary>
    internal int Running => running.Count;

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
                Polled?.Invoke(time.GetUtcNow());
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
        // Taken before the run starts, so that a run that ends at once still leaves the set.
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!running.TryAdd(platformId, done.Task)) return;
        _ = Task.Run(async () =>
        {
            CrawlRun? run = null;
            try
            {
                run = await runner.RunAsync(platformId, ct, resume);
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
                done.SetResult();
                if (run is not null) RunFinished?.Invoke(run);
            }
        }, CancellationToken.None);
    }
}
