using System.CommandLine;
using Isop.Access;
using Isop.Data;
using Isop.Enforcement;
using Isop.Platforms;
using Isop.Web;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary><c>isop decision</c>, <c>isop blocklist</c> and <c>isop allow-list</c>: blocking decisions and what is published from them.</summary>
internal static class EnforcementCommands
{
    public static Command Decision(TextWriter stdout, TextWriter stderr)
    {
        var platform = new Option<string>("--platform") { Description = "The platform blocked: its id, name or one of its domains.", Required = true };
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "Where it is blocked: a two-letter country code (KR, FR).", Required = true };
        var basis = new Option<string>("--basis") { Description = "The legal basis (the law and the order).", Required = true };
        var decidedBy = new Option<string>("--decided-by") { Description = "Who decided (a court, a regulator).", Required = true };
        var decidedAt = new Option<string?>("--decided-at") { Description = "When it was decided (ISO 8601 date or time; default now)." };
        var until = new Option<string?>("--until") { Description = "When it lapses (ISO 8601 date or time; default: it stands until revoked)." };
        var tlp = new Option<string?>("--tlp") { Description = "TLP of the decision (default: the platform's)." };
        var org = new Option<string?>("--org") { Description = "The organisation that records it (default: the platform's owner)." };
        var add = new Command("add", "Record a blocking decision; refused when the allow-list covers a domain of the platform.");
        foreach (var option in new Option[] { platform, jurisdiction, basis, decidedBy, decidedAt, until, tlp, org }) add.Options.Add(option);
        add.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                Tlp? label = null;
                if (r.GetValue(tlp) is { } t)
                    label = TlpLabels.TryParse(t, out var parsed) ? parsed : throw new ArgumentException($"--tlp: expected {TlpLabels.Expected}, got \"{t}\"");
                await using var scope = await CliScope.OpenAsync(r, ct);
                var target = await ResolvePlatformAsync(scope.Db, r.GetValue(platform)!, ct);
                var owner = r.GetValue(org) is { } name ? (await IsopCommand.ResolveOrganisationAsync(scope.Db, name, ct)).Id : target.OwnerOrganisationId;
                var input = new DecisionInput
                {
                    PlatformId = target.Id, Jurisdiction = r.GetValue(jurisdiction), Basis = r.GetValue(basis), DecidedBy = r.GetValue(decidedBy),
                    DecidedAt = r.GetValue(decidedAt), Until = r.GetValue(until), Tlp = label,
                };
                BlockingDecision decision;
                try
                {
                    decision = await scope.Get<DecisionWrites>().CreateAsync(input, ct, owner);
                }
                catch (InvalidInputException e)
                {
                    throw new InvalidInputException(e.Errors.ToDictionary(x => Options.GetValueOrDefault(x.Key, x.Key), x => x.Value));
                }
                if (output.Json)
                    output.WriteJson(new { id = decision.Id, platformId = target.Id, platform = target.Name, jurisdiction = decision.Jurisdiction, domains = target.Domains.Select(d => d.Name).Order(StringComparer.Ordinal), decidedAt = decision.DecidedAt, until = decision.Until, tlp = decision.Tlp.Label() });
                else
                    await stdout.WriteLineAsync($"Decision {decision.Id}: {Cells.Of(target.Name)} ({target.Domains.Count} domain{(target.Domains.Count == 1 ? "" : "s")}) blocked in {decision.Jurisdiction}{(decision.Until is { } u ? $" until {u:yyyy-MM-dd}" : "")}, TLP:{decision.Tlp.Label()}.");
                return 0;
            });
        });

        var listJurisdiction = new Option<string?>("--jurisdiction") { Description = "Only this jurisdiction's decisions." };
        var list = new Command("list", "List blocking decisions.");
        list.Options.Add(listJurisdiction);
        list.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct, migrate: false);
                var query = scope.Db.BlockingDecisions.AsNoTracking();
                if (r.GetValue(listJurisdiction) is { } j)
                    query = Jurisdictions.TryParse(j, out var code) ? query.Where(d => d.Jurisdiction == code) : throw new ArgumentException("--jurisdiction: " + Jurisdictions.Problem(j));
                var decisions = await query.OrderBy(d => d.Jurisdiction).ThenByDescending(d => d.DecidedAt).ToListAsync(ct);
                var views = await EnforcementApi.ViewsAsync(scope.Db, decisions, ct);
                if (!output.Json) await stdout.WriteLineAsync("id\tjurisdiction\tplatform\tdecided by\tdecided\tuntil\tstate\tTLP");
                foreach (var d in views)
                {
                    var state = d.RevokedAt is not null ? "revoked" : d.InForce ? "in force" : d.DecidedAt > scope.Db.Time.GetUtcNow() ? "not yet" : "lapsed";
                    if (output.Json) output.WriteJson(d);
                    else await stdout.WriteLineAsync($"{d.Id}\t{d.Jurisdiction}\t{Cells.Of(d.Platform)}\t{Cells.Of(d.DecidedBy)}\t{d.DecidedAt:yyyy-MM-dd}\t{d.Until:yyyy-MM-dd}\t{state}\tTLP:{d.Tlp.Label()}");
                }
                return 0;
            });
        });

        var id = new Argument<Guid>("ID") { Description = "The decision's id." };
        var reason = new Option<string?>("--reason") { Description = "Why it ends." };
        var revoke = new Command("revoke", "End a blocking decision now.");
        revoke.Arguments.Add(id);
        revoke.Options.Add(reason);
        revoke.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct);
                var decision = await scope.Get<DecisionWrites>().RevokeAsync(r.GetValue(id), r.GetValue(reason), ct)
                               ?? throw new ArgumentException($"no decision {r.GetValue(id)}");
                if (output.Json) output.WriteJson(new { id = decision.Id, revokedAt = decision.RevokedAt });
                else await stdout.WriteLineAsync($"Decision {decision.Id} revoked.");
                return 0;
            });
        });
        var group = new Command("decision", "Blocking decisions: a platform blocked in a jurisdiction, by whom, on which basis, until when.");
        group.Subcommands.Add(add);
        group.Subcommands.Add(list);
        group.Subcommands.Add(revoke);
        return group;
    }

    public static Command Blocklist(TextWriter stdout, TextWriter stderr)
    {
        var jurisdiction = new Option<string>("--jurisdiction") { Description = "The jurisdiction (KR, FR).", Required = true };
        var format = new Option<string>("--format") { Description = "rpz (a DNS response policy zone), hosts, domains or csv.", DefaultValueFactory = _ => "rpz" };
        var output = new Option<FileInfo?>("--out") { Description = "The file to write (default: standard output)." };
        var audience = new Option<string?>("--for") { Description = "Write what this organisation may see (an intermediary's list) rather than everything." };
        var command = new Command("blocklist", "Write a jurisdiction's blocklist from the decisions in force: every domain of each platform and of its successors, less the allow-list.");
        foreach (var option in new Option[] { jurisdiction, format, output, audience }) command.Options.Add(option);
        command.SetAction(async (r, ct) =>
        {
            var o = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(o, async () =>
            {
                if (!Blocklists.TryParseFormat(r.GetValue(format), out var chosen))
                    throw new ArgumentException($"--format: expected one of {string.Join(", ", Blocklists.FormatNames)}, got \"{r.GetValue(format)}\"");
                if (!Jurisdictions.TryParse(r.GetValue(jurisdiction), out var code))
                    throw new ArgumentException("--jurisdiction: " + Jurisdictions.Problem(r.GetValue(jurisdiction)));
                Caller? caller = null;
                if (r.GetValue(audience) is { } name)
                {
                    await using var lookup = await CliScope.OpenAsync(r, ct);
                    var organisation = await IsopCommand.ResolveOrganisationAsync(lookup.Db, name, ct, "--for");
                    caller = Caller.ForOrganisation(organisation.Id, $"cli:{Environment.UserName} for {organisation.Name}");
                }
                await using var scope = await CliScope.OpenAsync(r, ct, migrate: caller is null, caller: caller);
                var list = await scope.Get<BlocklistService>().BuildAsync(code, ct);
                var text = list.Write(chosen);
                if (r.GetValue(output) is not { } file)
                {
                    await stdout.WriteAsync(text);
                    return 0;
                }
                // Written beside the target and moved into place: a resolver reloading the file never reads half of it.
                var temporary = file.FullName + ".partial";
                await File.WriteAllTextAsync(temporary, text, ct);
                File.Move(temporary, file.FullName, overwrite: true);
                var count = list.Listed.Count;
                if (o.Json) o.WriteJson(new { file = file.FullName, jurisdiction = code, format = Blocklists.FormatNames[(int)chosen], names = count, serial = list.Serial, tlp = list.Tlp.Label() });
                else await stdout.WriteLineAsync($"{file.Name}: {count} name{(count == 1 ? "" : "s")} blocked in {code}, serial {list.Serial}, TLP:{list.Tlp.Label()}.");
                return 0;
            });
        });
        return command;
    }

    public static Command AllowList(TextWriter stdout, TextWriter stderr)
    {
        var domain = new Argument<string>("DOMAIN") { Description = "The domain (its subdomains are covered too)." };
        var reason = new Option<string?>("--reason") { Description = "Why it may never be acted on (a licensed service…)." };
        var add = new Command("add", "Add a domain that may never be noticed or blocked.");
        add.Arguments.Add(domain);
        add.Options.Add(reason);
        add.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct);
                var (entry, added) = await scope.Get<AllowLists>().AddAsync(r.GetValue(domain), r.GetValue(reason), ct);
                if (output.Json) output.WriteJson(new { domain = entry.Name, reason = entry.Reason, added });
                else await stdout.WriteLineAsync(added ? $"{entry.Name} is on the allow-list, with its subdomains." : $"{entry.Name} was already on the allow-list.");
                return 0;
            });
        });
        var list = new Command("list", "List the allow-list.");
        list.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct, migrate: false);
                var entries = await scope.Get<AllowLists>().ListAsync(ct);
                if (!output.Json) await stdout.WriteLineAsync("domain\treason\tadded by\tadded");
                foreach (var e in entries)
                {
                    if (output.Json) output.WriteJson(AllowedView.Of(e));
                    else await stdout.WriteLineAsync($"{e.Name}\t{Cells.Of(e.Reason)}\t{Cells.Of(e.AddedBy)}\t{e.AddedAt:yyyy-MM-dd}");
                }
                return 0;
            });
        });
        var removed = new Argument<string>("DOMAIN") { Description = "The domain to take off the list." };
        var remove = new Command("remove", "Take a domain off the allow-list.");
        remove.Arguments.Add(removed);
        remove.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct);
                if (!await scope.Get<AllowLists>().RemoveAsync(r.GetValue(removed), ct)) throw new ArgumentException($"{r.GetValue(removed)} is not on the allow-list");
                if (output.Json) output.WriteJson(new { domain = r.GetValue(removed), removed = true });
                else await stdout.WriteLineAsync($"{r.GetValue(removed)} is off the allow-list.");
                return 0;
            });
        });
        var group = new Command("allow-list", "Domains that may never be noticed or blocked.");
        group.Subcommands.Add(add);
        group.Subcommands.Add(list);
        group.Subcommands.Add(remove);
        return group;
    }

    public static Command ContactsCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A CSV file: name,kind,email,country,domains,networks,notes (several domains or networks separated by spaces)." };
        var import = new Command("import", "Import abuse contacts into the address book: all or nothing, a known e-mail updated.");
        import.Arguments.Add(file);
        import.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                var path = r.GetValue(file)!;
                if (!path.Exists) throw new ArgumentException($"{path}: no such file");
                if (path.Length > 5 * 1024 * 1024) throw new ArgumentException($"{path.Name}: larger than 5 MB");
                string text;
                try
                {
                    text = await File.ReadAllTextAsync(path.FullName, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true), ct);
                }
                catch (System.Text.DecoderFallbackException)
                {
                    throw new ArgumentException($"{path.Name}: expected UTF-8 text");
                }
                await using var scope = await CliScope.OpenAsync(r, ct);
                var result = await scope.Get<Contacts>().ImportAsync(text, ct);
                if (output.Json) output.WriteJson(new { file = path.FullName, added = result.Added, updated = result.Updated });
                else await stdout.WriteLineAsync($"{path.Name}: {result.Added} contacts added, {result.Updated} updated.");
                return 0;
            });
        });
        var list = new Command("list", "List the address book.");
        list.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct, migrate: false);
                if (!output.Json) await stdout.WriteLineAsync("name\tkind\temail\tcountry\tdomains\tnetworks");
                foreach (var c in await scope.Get<Contacts>().ListAsync(null, ct))
                {
                    if (output.Json) output.WriteJson(ContactView.Of(c));
                    else await stdout.WriteLineAsync($"{Cells.Of(c.Name)}\t{c.Kind}\t{c.Email}\t{c.Country}\t{string.Join(" ", c.DomainList)}\t{string.Join(" ", c.NetworkList)}");
                }
                return 0;
            });
        });
        var group = new Command("contacts", "The address book of abuse contacts: hosts, registrars, CDNs, search engines, platforms.");
        group.Subcommands.Add(import);
        group.Subcommands.Add(list);
        return group;
    }

    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["platformId"] = "--platform", ["jurisdiction"] = "--jurisdiction", ["basis"] = "--basis", ["decidedBy"] = "--decided-by",
        ["decidedAt"] = "--decided-at", ["until"] = "--until", ["tlp"] = "--tlp",
    };

    /// <summary>A platform by id, exact name (any case) or domain; a name several platforms share is refused with their ids.</summary>
    internal static async Task<Platform> ResolvePlatformAsync(IsopDb db, string text, CancellationToken ct)
    {
        var value = text.Trim();
        if (Guid.TryParse(value, out var id))
            return await db.Platforms.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) ?? throw new ArgumentException($"--platform: no platform {id}");
        var lower = value.ToLowerInvariant();
        var byName = await db.Platforms.AsNoTracking().Where(p => p.Name.ToLower() == lower).Take(10).ToListAsync(ct);
        if (byName.Count == 0 && DomainNames.TryNormalise(value, out var domain, out _))
            byName = await db.Platforms.AsNoTracking().Where(p => p.Domains.Any(d => d.Name == domain)).Take(10).ToListAsync(ct);
        return byName.Count switch
        {
            1 => byName[0],
            0 => throw new ArgumentException($"--platform: no platform named \"{value}\" or with that domain (`isop platform list` shows them)"),
            _ => throw new ArgumentException($"--platform: several platforms are called \"{value}\"; give the id of one: {string.Join(", ", byName.Select(p => p.Id))}"),
        };
    }
}
