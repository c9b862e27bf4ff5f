using System.CommandLine;
using Isop.Access;
using Isop.Monitoring;
using Isop.Platforms;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary><c>isop platform add|list</c>: register platforms and how they are monitored, from the command line.</summary>
internal static class PlatformCommands
{
    public static Command Platform(TextWriter stdout, TextWriter stderr)
    {
        var name = new Argument<string>("NAME") { Description = "The platform's name." };
        var domains = new Option<string[]>("--domain") { Description = "A host name of the platform (repeat for mirrors).", Required = true };
        var kind = new Option<string>("--kind") { Description = $"One of {string.Join(", ", PlatformKinds.Names)}.", DefaultValueFactory = _ => "other" };
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
                var errors = new Dictionary<string, string[]>();
                PlatformKind? platformKind = null;
                if (PlatformKinds.TryParse(r.GetValue(kind), out var k)) platformKind = k;
                else errors["--kind"] = [$"expected one of {string.Join(", ", PlatformKinds.Names)}, got \"{r.GetValue(kind)}\""];
                Tlp? label = null;
                if (TlpLabels.TryParse(r.GetValue(tlp), out var t)) label = t;
                else errors["--tlp"] = [$"expected {TlpLabels.Expected}, got \"{r.GetValue(tlp)}\""];
                string? profileText = null;
                if (r.GetValue(profile) is { } file)
                    profileText = file.Exists ? await File.ReadAllTextAsync(file.FullName, ct) : throw new ArgumentException($"--profile {file}: no such file");
                var input = new PlatformInput { Name = r.GetValue(name), Kind = platformKind, Tlp = label, Domains = r.GetValue(domains) ?? [], ReadErrors = errors };
                var settings = new MonitorSettingsInput
                {
                    Enabled = r.GetValue(monitor), IntervalMinutes = r.GetValue(interval), Seeds = r.GetValue(seeds) ?? [], Resolve = r.GetValue(resolve) ?? [],
                    DelayMs = r.GetValue(delay), PerHost = r.GetValue(perHost), MaxPages = r.GetValue(maxPages), MaxDepth = r.GetValue(maxDepth),
                    RespectRobots = !r.GetValue(ignoreRobots), Profile = profileText,
                };
                await using var scope = await CliScope.OpenAsync(r, ct);
                var owner = await IsopCommand.ResolveOrganisationAsync(scope.Db, r.GetValue(org), ct);
                Platform platform;
                try
                {
                    platform = await scope.Get<PlatformWrites>().CreateAsync(input, settings, ct, owner.Id);
                }
                catch (InvalidInputException e)
                {
                    throw new InvalidInputException(e.Errors.ToDictionary(x => OptionOf(x.Key, input, settings), x => x.Value));
                }
                var hosts = platform.Domains.Select(d => d.Name).ToList();
                var monitored = platform.Monitor;
                if (output.Json) output.WriteJson(new { id = platform.Id, name = platform.Name, organisation = owner.Name, domains = hosts, monitored = monitored.Enabled });
                else await stdout.WriteLineAsync($"{platform.Name} ({platform.Id}) registered for {owner.Name}{(monitored.Enabled ? "; monitored every " + monitored.IntervalMinutes + " minutes" : "")}.");
                return 0;
            });
        });

        var list = new Command("list", "List platforms with their monitoring state and what was seen.");
        list.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct, migrate: false);
                var db = scope.Db;
                var platforms = await db.Platforms.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
                var seen = await db.Observations.GroupBy(o => o.PlatformId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
                var matched = await db.Recognitions.Where(x => x.WorkId != null).GroupBy(x => x.PlatformId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
                // The id is what `isop monitor run --platform` takes.
                if (!output.Json) await stdout.WriteLineAsync("id\tname\tkind\tTLP\tdomains\tmonitoring\tlistings");
                foreach (var p in platforms)
                {
                    var (s, m) = (seen.GetValueOrDefault(p.Id), matched.GetValueOrDefault(p.Id));
                    if (output.Json) output.WriteJson(new { id = p.Id, name = p.Name, kind = PlatformKinds.NameOf(p.Kind), tlp = p.Tlp.Label(), domains = p.Domains.Select(d => d.Name), monitored = p.Monitor.Enabled, lastRun = p.Monitor.LastRunAt, seen = s, matched = m });
                    else await stdout.WriteLineAsync($"{p.Id}\t{p.Name}\t{PlatformKinds.NameOf(p.Kind)}\t{p.Tlp.Label()}\t{string.Join(",", p.Domains.Select(d => d.Name))}\t{(p.Monitor.Enabled ? "monitored" : "-")}\t{s} seen, {m} recognised");
                }
                return 0;
            });
        });
        var group = new Command("platform", "Platforms and their monitoring.");
        group.Subcommands.Add(add);
        group.Subcommands.Add(list);
        return group;
    }

    // The input's fields by the options that gave them: "seeds[1]" is the second --seed, with its value.
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["name"] = "NAME", ["domains"] = "--domain", ["seeds"] = "--seed", ["resolve"] = "--resolve", ["intervalMinutes"] = "--interval",
        ["delayMs"] = "--delay", ["perHost"] = "--per-host", ["maxPages"] = "--max-pages", ["maxDepth"] = "--max-depth", ["profile"] = "--profile",
    };

    private static string OptionOf(string field, PlatformInput input, MonitorSettingsInput settings)
    {
        var bracket = field.IndexOf('[', StringComparison.Ordinal);
        var name = bracket < 0 ? field : field[..bracket];
        if (!Options.TryGetValue(name, out var option)) return field;
        if (bracket < 0 || !int.TryParse(field[(bracket + 1)..^1], out var i)) return option;
        var values = name switch { "domains" => input.Domains, "seeds" => settings.Seeds, "resolve" => settings.Resolve, _ => null };
        return values is not null && i < values.Count ? $"{option} {values[i]}" : option;
    }
}
