using System.CommandLine;
using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Monitoring;
using Isop.Platforms;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary><c>isop platform add|list</c>: register platforms and how they are monitored, from the command line.</summary>
internal static class PlatformCommands
{
    public static Command Platform(TextWriter stdout, TextWriter stderr)
    {
        var name = new Argument<string>("NAME") { Description = "The platform's name." };
        var domains = new Option<string[]>("--domain") { Description = "A host name of the platform (repeat for mirrors).", Required = true };
        var kind = new Option<string>("--kind") { Description = $"One of {string.Join(", ", PlatformsApi.KindNamesList)}.", DefaultValueFactory = _ => "other" };
        var tlp = new Option<string>("--tlp") { Description = "TLP of the platform record.", DefaultValueFactory = _ => "AMBER" };
        var org = new Option<string?>("--org") { Description = "Owner organisation (default: the only organisation, if there is one)." };
        var monitor = new Option<bool>("--monitor") { Description = "Monitor it (first run as soon as the server runs)." };
        var seeds = new Option<string[]>("--seed") { Description = "Start URL (default: https:// on each domain)." };
        var resolve = new Option<string[]>("--resolve") { Description = "host:port:address, as for isop crawl." };
        var interval = new Option<int>("--interval") { Description = "Minutes between runs.", DefaultValueFactory = _ => 360 };
        var delay = new Option<int>("--delay") { Description = "Milliseconds between two requests to a host.", DefaultValueFactory = _ => 250 };
        var perHost = new Option<int>("--per-host") { Description = "Requests in flight per host.", DefaultValueFactory = _ => 2 };
        var maxPages = new Option<int>("--max-pages") { DefaultValueFactory = _ => 200 };
        var maxDepth = new Option<int>("--max-depth") { DefaultValueFactory = _ => 2 };
        var profile = new Option<FileInfo?>("--profile") { Description = "Extraction profile (JSON with CSS selectors)." };
        var ignoreRobots = new Option<bool>("--ignore-robots") { Description = "Do not obey robots.txt (an authorised investigation)." };
        var add = new Command("add", "Register a platform and how it is monitored.");
        add.Arguments.Add(name);
        foreach (var option in new Option[] { domains, kind, tlp, org, monitor, seeds, resolve, interval, delay, perHost, maxPages, maxDepth, profile, ignoreRobots }) add.Options.Add(option);
        add.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                if (!PlatformsApi.TryParseKind(r.GetValue(kind), out var platformKind))
                    throw new ArgumentException($"--kind: expected one of {string.Join(", ", PlatformsApi.KindNamesList)}, got \"{r.GetValue(kind)}\"");
                if (!TlpLabels.TryParse(r.GetValue(tlp), out var label)) throw new ArgumentException($"--tlp: expected {TlpLabels.Expected}, got \"{r.GetValue(tlp)}\"");
                var hosts = new List<string>();
                foreach (var d in r.GetValue(domains) ?? [])
                {
                    if (!DomainNames.TryNormalise(d, out var host, out var problem)) throw new ArgumentException($"--domain {d}: {problem}");
                    if (!hosts.Contains(host)) hosts.Add(host);
                }
                string? profileText = null;
                if (r.GetValue(profile) is { } file)
                    profileText = file.Exists ? await File.ReadAllTextAsync(file.FullName, ct) : throw new ArgumentException($"--profile {file}: no such file");
                var settings = new PlatformMonitor();
                using (var body = JsonDocument.Parse(JsonSerializer.Serialize(new
                {
                    enabled = r.GetValue(monitor), intervalMinutes = r.GetValue(interval), seeds = r.GetValue(seeds) ?? [], resolve = r.GetValue(resolve) ?? [],
                    delayMs = r.GetValue(delay), perHost = r.GetValue(perHost), maxPages = r.GetValue(maxPages), maxDepth = r.GetValue(maxDepth),
                    respectRobots = !r.GetValue(ignoreRobots), profile = profileText,
                })))
                {
                    var errors = new Dictionary<string, string[]>();
                    MonitoringApi.Apply(body.RootElement, settings, IsopCommand.AllowPrivateResolve, errors);
                    if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
                }
                await using var db = DataServices.CreateContext(IsopCommand.SettingsOf(r), Caller.System($"cli:{Environment.UserName}"));
                await DataServices.MigrateAsync(db, ct);
                var owner = await IsopCommand.ResolveOrganisationAsync(db, r.GetValue(org), ct);
                var now = db.Time.GetUtcNow();
                settings.ScheduleIfEnabled(now);
                var platform = new Platform { Name = r.GetValue(name)!.Trim(), Kind = platformKind, Tlp = label, OwnerOrganisationId = owner.Id, CreatedAt = now, UpdatedAt = now, Monitor = settings };
                if (platform.Name.Length is 0 or > 200) throw new ArgumentException("NAME: expected 1 to 200 characters");
                platform.SetDomains(hosts, now);
                db.Platforms.Add(platform);
                await db.SaveChangesAsync(ct);
                if (output.Json) output.WriteJson(new { id = platform.Id, name = platform.Name, organisation = owner.Name, domains = hosts, monitored = settings.Enabled });
                else await stdout.WriteLineAsync($"{platform.Name} ({platform.Id}) registered for {owner.Name}{(settings.Enabled ? "; monitored every " + settings.IntervalMinutes + " minutes" : "")}.");
                return 0;
            });
        });

        var list = new Command("list", "List platforms with their monitoring state and what was seen.");
        list.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var db = DataServices.CreateContext(IsopCommand.SettingsOf(r), Caller.System($"cli:{Environment.UserName}"));
                var platforms = await db.Platforms.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
                var seen = await db.Observations.GroupBy(o => o.PlatformId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
                var matched = await db.Recognitions.Where(x => x.WorkId != null).GroupBy(x => x.PlatformId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
                foreach (var p in platforms)
                {
                    var (s, m) = (seen.GetValueOrDefault(p.Id), matched.GetValueOrDefault(p.Id));
                    if (output.Json) output.WriteJson(new { id = p.Id, name = p.Name, domains = p.Domains.Select(d => d.Name), monitored = p.Monitor.Enabled, lastRun = p.Monitor.LastRunAt, seen = s, matched = m });
                    else await stdout.WriteLineAsync($"{p.Name}\t{string.Join(",", p.Domains.Select(d => d.Name))}\t{(p.Monitor.Enabled ? "monitored" : "-")}\t{s} seen, {m} recognised");
                }
                return 0;
            });
        });
        var platform = new Command("platform", "Platforms and their monitoring.");
        platform.Subcommands.Add(add);
        platform.Subcommands.Add(list);
        return platform;
    }
}
