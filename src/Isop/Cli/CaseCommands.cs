using System.CommandLine;
using System.Globalization;
using Isop.Access;
using Isop.Cases;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary><c>isop case</c>: open and list cases on behalf of an organisation.</summary>
internal static class CaseCommands
{
    public static Command Case(TextWriter stdout, TextWriter stderr)
    {
        var org = new Option<string?>("--org") { Description = "The lead organisation (default: the first organisation)." };
        var title = new Argument<string>("TITLE") { Description = "What the case is about." };
        var platforms = new Option<string[]>("--platform") { Description = "A platform to link (id, exact name or domain); repeat for more.", AllowMultipleArgumentsPerToken = false };
        var summary = new Option<string?>("--summary") { Description = "A summary of the case." };
        var tlp = new Option<string>("--tlp") { Description = "TLP of the case record.", DefaultValueFactory = _ => "AMBER" };
        var create = new Command("create", "Open a case led by an organisation, linking platforms; prints the case (with --json: {\"id\": …, …}).");
        create.Arguments.Add(title);
        foreach (var o in new Option[] { platforms, org, summary, tlp }) create.Options.Add(o);
        create.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                if (!TlpLabels.TryParse(r.GetValue(tlp), out var label))
                    throw new ArgumentException($"--tlp: expected {TlpLabels.Expected}, got \"{r.GetValue(tlp)}\"");
                var (organisation, scope) = await SharingCommands.OrganisationScopeAsync(r, org, ct);
                await using var _ = scope;
                // Every platform is found before anything is written: a wrong name opens no case.
                var linked = new List<Platforms.Platform>();
                foreach (var p in r.GetValue(platforms) ?? []) linked.Add(await EnforcementCommands.ResolvePlatformAsync(scope.Db, p, ct));
                var writes = scope.Get<CaseWrites>();
                await using var transaction = await scope.Db.Database.BeginTransactionAsync(ct);
                var record = await writes.CreateAsync(new CaseInput { Title = r.GetValue(title), Summary = r.GetValue(summary), Tlp = label }, ct, organisation.Id);
                foreach (var p in linked.DistinctBy(p => p.Id)) await writes.LinkAsync(record.Id, new CaseLinkInput(CaseLinkKind.Platform, p.Id, null, null), ct);
                await transaction.CommitAsync(ct);
                if (output.Json)
                {
                    output.WriteJson(new
                    {
                        id = record.Id, title = record.Title, status = Web.EnumNames.Of(record.Status), tlp = record.Tlp.Label(),
                        organisation = organisation.Name, organisationId = organisation.Id, url = $"/Cases/{record.Id}",
                        platforms = linked.DistinctBy(p => p.Id).Select(p => new { id = p.Id, name = p.Name }),
                    });
                }
                else
                {
                    await stdout.WriteLineAsync($"Case {record.Id} \"{Cells.Of(record.Title)}\" opened for {Cells.Of(organisation.Name)} (TLP:{record.Tlp.Label()})" +
                        (linked.Count > 0 ? $", linking {string.Join(", ", linked.DistinctBy(p => p.Id).Select(p => Cells.Of(p.Name)))}." : "."));
                }
                return 0;
            });
        });

        var list = new Command("list", "The organisation's cases and those shared with it, newest change first.");
        list.Options.Add(org);
        list.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                var (_, scope) = await SharingCommands.OrganisationScopeAsync(r, org, ct);
                await using var _s = scope;
                var reads = scope.Get<CaseReads>();
                var cases = await reads.SummariesAsync(await reads.Query(null, null).OrderByDescending(c => c.UpdatedAt).ThenBy(c => c.Id).Take(10_000).ToListAsync(ct));
                foreach (var c in cases)
                {
                    if (output.Json) output.WriteJson(new { id = c.Id, title = c.Title, status = Web.EnumNames.Of(c.Status), tlp = c.Tlp.Label(), lead = c.LeadOrganisation, links = c.Links, evidence = c.Evidence, openTasks = c.OpenTasks, updatedAt = c.UpdatedAt });
                    else await stdout.WriteLineAsync($"{c.Id}\t{Web.EnumNames.Of(c.Status)}\tTLP:{c.Tlp.Label()}\t{Cells.Of(c.LeadOrganisation)}\t{Cells.Of(c.Title)}\t{c.Links} links, {c.Evidence} evidence\t{c.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)}");
                }
                return 0;
            });
        });

        var command = new Command("case", "Cases: investigations that gather platforms, operations, release groups, people and evidence.");
        command.Subcommands.Add(create);
        command.Subcommands.Add(list);
        return command;
    }
}
