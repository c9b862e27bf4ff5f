using System.CommandLine;
using Isop.Range;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Isop.Cli;

/// <summary><c>isop range</c>: serve the synthetic piracy ecosystem on loopback, and write its catalogue and ground truth.</summary>
internal static class RangeCommands
{
    public static Command Range(Option<bool> jsonOption, TextWriter stdout, TextWriter stderr)
    {
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed gives the same range.", DefaultValueFactory = _ => 1 };
        var scale = new Option<int>("--scale") { Description = "Size, from 1 to 100 (operations, sites and releases grow with it).", DefaultValueFactory = _ => 1 };
        var day = new Option<int>("--day") { Description = $"Simulated day shown, 0 to {RangeWorld.Days - 1} (a request may choose another with the {RangeHost.DayHeader} header).", DefaultValueFactory = _ => RangeWorld.Days - 1 };
        var port = new Option<int>("--port") { Description = "Loopback port (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the ground truth (sites, operations, domain hops, listings, releases) as JSON." };
        var catalogue = new Option<FileInfo?>("--catalogue") { Description = "Write the range's catalogue of protected works (for isop catalogue import)." };
        var resolveFile = new Option<FileInfo?>("--resolve-file") { Description = "Write the resolve entries (host:port:127.0.0.1), one per line." };
        var noServe = new Option<bool>("--no-serve") { Description = "Write the files and exit without serving." };
        var register = new Option<bool>("--register") { Description = "Import the range's catalogue and register its piracy sites as monitored platforms in the database (--data/--database), pointed at this listener." };
        var org = new Option<string?>("--org") { Description = "With --register: the owner organisation (default: the only one; created if there is none)." };
        var command = new Command("range", "Serve a synthetic piracy ecosystem on loopback (.test sites), with its catalogue and ground truth.");
        foreach (var option in new Option[] { seed, scale, day, port, truth, catalogue, resolveFile, noServe, register, org }) command.Options.Add(option);
        command.SetAction(async (r, ct) =>
        {
            var output = new Output(r.GetValue(jsonOption), stdout, stderr);
            if (r.GetValue(scale) is < 1 or > 100)
            {
                output.Error("--scale must be from 1 to 100");
                return 2;
            }
            if (r.GetValue(day) is var d && (d < 0 || d >= RangeWorld.Days))
            {
                output.Error($"--day must be from 0 to {RangeWorld.Days - 1}");
                return 2;
            }
            if (r.GetValue(port) is < 0 or > 65535)
            {
                output.Error("--port must be from 0 to 65535");
                return 2;
            }
            var world = RangeWorld.Create(r.GetValue(seed), r.GetValue(scale));
            if (r.GetValue(truth) is { } truthFile)
            {
                await using var file = truthFile.Create();
                RangeTruth.Write(world, file);
            }
            if (r.GetValue(catalogue) is { } catalogueFile) await File.WriteAllTextAsync(catalogueFile.FullName, RangeCatalogue.ToJson(), ct);
            if (r.GetValue(noServe))
            {
                if (output.Json) output.WriteJson(new { sites = world.Sites.Count, listings = world.Listings.Count, operations = world.Operations.Count });
                else await stdout.WriteLineAsync($"range seed {world.Seed}, scale {world.Scale}: {world.Sites.Count} sites, {world.Operations.Count} operations, {world.Listings.Count} listings");
                return 0;
            }

            await using var host = await RangeHost.StartAsync(world, r.GetValue(day), r.GetValue(port), ct);
            if (r.GetValue(resolveFile) is { } resolve) await File.WriteAllLinesAsync(resolve.FullName, host.ResolveEntries, ct);
            if (r.GetValue(register))
            {
                var code = await IsopCommand.Guard(output, async () =>
                {
                    await using var scope = await CliScope.OpenAsync(r, ct);
                    var db = scope.Db;
                    Isop.Access.Organisation owner;
                    if (r.GetValue(org) is null && !await db.Organisations.AnyAsync(ct))
                    {
                        owner = new Isop.Access.Organisation { Name = "Range", Kind = Isop.Access.OrganisationKind.Secretariat, CreatedAt = DateTimeOffset.UtcNow };
                        db.Organisations.Add(owner);
                        await db.SaveChangesAsync(ct);
                    }
                    else owner = await IsopCommand.ResolveOrganisationAsync(db, r.GetValue(org), ct);
                    var ids = await Isop.Monitoring.RangeDemo.RegisterAsync(db, host, owner.Id, new Isop.Monitoring.RangeMonitoring(Enabled: true, DelayMs: 0, PerHost: 2, MaxPages: 5000, MaxDepth: 4), ct);
                    output.Stderr.WriteLine($"registered {ids.Count} range platforms for the organisation {owner.Name} ({owner.Id}). Their resolve map points at loopback: "
                        + "monitor them with Isop__Crawling__AllowPrivateResolve=true isop monitor run, "
                        + $"then read the analysis with isop operations|lineage|releases --org \"{owner.Name}\".");
                    return 0;
                });
                if (code != 0) return code;
            }
            if (output.Json)
            {
                output.WriteJson(new
                {
                    port = host.Port,
                    day = host.Day,
                    sites = world.Sites.Select(s => new { id = s.Id, archetype = s.Archetype.ToString(), piracy = s.Piracy, url = host.Home(s).AbsoluteUri }),
                    resolve = host.ResolveEntries,
                });
            }
            else
            {
                var table = new Table().AddColumns("site", "archetype", "language", "operation", $"URL on day {host.Day}");
                foreach (var s in world.Sites) table.AddRow(s.Id, s.Archetype.ToString(), s.Language, s.OperationId ?? "(legitimate)", host.Home(s).AbsoluteUri);
                output.Terminal.Write(table);
                output.Terminal.MarkupLineInterpolated($"Range on 127.0.0.1:{host.Port}. Crawl it with --resolve HOST:{host.Port}:127.0.0.1 (see --resolve-file). Ctrl+C stops.");
            }
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C
            }
            return 0;
        });
        return command;
    }
}
