using System.CommandLine;
using Isop.Access;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary><c>isop admin create|token|reset-password</c>: accounts, for the local operator.</summary>
internal static class AdminCommands
{
    public static Command Admin(TextWriter stdout, TextWriter stderr)
    {
        var email = new Option<string>("--email") { Description = "The admin's e-mail (login name).", Required = true };
        var org = new Option<string>("--org") { Description = "Organisation name (created if missing).", Required = true };
        var kind = new Option<string?>("--org-kind")
        {
            Description = "Kind of a new organisation: secretariat, national-central-bureau, law-enforcement, rights-holder, intermediary "
                          + "(default secretariat for the first organisation only: a secretariat's admins administer every organisation).",
        };
        var create = new Command("create", "Create an admin member and print a one-time password.");
        create.Options.Add(email);
        create.Options.Add(org);
        create.Options.Add(kind);
        create.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct);
                var accounts = scope.Get<Accounts>();
                var name = r.GetValue(org)!.Trim();
                OrganisationKind? given = r.GetValue(kind) is { } text ? ParseKind(text) : null;
                var db = scope.Db;
                var existing = await db.Organisations.AsNoTracking().ToListAsync(ct);
                var same = existing.FirstOrDefault(o => string.Equals(o.Name, name, StringComparison.OrdinalIgnoreCase));
                if (same is not null && same.Name != name)
                    throw new ArgumentException($"--org: there is an organisation named \"{same.Name}\": give its name as it is written");
                if (same is not null && given is { } k && k != same.Kind)
                    throw new ArgumentException($"--org-kind: {same.Name} exists and is a {KindName(same.Kind)}, not a {KindName(k)}");
                if (same is null && given is null && existing.Count > 0)
                    throw new ArgumentException($"--org-kind: say what kind of organisation {name} is (national-central-bureau, law-enforcement, rights-holder, intermediary or secretariat)");
                var organisation = await accounts.EnsureOrganisationAsync(name, given ?? OrganisationKind.Secretariat, null, ct);
                var created = await accounts.CreateMemberAsync(r.GetValue(email)!, null, organisation, MemberRole.Admin, ct);
                if (output.Json) output.WriteJson(new { email = created.Member.Email, organisation = organisation.Name, memberId = created.Member.Id, password = created.Password });
                else
                {
                    stdout.WriteLine($"Created admin {created.Member.Email} in {organisation.Name}.");
                    stdout.WriteLine($"One-time password (shown once; valid {Accounts.OneTimePasswordLifetime.TotalDays:0} days): {created.Password}");
                }
                return 0;
            });
        });
        var tokenEmail = new Option<string>("--email") { Description = "The member the token acts as.", Required = true };
        var tokenName = new Option<string>("--name") { Description = "What the token is for.", DefaultValueFactory = _ => "cli" };
        var days = new Option<int?>("--expires-in-days") { Description = "Lifetime in days (default: until revoked)." };
        var token = new Command("token", "Issue an API token for a member; the secret is printed once.");
        token.Options.Add(tokenEmail);
        token.Options.Add(tokenName);
        token.Options.Add(days);
        token.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct);
                var db = scope.Db;
                var address = r.GetValue(tokenEmail)!.Trim().ToUpperInvariant();
                var member = await db.Users.SingleOrDefaultAsync(m => m.NormalizedEmail == address, ct)
                    ?? throw new ArgumentException($"--email: no member with e-mail {r.GetValue(tokenEmail)}");
                if (r.GetValue(days) is < 1 or > 3650) throw new ArgumentException("--expires-in-days: expected 1 to 3650");
                var now = db.Time.GetUtcNow();
                var (issued, secret) = ApiToken.Issue(member.Id, r.GetValue(tokenName)!, now, r.GetValue(days) is { } d ? now.AddDays(d) : null);
                db.ApiTokens.Add(issued);
                await db.SaveChangesAsync(ct);
                if (output.Json) output.WriteJson(new { email = member.Email, tokenId = issued.Id, token = secret, expiresAt = issued.ExpiresAt });
                else stdout.WriteLine($"API token for {member.Email} (shown once): {secret}");
                return 0;
            });
        });
        var resetEmail = new Option<string>("--email") { Description = "The member whose password is lost.", Required = true };
        var reset = new Command("reset-password", "Give a member a new one-time password (printed once), unlock them and end their sessions; audited.");
        reset.Options.Add(resetEmail);
        reset.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                await using var scope = await CliScope.OpenAsync(r, ct);
                var (member, password) = await scope.Get<Accounts>().ResetPasswordAsync(r.GetValue(resetEmail)!, ct);
                if (output.Json) output.WriteJson(new { email = member.Email, memberId = member.Id, password });
                else
                {
                    stdout.WriteLine($"New one-time password for {member.Email} (shown once; valid {Accounts.OneTimePasswordLifetime.TotalDays:0} days; it must be changed at sign-in): {password}");
                }
                return 0;
            });
        });
        var admin = new Command("admin", "Accounts.");
        admin.Subcommands.Add(create);
        admin.Subcommands.Add(token);
        admin.Subcommands.Add(reset);
        return admin;
    }

    private static string KindName(OrganisationKind kind) => string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static OrganisationKind ParseKind(string text)
    {
        var key = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<OrganisationKind>(key, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"--org-kind: expected secretariat, national-central-bureau, law-enforcement, rights-holder or intermediary, got \"{text}\"");
    }
}
