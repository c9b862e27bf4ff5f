using System.CommandLine;
using Isop.Access;
using Isop.Operations;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Isop.Cli;

/// <summary>
/// <c>isop operations</c>: the analysis of what monitoring saw, as a table or JSON lines, as the local operator sees it
/// or, with <c>--org</c>, as an organisation's members do (its TLP view).
/// </summary>
internal static class AnalysisCommands
{
    private static Option<string?> OrgOption() => new("--org") { Description = "See what this organisation's members see (TLP applies); default: everything, as the local operator." };

    /// <summary>The command's services, acting as the local operator or, with --org, as an analyst of that organisation.</summary>
    private static async Task<CliScope> ScopeAsync(ParseResult r, Option<string?> org, CancellationToken ct)
    {
        if (r.GetValue(org) is not { } name) return await CliScope.OpenAsync(r, ct);
        Guid organisation;
        await using (var system = await CliScope.OpenAsync(r, ct))
            organisation = (await IsopCommand.ResolveOrganisationAsync(system.Db, name, ct)).Id;
        return await CliScope.OpenAsync(r, ct, migrate: false, caller: new Caller(null, organisation, MemberRole.Analyst, $"cli:{Environment.UserName}", false));
    }

    public static Command Operations(TextWriter stdout, TextWriter stderr)
    {
        var org = OrgOption();
        var command = new Command("operations", "Operations: platforms run by the same people, linked by the strong identifiers they share (one JSON line per operation with --json).");
        command.Options.Add(org);
        command.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await ScopeAsync(r, org, ct);
                var operations = await scope.Get<OperationFinder>().FindAsync(ct);
                if (output.Json)
                {
                    foreach (var o in operations)
                        output.WriteJson(new
                        {
                            id = o.Id,
                            tlp = o.Tlp.Label(),
                            platforms = o.Platforms.Select(p => new { id = p.Id, name = p.Name, domains = p.Domains, tlp = p.Tlp.Label() }),
                            links = o.Links.Select(l => new
                            {
                                from = l.From,
                                to = l.To,
                                weight = l.Weight,
                                signals = l.Signals.Select(s => new
                                {
                                    kind = s.Kind, value = s.Value, strength = s.Strength, firstSeen = s.FirstSeen, lastSeen = s.LastSeen,
                                    evidence = s.Evidence.Select(e => new { platform = e.Platform, type = e.Type, value = e.Value, pageUrl = e.PageUrl, firstSeen = e.FirstSeen, lastSeen = e.LastSeen, warcFile = e.WarcFile, warcOffset = e.WarcOffset }),
                                }),
                            }),
                            firstSeen = o.FirstSeen,
                            lastSeen = o.LastSeen,
                        });
                    return 0;
                }
                if (operations.Count == 0)
                {
                    await stdout.WriteLineAsync("No operation: no two platforms share a strong identifier.");
                    return 0;
                }
                var table = new Table().AddColumns("operation", "TLP", "platforms", "shared identifiers (strong ones link; medium ones only corroborate)");
                foreach (var o in operations)
                {
                    var names = Cells.Lines(o.Platforms.Select(p => $"{p.Name} ({string.Join(", ", p.Domains)})"));
                    // Strong first, each once, with how many of the operation's links it is part of.
                    var shared = Cells.Lines(o.Links.SelectMany(l => l.Signals).GroupBy(s => (s.Kind, s.Value, s.Strength))
                        .OrderByDescending(g => g.Key.Strength).ThenByDescending(g => g.Count()).ThenBy(g => g.Key.Kind, StringComparer.Ordinal)
                        .Select(g => $"{g.Key.Strength.ToString().ToLowerInvariant()}: {g.Key.Kind} {g.Key.Value}" + (g.Count() > 1 ? $" ({g.Count()} links)" : "")));
                    table.AddRow(o.Id.ToString(), o.Tlp.Label(), names, shared);
                }
                output.Terminal.Write(table);
                await stdout.WriteLineAsync($"{operations.Count} operation(s). Two platforms are linked when they share strong identifiers weighing 1 or more; the graph and the evidence of each link: /Operations/{{id}}, or --json.");
                return 0;
            });
        });
        return command;
    }

    public static Command LineageCommand(TextWriter stdout, TextWriter stderr)
    {
        var org = OrgOption();
        var platform = new Option<Guid?>("--platform") { Description = "Only the successions of this platform (its id)." };
        var command = new Command("lineage", "Domain successions: where platforms went when a domain went dark, how that was found, and the evidence (one JSON line per succession with --json).");
        command.Options.Add(org);
        command.Options.Add(platform);
        command.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await ScopeAsync(r, org, ct);
                if (r.GetValue(platform) is { } only && !await scope.Db.Platforms.AnyAsync(p => p.Id == only, ct))
                    throw new ArgumentException($"--platform: no platform with the id {only} (that this organisation may see)");
                var entries = await Lineage.ReadAsync(scope.Db, r.GetValue(platform), ct);
                if (output.Json)
                {
                    foreach (var e in entries)
                        output.WriteJson(new
                        {
                            from = new { platform = e.From.Platform, name = e.From.PlatformName, domain = e.From.Domain },
                            to = new { platform = e.To.Platform, name = e.To.PlatformName, domain = e.To.Domain },
                            at = e.At,
                            via = e.Via,
                            tlp = e.Tlp.Label(),
                            evidence = e.Evidence,
                        });
                    return 0;
                }
                if (entries.Count == 0)
                {
                    await stdout.WriteLineAsync("No succession: no monitored domain has gone dark and been followed.");
                    return 0;
                }
                var table = new Table().AddColumns("when", "TLP", "platform", "from", "to", "found by", "evidence");
                foreach (var e in entries)
                    table.AddRow(e.At.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), e.Tlp.Label(), Cells.Of(e.From.PlatformName), Cells.Of(e.From.Domain),
                        Cells.Of(e.To.Domain + (e.To.Platform != e.From.Platform ? $" ({e.To.PlatformName})" : "")), e.Via, e.Evidence.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                output.Terminal.Write(table);
                return 0;
            });
        });
        return command;
    }

    public static Command ReleasesCommand(TextWriter stdout, TextWriter stderr)
    {
        var org = OrgOption();
        var group = new Option<string?>("--group") { Description = "Only this release group's releases (EVO, NTb…)." };
        var command = new Command("releases", "Releases: where each appeared first (the time the page states, else the first sighting) and the platforms it spread to (one JSON line per release with --json).");
        command.Options.Add(org);
        command.Options.Add(group);
        command.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await ScopeAsync(r, org, ct);
                var releases = await scope.Get<Isop.ReleaseGroups.ReleaseAnalysis>().ReleasesAsync(r.GetValue(group), ct);
                object End(Isop.ReleaseGroups.ReleaseSighting s) => new { platform = s.Platform, name = s.PlatformName, domain = s.Domain, at = s.At, source = s.Source, pageUrl = s.PageUrl, warcFile = s.WarcFile, warcOffset = s.WarcOffset };
                if (output.Json)
                {
                    foreach (var x in releases)
                        output.WriteJson(new { release = x.Release, group = x.Group, tlp = x.Tlp.Label(), first = End(x.First), platforms = x.Platforms.Select(End), work = x.WorkId, episode = x.Episode });
                    return 0;
                }
                if (releases.Count == 0)
                {
                    await stdout.WriteLineAsync("No release: no observation carries a release name yet.");
                    return 0;
                }
                var table = new Table().AddColumns("release", "group", "first", "at", "platforms");
                foreach (var x in releases)
                    table.AddRow(Cells.Of(x.Release), Cells.Of(x.Group ?? ""), Cells.Of($"{x.First.PlatformName} ({x.First.Domain})"),
                        x.First.At.ToString("u", System.Globalization.CultureInfo.InvariantCulture) + (x.First.Source == "posted" ? "" : " (sighted)"), x.Platforms.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                output.Terminal.Write(table);
                return 0;
            });
        });
        return command;
    }

    public static Command MoneyCommand(TextWriter stdout, TextWriter stderr)
    {
        var org = OrgOption();
        var csv = new Option<bool>("--csv") { Description = "Print CSV (a header line, then one row per identifier and platform) for spreadsheets." };
        var command = new Command("money", "The money trail: wallets, ad publisher, affiliate and donation accounts and payment pages, with their platforms, operations and evidence.");
        command.Options.Add(org);
        command.Options.Add(csv);
        command.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await ScopeAsync(r, org, ct);
                var rows = await scope.Get<MoneyTrail>().RowsAsync(ct);
                if (r.GetValue(csv)) await stdout.WriteAsync(MoneyTrail.Csv(rows));
                else if (output.Json) foreach (var row in rows) output.WriteJson(row);
                else
                {
                    var table = new Table().AddColumns("kind", "value", "platform", "operation", "last seen");
                    foreach (var x in rows)
                        table.AddRow(x.Kind, Cells.Of(x.Value), Cells.Of(x.PlatformName), Cells.Of(x.OperationName), x.LastSeen.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
                    output.Terminal.Write(table);
                }
                return 0;
            });
        });
        return command;
    }

    public static Command ScoresCommand(TextWriter stdout, TextWriter stderr)
    {
        var org = OrgOption();
        var command = new Command("scores", "Platforms ranked by score (0 to 100): infringement share, volume, works, rights holders, freshness, persistence, audience, risks.");
        command.Options.Add(org);
        command.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await ScopeAsync(r, org, ct);
                var scores = await scope.Get<PlatformScores>().RankAsync(ct);
                if (output.Json) foreach (var s in scores) output.WriteJson(s);
                else
                {
                    var table = new Table().AddColumns("score", "platform", "breakdown", "risks");
                    foreach (var s in scores)
                        table.AddRow(s.Score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), Cells.Of(s.Name),
                            string.Join(", ", s.Parts.Select(p => $"{p.Name} {p.Points:0.#}")), string.Join(", ", s.Risks.Select(r => Isop.Web.KindLabels.OfSignal(r).ToLowerInvariant())));
                    output.Terminal.Write(table);
                }
                return 0;
            });
        });
        return command;
    }

    public static Command DigestCommand(TextWriter stdout, TextWriter stderr)
    {
        var org = OrgOption();
        var markdown = new Option<bool>("--markdown") { Description = "Print the digest as Markdown, for the advisory group." };
        var to = new Option<DateTimeOffset?>("--to")
        {
            Description = "The end of the week (ISO 8601; default: now).",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)) return at;
                result.AddError($"--to: expected an ISO 8601 time such as 2026-11-15 or 2026-11-15T00:00:00Z, not \"{text}\"");
                return null;
            },
        };
        var command = new Command("digest", "The week's emerging threats: new platforms, fast growers, new release groups, works under sudden attack, successors.");
        command.Options.Add(org);
        command.Options.Add(markdown);
        command.Options.Add(to);
        command.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await ScopeAsync(r, org, ct);
                var digest = await scope.Get<EmergingThreats>().WeekAsync(r.GetValue(to), ct);
                if (r.GetValue(markdown) || !output.Json) await stdout.WriteAsync(EmergingThreats.Markdown(digest));
                else output.WriteJson(digest);
                return 0;
            });
        });
        return command;
    }
}
