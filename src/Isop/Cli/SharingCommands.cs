using System.CommandLine;
using System.Globalization;
using Isop.Access;
using Isop.Data;
using Isop.Sharing;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary><c>isop stix export</c> and <c>isop stix import</c>.</summary>
internal static class SharingCommands
{
    public static Command Stix(TextWriter stdout, TextWriter stderr)
    {
        var stix = new Command("stix", "STIX 2.1 bundles: export what an organisation may share, import partners' bundles.");
        stix.Subcommands.Add(Export(stdout, stderr));
        stix.Subcommands.Add(Import(stdout, stderr));
        return stix;
    }

    private static Command Export(TextWriter stdout, TextWriter stderr)
    {
        var org = new Option<string?>("--org") { Description = "The organisation whose records are exported (default: the first organisation)." };
        var tlp = new Option<string?>("--tlp") { Description = "Keep objects at this TLP or below (CLEAR, GREEN, AMBER, AMBER+STRICT, RED; any case). Default AMBER: AMBER+STRICT and RED leave only when asked for." };
        var since = new Option<string?>("--since") { Description = "Only objects changed since this ISO 8601 date or time (2026-11-01, 2026-11-01T00:00:00Z)." };
        var output = new Option<FileInfo>("--out") { Description = "The bundle file to write (- writes to stdout).", Required = true };
        var export = new Command("export", "Write a STIX 2.1 bundle of what an organisation may share: its records and the objects it imported.");
        export.Options.Add(org);
        export.Options.Add(tlp);
        export.Options.Add(since);
        export.Options.Add(output);
        export.SetAction(async (r, ct) =>
        {
            var o = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(o, async () =>
            {
                var max = Tlp.Amber;
                if (r.GetValue(tlp) is { } label && !TlpLabels.TryParse(label, out max))
                    throw new ArgumentException($"--tlp: expected {TlpLabels.Expected}, got \"{label}\"");
                DateTimeOffset? from = null;
                if (r.GetValue(since) is { } s)
                {
                    if (!TryParseSince(s, out var at)) throw new ArgumentException($"--since: expected an ISO 8601 date or time such as 2026-11-01 or 2026-11-01T00:00:00Z, got \"{s}\"");
                    from = at;
                }
                var file = r.GetValue(output)!;
                var (organisation, orgScope) = await OrganisationScopeAsync(r, org, ct, StixSharing.PublisherOf);
                await using var _ = orgScope;
                var (organisationId, organisationName) = (organisation.Id, organisation.Name);
                var sharing = orgScope.Get<StixSharing>();
                int count;
                if (file.Name == "-")
                {
                    await using var stdoutStream = Console.OpenStandardOutput();
                    count = await sharing.ExportAsync(orgScope.Db, organisationId, max, from, stdoutStream, ct);
                    return 0;
                }
                // Written beside the target and moved into place: an interrupted export never leaves a truncated bundle.
                var temporary = file.FullName + ".partial";
                await using (var stream = File.Create(temporary))
                    count = await sharing.ExportAsync(orgScope.Db, organisationId, max, from, stream, ct);
                File.Move(temporary, file.FullName, overwrite: true);
                if (o.Json) o.WriteJson(new { file = file.FullName, organisation = organisationName, objects = count, tlp = max.Label(), since = from });
                else stdout.WriteLine($"{file.Name}: {count} STIX objects of {organisationName} (TLP:{max.Label()} and below{(from is null ? "" : $", changed since {from:O}")}).");
                return 0;
            });
        });
        return export;
    }

    private static Command Import(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A STIX 2.1 bundle (or TAXII envelope) as JSON; - reads stdin." };
        var org = new Option<string?>("--org") { Description = "The organisation that receives it (default: the first organisation)." };
        var source = new Option<string?>("--from") { Description = "Who sent it (a partner's name), recorded as its provenance." };
        var unmarked = new Option<string?>("--tlp") { Description = "TLP for objects the bundle sends without a TLP marking (default AMBER)." };
        var import = new Command("import", "Import a partner's STIX 2.1 bundle: deduplicated by id and version, TLP kept, provenance recorded; all or nothing.");
        import.Arguments.Add(file);
        import.Options.Add(org);
        import.Options.Add(source);
        import.Options.Add(unmarked);
        import.SetAction(async (r, ct) =>
        {
            var o = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(o, async () =>
            {
                var path = r.GetValue(file)!;
                var unmarkedTlp = Tlp.Amber;
                if (r.GetValue(unmarked) is { } level && !TlpLabels.TryParse(level, out unmarkedTlp))
                    throw new ArgumentException($"--tlp: expected {TlpLabels.Expected}, got \"{level}\"");
                byte[] bytes;
                if (path.Name == "-")
                {
                    var buffer = new MemoryStream();
                    await Console.OpenStandardInput().CopyToAsync(buffer, ct);
                    bytes = buffer.ToArray();
                }
                else
                {
                    if (!path.Exists) throw new ArgumentException($"{path.FullName}: no such file");
                    if (path.Length > SharingApi.MaxImportBytes) throw new ArgumentException($"{path.Name}: {path.Length} bytes; at most {SharingApi.MaxImportBytes} bytes per bundle (split it)");
                    bytes = await File.ReadAllBytesAsync(path.FullName, ct);
                }
                var (organisation, orgScope) = await OrganisationScopeAsync(r, org, ct);
                await using var _ = orgScope;
                var (organisationId, organisationName) = (organisation.Id, organisation.Name);
                StixImportResult result;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    var sentBy = r.GetValue(source) is { Length: > 0 } from ? $"{from} (file, via cli:{Environment.UserName})" : $"cli:{Environment.UserName}";
                    result = await o.WithProgressAsync("Importing STIX objects", 1, progress =>
                        StixSharing.ImportAsync(orgScope.Db, organisationId, bytes, StixChannel.File, path.Name, sentBy, partial: false, null, ct, unmarkedTlp));
                }
                catch (StixFormatException e)
                {
                    throw new ArgumentException($"{path.Name}: {e.Message}");
                }
                catch (StixImportException e)
                {
                    foreach (var p in e.Problems.Take(50)) o.Error($"{path.Name}: {p}");
                    if (e.Problems.Count > 50) o.Error($"{path.Name}: … and {e.Problems.Count - 50} more");
                    throw new ArgumentException($"{path.Name}: {e.Problems.Count} invalid object(s); nothing was imported");
                }
                if (o.Json)
                {
                    o.WriteJson(new
                    {
                        file = path.Name, organisation = organisationName, import = result.Import, objects = result.Objects, added = result.Added,
                        duplicates = result.Duplicates, failed = result.Failed, byType = result.ByType, unknownTypes = result.UnknownTypes,
                        seconds = Math.Round(clock.Elapsed.TotalSeconds, 3), objectsPerSecond = Math.Round(result.Objects / Math.Max(clock.Elapsed.TotalSeconds, 1e-6)),
                    });
                }
                else
                {
                    stdout.WriteLine($"{path.Name}: {result.Objects} STIX objects for {organisationName} — {result.Added} added, {result.Duplicates} already there ({clock.Elapsed.TotalSeconds:0.0} s).");
                    if (result.UnknownTypes.Count > 0)
                        stdout.WriteLine($"Kept {result.UnknownTypes.Values.Sum()} objects of types STIX 2.1 does not define: " +
                                         string.Join(", ", result.UnknownTypes.Select(u => $"{Cells.Of(u.Key)} ({u.Value})")) + ".");
                }
                return 0;
            });
        });
        return import;
    }

    public static Command Feed(TextWriter stdout, TextWriter stderr)
    {
        var feed = new Command("feed", "TAXII feeds: partners' collections pulled on a schedule into an organisation's collection.");
        var org = new Option<string?>("--org") { Description = "The organisation that receives the feed (default: the first organisation)." };

        // Every feed command acts for one organisation, with its errors as one clear message.
        void Action(Command command, Func<ParseResult, Output, Organisation, CliScope, CancellationToken, Task<int>> body)
        {
            command.Options.Add(org);
            command.SetAction(async (r, ct) =>
            {
                var o = IsopCommand.OutputOf(r, stdout, stderr);
                return await IsopCommand.Guard(o, async () =>
                {
                    var (organisation, scope) = await OrganisationScopeAsync(r, org, ct);
                    await using (scope) return await body(r, o, organisation, scope, ct);
                });
            });
        }

        static async Task<TaxiiFeed> NamedAsync(CliScope scope, Organisation organisation, string name, CancellationToken ct) =>
            await scope.Db.TaxiiFeeds.SingleOrDefaultAsync(f => f.Name == name, ct)
            ?? throw new ArgumentException($"{organisation.Name} has no feed named \"{name}\" (isop feed list)");

        var name = new Argument<string>("NAME") { Description = "The feed's name (the partner's, say)." };
        var url = new Option<string>("--url") { Description = "The partner's TAXII 2.1 collection URL: https://taxii.example/api1/collections/<id>/", Required = true };
        var user = new Option<string?>("--user") { Description = "User name for HTTP Basic (leave out to send the password as a bearer token)." };
        var password = new Option<string?>("--password") { Description = "Password or API token (environment ISOP_FEED_PASSWORD keeps it out of the shell history)." };
        var interval = new Option<int>("--interval") { Description = "Minutes between pulls (5 to 10080).", DefaultValueFactory = _ => 60 };
        var tlp = new Option<string?>("--tlp") { Description = "TLP for objects the partner sends without a TLP marking (default AMBER)." };
        var add = new Command("add", "Subscribe to a partner's collection (pulled by the server on schedule, or with isop feed pull).");
        add.Arguments.Add(name);
        foreach (var o in new Option[] { url, user, password, interval, tlp }) add.Options.Add(o);
        Action(add, async (r, o, organisation, scope, ct) =>
        {
            var created = await scope.Get<TaxiiFeeds>().AddAsync(scope.Db, organisation.Id,
                new FeedInput(r.GetValue(name), r.GetValue(url), r.GetValue(user), r.GetValue(password) ?? Environment.GetEnvironmentVariable("ISOP_FEED_PASSWORD"),
                    r.GetValue(interval), r.GetValue(tlp), true), ct);
            if (o.Json) o.WriteJson(FeedView.Of(created));
            else stdout.WriteLine($"Feed {Cells.Of(created.Name)} for {Cells.Of(organisation.Name)}: {created.CollectionUrl}, every {created.IntervalMinutes} minutes.");
            return 0;
        });

        var list = new Command("list", "The organisation's feeds and how their last pulls went.");
        Action(list, async (_, o, _, scope, ct) =>
        {
            var feeds = (await scope.Db.TaxiiFeeds.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct)).Select(FeedView.Of).ToList();
            if (o.Json) foreach (var f in feeds) o.WriteJson(f);
            else foreach (var f in feeds) stdout.WriteLine($"{Cells.Of(f.Name)}\t{Cells.Of(f.CollectionUrl)}\tlast {f.LastPulledAt?.ToString("u", CultureInfo.InvariantCulture) ?? "never"}\t+{f.LastAdded}\t{Cells.Of(f.LastProblem ?? "ok")}");
            return 0;
        });

        var pullName = new Argument<string>("NAME") { Description = "The feed to pull." };
        var pull = new Command("pull", "Pull a feed now: what the partner added since the last pull, page by page, into the organisation's collection.");
        pull.Arguments.Add(pullName);
        Action(pull, async (r, o, organisation, scope, ct) =>
        {
            var found = await NamedAsync(scope, organisation, r.GetValue(pullName)!, ct);
            var result = await scope.Get<TaxiiFeeds>().PullAsync(organisation.Id, found.Id, ct);
            if (o.Json) o.WriteJson(new { feed = found.Name, result.Pages, result.Objects, result.Added, result.Duplicates, result.Failed, result.AddedAfter, result.Problem });
            else stdout.WriteLine($"{Cells.Of(found.Name)}: {result.Objects} objects in {result.Pages} pages — {result.Added} added, {result.Duplicates} already there{(result.Problem is null ? "." : ": " + Cells.Of(result.Problem))}");
            return result.Problem is null || result.Pages > 0 ? 0 : 1;
        });

        var removeName = new Argument<string>("NAME") { Description = "The feed to remove (what it brought stays)." };
        var remove = new Command("remove", "Stop pulling a feed: remove it (the objects it brought stay in the collection).");
        remove.Arguments.Add(removeName);
        Action(remove, async (r, o, organisation, scope, ct) =>
        {
            var found = await NamedAsync(scope, organisation, r.GetValue(removeName)!, ct);
            scope.Db.TaxiiFeeds.Remove(found);
            await scope.Db.SaveChangesAsync(ct);
            if (o.Json) o.WriteJson(new { removed = found.Name });
            else stdout.WriteLine($"Feed {Cells.Of(found.Name)} removed.");
            return 0;
        });

        feed.Subcommands.Add(add);
        feed.Subcommands.Add(list);
        feed.Subcommands.Add(pull);
        feed.Subcommands.Add(remove);
        return feed;
    }

    /// <summary><c>isop group</c>: sharing groups, managed by the operator.</summary>
    public static Command Group(TextWriter stdout, TextWriter stderr)
    {
        var group = new Command("group", "Sharing groups: organisations sharing through a TAXII collection of their own (TLP:AMBER reaches the members at the time of posting).");

        void Action(Command command, Func<ParseResult, Output, CliScope, CancellationToken, Task<int>> body) =>
            command.SetAction(async (r, ct) =>
            {
                var o = IsopCommand.OutputOf(r, stdout, stderr);
                return await IsopCommand.Guard(o, async () =>
                {
                    await using var scope = await CliScope.OpenAsync(r, ct);
                    return await body(r, o, scope, ct);
                });
            });

        static async Task<List<Guid>> OrganisationsAsync(IsopDb db, string[]? names, CancellationToken ct)
        {
            var ids = new List<Guid>();
            foreach (var n in names ?? []) ids.Add((await IsopCommand.ResolveOrganisationAsync(db, n, ct)).Id);
            return ids;
        }

        static async Task<SharingGroup> NamedAsync(IsopDb db, string name, CancellationToken ct) =>
            await db.Set<SharingGroup>().Include(g => g.Members).SingleOrDefaultAsync(g => g.Name.ToLower() == name.ToLower(), ct)
            ?? throw new ArgumentException($"there is no sharing group named \"{name}\" (isop group list)");

        void Print(Output o, SharingGroupView view)
        {
            if (o.Json) o.WriteJson(view);
            else stdout.WriteLine($"{Cells.Of(view.Name)}\t{string.Join(", ", view.Organisations.Select(x => Cells.Of(x.Name)))}\t{view.Collection}");
        }

        static void Check(Dictionary<string, string[]> errors)
        {
            if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }

        async Task<int> Show(Output o, IsopDb db, SharingGroup group, CancellationToken ct)
        {
            Print(o, await SharingGroups.ViewAsync(db, group, ct));
            return 0;
        }

        var name = new Argument<string>("NAME") { Description = "The group's name." };
        var orgs = new Option<string[]>("--org") { Description = "A member organisation, by name (repeat the option for several).", AllowMultipleArgumentsPerToken = true };
        var description = new Option<string?>("--description") { Description = "What the group is for." };

        var create = new Command("create", "Create a sharing group of the organisations named.");
        create.Arguments.Add(name);
        create.Options.Add(orgs);
        create.Options.Add(description);
        Action(create, async (r, o, scope, ct) =>
        {
            var (created, errors) = await SharingGroups.CreateAsync(scope.Db, new SharingGroupInput(r.GetValue(name), r.GetValue(description), await OrganisationsAsync(scope.Db, r.GetValue(orgs), ct)), ct);
            Check(errors);
            return await Show(o, scope.Db, created!, ct);
        });

        var joinName = new Argument<string>("NAME") { Description = "The group." };
        var join = new Command("join", "Add organisations to a sharing group (they read what is posted from now on at TLP:AMBER, and what is GREEN or CLEAR).");
        join.Arguments.Add(joinName);
        join.Options.Add(orgs);
        Action(join, async (r, o, scope, ct) =>
        {
            var found = await NamedAsync(scope.Db, r.GetValue(joinName)!, ct);
            var joining = await OrganisationsAsync(scope.Db, r.GetValue(orgs), ct);
            if (joining.Count == 0) throw new ArgumentException("--org: name the organisations that join (repeat --org for several)");
            var members = found.Members.Select(m => m.OrganisationId).Concat(joining).Distinct().ToList();
            var (_, errors) = await SharingGroups.UpdateAsync(scope.Db, found.Id, new SharingGroupInput(null, null, members), ct);
            Check(errors);
            return await Show(o, scope.Db, found, ct);
        });

        var leaveName = new Argument<string>("NAME") { Description = "The group." };
        var leave = new Command("leave", "Remove organisations from a sharing group: they no longer read its collection.");
        leave.Arguments.Add(leaveName);
        leave.Options.Add(orgs);
        Action(leave, async (r, o, scope, ct) =>
        {
            var found = await NamedAsync(scope.Db, r.GetValue(leaveName)!, ct);
            var leaving = await OrganisationsAsync(scope.Db, r.GetValue(orgs), ct);
            if (leaving.Count == 0) throw new ArgumentException("--org: name the organisations that leave (repeat --org for several)");
            if (leaving.FirstOrDefault(o => found.Members.All(m => m.OrganisationId != o)) is var outsider && outsider != Guid.Empty)
                throw new ArgumentException($"--org: {(await scope.Db.Organisations.SingleAsync(o => o.Id == outsider, ct)).Name} is not a member of {found.Name}");
            var members = found.Members.Select(m => m.OrganisationId).Except(leaving).ToList();
            var (_, errors) = await SharingGroups.UpdateAsync(scope.Db, found.Id, new SharingGroupInput(null, null, members), ct);
            Check(errors);
            return await Show(o, scope.Db, found, ct);
        });

        var list = new Command("list", "The sharing groups, their member organisations and their TAXII collections.");
        Action(list, async (_, o, scope, ct) =>
        {
            foreach (var view in await SharingGroups.ListAsync(scope.Db, ct)) Print(o, view);
            return 0;
        });

        var deleteName = new Argument<string>("NAME") { Description = "The group to delete, with what was posted into its collection." };
        var delete = new Command("delete", "Delete a sharing group and its collection (the objects posted into it).");
        delete.Arguments.Add(deleteName);
        Action(delete, async (r, o, scope, ct) =>
        {
            var found = await NamedAsync(scope.Db, r.GetValue(deleteName)!, ct);
            await SharingGroups.DeleteAsync(scope.Db, found.Id, ct);
            if (o.Json) o.WriteJson(new { deleted = found.Name });
            else stdout.WriteLine($"Sharing group {Cells.Of(found.Name)} deleted.");
            return 0;
        });

        foreach (var c in new[] { create, join, leave, list, delete }) group.Subcommands.Add(c);
        return group;
    }

    /// <summary>The organisation named (or the first), and a scope acting for it.</summary>
    internal static async Task<(Organisation, CliScope)> OrganisationScopeAsync(ParseResult r, Option<string?> org, CancellationToken ct, Func<Guid, Caller>? caller = null)
    {
        Organisation organisation;
        await using (var scope = await CliScope.OpenAsync(r, ct))
            organisation = await FirstOrNamedAsync(scope.Db, r.GetValue(org), ct);
        var acting = caller?.Invoke(organisation.Id) ?? Caller.ForOrganisation(organisation.Id, $"cli:{Environment.UserName}");
        return (organisation, await CliScope.OpenAsync(r, ct, migrate: false, caller: acting));
    }

    /// <summary>The organisation named, else the first one created.</summary>
    private static async Task<Organisation> FirstOrNamedAsync(IsopDb db, string? name, CancellationToken ct)
    {
        if (name is not null) return await IsopCommand.ResolveOrganisationAsync(db, name, ct);
        return await db.Organisations.AsNoTracking().OrderBy(o => o.CreatedAt).FirstOrDefaultAsync(ct)
               ?? throw new ArgumentException("there is no organisation yet: create one with `isop admin create --email … --org …`");
    }

    /// <summary>An ISO 8601 date (midnight UTC) or date and time (UTC unless it says otherwise).</summary>
    internal static bool TryParseSince(string text, out DateTimeOffset at)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            at = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at) && text.Contains('T', StringComparison.Ordinal);
    }
}
