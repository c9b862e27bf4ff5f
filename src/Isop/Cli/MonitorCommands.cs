using System.CommandLine;
using Isop.Monitoring;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Isop.Cli;

/// <summary><c>isop monitor run</c>: run platforms' monitoring once, now, without the server (for schedulers and measurements).</summary>
internal static class MonitorCommands
{
    public static Command Monitor(TextWriter stdout, TextWriter stderr)
    {
        var platforms = new Option<Guid[]>("--platform") { Description = "A platform id (repeat); default: every monitored platform." };
        var concurrency = new Option<int>("--concurrency") { Description = "Platforms crawled at once.", DefaultValueFactory = _ => 4 };
        var run = new Command("run", "Run monitoring once for the given platforms (default: every monitored one) and wait for it to finish.");
        run.Options.Add(platforms);
        run.Options.Add(concurrency);
        run.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct);
                List<Guid> ids;
                {
                    var db = scope.Db;
                    var given = r.GetValue(platforms) ?? [];
                    ids = given.Length > 0
                        ? await db.Platforms.Where(p => given.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct)
                        : await db.Platforms.Where(p => p.Monitor.Enabled).Select(p => p.Id).ToListAsync(ct);
                    if (given.Length > 0 && ids.Count < given.Length) throw new ArgumentException($"--platform: no platform with the id {given.First(g => !ids.Contains(g))}");
                }
                var runner = scope.Get<MonitorRunner>();
                var results = new List<CrawlRun>();
                var started = DateTimeOffset.UtcNow;
                await output.WithProgressAsync("Monitoring", ids.Count, async progress =>
                {
                    using var gate = new SemaphoreSlim(Math.Max(1, r.GetValue(concurrency)));
                    var done = 0;
                    await Task.WhenAll(ids.Select(async id =>
                    {
                        await gate.WaitAsync(ct);
                        try
                        {
                            var result = await runner.RunAsync(id, ct);
                            lock (results) results.Add(result);
                            progress?.Report(Interlocked.Increment(ref done));
                        }
                        finally
                        {
                            gate.Release();
                        }
                    }));
                    return 0;
                });
                var seconds = (DateTimeOffset.UtcNow - started).TotalSeconds;
                var pages = results.Sum(x => x.Pages);
                // Why a run failed, each once, so that a failure says what to do (a refused resolve map, a site that is down).
                var problems = results.Where(x => x.Status != CrawlRunStatus.Completed && x.Problem is not null)
                    .GroupBy(x => x.Problem!).Select(g => new { problem = g.Key, platforms = g.Count() }).ToList();
                if (output.Json)
                    output.WriteJson(new { platforms = results.Count, pages, listings = results.Sum(x => x.Listings), matched = results.Sum(x => x.Matched), @new = results.Sum(x => x.New), failed = results.Count(x => x.Status != CrawlRunStatus.Completed), problems, seconds, pagesPerSecond = pages / Math.Max(seconds, 1e-9) });
                else
                {
                    var names = await scope.Db.Platforms.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
                    var table = new Table().AddColumns("platform", "status", "pages", "listings", "recognised", "new", "problem");
                    foreach (var x in results.OrderBy(x => names.GetValueOrDefault(x.PlatformId), StringComparer.Ordinal))
                        table.AddRow(Cells.Of(names.GetValueOrDefault(x.PlatformId) ?? x.PlatformId.ToString()), x.Status.ToString(), $"{x.Pages}", $"{x.Listings}", $"{x.Matched}", $"{x.New}", Cells.Of(x.Problem));
                    output.Terminal.Write(table);
                    await stdout.WriteLineAsync($"{results.Count} platforms, {pages} pages in {seconds:0.0} s ({pages / Math.Max(seconds, 1e-9):0} pages/s)");
                }
                foreach (var p in problems) output.Stderr.WriteLine($"{p.platforms} platform(s) failed: {p.problem}");
                return results.Any(x => x.Status == CrawlRunStatus.Failed) ? 1 : 0;
            });
        });
        var monitor = new Command("monitor", "Monitoring of platforms.");
        monitor.Subcommands.Add(run);
        return monitor;
    }
}
