using System.CommandLine;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Isop.Web;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Isop.Cli;

/// <summary>The <c>isop</c> command line.</summary>
public static class IsopCommand
{
    private static readonly Option<string> Data = new("--data")
    {
        Description = "Data folder (database, evidence).",
        DefaultValueFactory = _ => "isop-data",
        Recursive = true,
    };

    private static readonly Option<string?> Database = new("--database")
    {
        Description = "Database: postgres://user:password@host:port/db, Host=…;Database=…, or sqlite:PATH (env ISOP_DATABASE; default: SQLite in the data folder).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ISOP_DATABASE"),
        Recursive = true,
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON lines (the default when output is not a terminal).",
        Recursive = true,
    };

    public static RootCommand Create(TextWriter? stdout = null, TextWriter? stderr = null, TextReader? stdin = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        var root = new RootCommand("Isop: find, prove and act against online piracy platforms; share intelligence under TLP.");
        root.Options.Add(Data);
        root.Options.Add(Database);
        root.Options.Add(Json);
        root.Subcommands.Add(Serve(stdout, stderr));
        root.Subcommands.Add(Db(stdout, stderr));
        root.Subcommands.Add(Admin(stdout, stderr));
        root.Subcommands.Add(CatalogueCommand(stdout, stderr));
        root.Subcommands.Add(Audit(stdout, stderr));
        root.Subcommands.Add(RecognitionCommands.Parse(Json, stdout, stdin));
        root.Subcommands.Add(RecognitionCommands.Match(Json, stdout, stderr, stdin));
        root.Subcommands.Add(FingerprintCommands.Hash(Json, stdout, stderr));
        root.Subcommands.Add(FingerprintCommands.HashMatch(Json, stdout, stderr, stdin));
        root.Subcommands.Add(EvidenceCommands.Warc(Json, stdout, stderr));
        root.Subcommands.Add(CrawlCommands.Crawl(Json, stdout, stderr));
        root.Subcommands.Add(RangeCommands.Range(Json, stdout, stderr));
        root.Subcommands.Add(PlatformCommands.Platform(stdout, stderr));
        root.Subcommands.Add(MonitorCommands.Monitor(stdout, stderr));
        return root;
    }

    internal static Output OutputOf(ParseResult r, TextWriter stdout, TextWriter stderr) => new(r.GetValue(Json), stdout, stderr);

    internal static string DataOf(ParseResult r) => Path.GetFullPath(r.GetValue(Data)!);

    /// <summary>The server setting that lets resolve entries lead to private addresses, from the environment (<c>Isop__Crawling__AllowPrivateResolve</c>).</summary>
    internal static bool AllowPrivateResolve =>
        Monitoring.ResolvePermission.AllowedBy(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddEnvironmentVariables().Build());

    internal static DatabaseSettings SettingsOf(ParseResult r) => DatabaseSettings.Resolve(r.GetValue(Database), r.GetValue(Data)!);

    /// <summary>Runs a command body; expected failures become one clear message and exit code 1.</summary>
    internal static async Task<int> Guard(Output output, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CatalogueFormatException e)
        {
            foreach (var error in e.Errors) output.Error(error.ToString());
            return 1;
        }
        catch (Web.InvalidInputException e)
        {
            foreach (var (field, problems) in e.Errors) output.Error($"{field}: {string.Join(" ", problems)}");
            return 1;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or AccessDeniedException or IOException
                                      or UnauthorizedAccessException or DbUpdateException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            output.Error(e.Message);
            return 1;
        }
    }

    private static Command Serve(TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5000 (default http://localhost:5000)." };
        var demo = new Option<bool>("--demo") { Description = "Also start the range (a synthetic piracy ecosystem on loopback), import its catalogue, register its platforms and monitor them." };
        var demoSeed = new Option<int>("--demo-seed") { Description = "Seed of the demo range.", DefaultValueFactory = _ => 1 };
        var demoScale = new Option<int>("--demo-scale") { Description = "Scale of the demo range (1 to 100).", DefaultValueFactory = _ => 2 };
        var command = new Command("serve", "Run the web UI and API (applies migrations; creates the first admin on an empty database).");
        command.Options.Add(urls);
        command.Options.Add(demo);
        command.Options.Add(demoSeed);
        command.Options.Add(demoScale);
        command.SetAction(async (r, ct) =>
        {
            var output = OutputOf(r, stdout, stderr);
            return await Guard(output, async () =>
            {
                var app = IsopServer.Build([], b =>
                {
                    b.Configuration["Isop:Data"] = r.GetValue(Data);
                    if (r.GetValue(Database) is { } database) b.Configuration["Isop:Database"] = database;
                    if (r.GetValue(urls) is { } u) b.WebHost.UseUrls(u);
                    // The demo range runs on loopback: the demo grants its platforms' resolve entries that permission.
                    if (r.GetValue(demo)) b.Configuration[Monitoring.ResolvePermission.Setting] = "true";
                });
                if (!r.GetValue(demo)) return await IsopServer.RunAsync(app, stdout, ct);
                var world = Isop.Range.RangeWorld.Create(r.GetValue(demoSeed), Math.Clamp(r.GetValue(demoScale), 1, 100));
                await using var range = await Isop.Range.RangeHost.StartAsync(world, Isop.Range.RangeWorld.Days - 1, cancellation: ct);
                return await IsopServer.RunAsync(app, stdout, ct, (services, token) => Monitoring.DemoSetup.StartAsync(services, range, stdout, token));
            });
        });
        return command;
    }

    private static Command Db(TextWriter stdout, TextWriter stderr)
    {
        var migrate = new Command("migrate", "Create or upgrade the database schema.");
        migrate.SetAction(async (r, ct) =>
        {
            var output = OutputOf(r, stdout, stderr);
            return await Guard(output, async () =>
            {
                var settings = SettingsOf(r);
                await using var db = DataServices.CreateContext(settings, Caller.System("cli"));
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                await DataServices.MigrateAsync(db, ct);
                if (output.Json) output.WriteJson(new { database = settings.Display, provider = settings.Provider.ToString(), applied = pending });
                else stdout.WriteLine(pending.Count == 0
                    ? $"{settings.Display}: up to date."
                    : $"{settings.Display}: applied {pending.Count} migration(s): {string.Join(", ", pending)}");
                return 0;
            });
        });
        var db = new Command("db", "Database administration.");
        db.Subcommands.Add(migrate);
        return db;
    }

    private static Command Admin(TextWriter stdout, TextWriter stderr)
    {
        var email = new Option<string>("--email") { Description = "The admin's e-mail (login name).", Required = true };
        var org = new Option<string>("--org") { Description = "Organisation name (created if missing).", Required = true };
        var kind = new Option<string>("--org-kind")
        {
            Description = "Kind of a new organisation: secretariat, national-central-bureau, law-enforcement, rights-holder, intermediary.",
            DefaultValueFactory = _ => "secretariat",
        };
        var create = new Command("create", "Create an admin member and print a one-time password.");
        create.Options.Add(email);
        create.Options.Add(org);
        create.Options.Add(kind);
        create.SetAction(async (r, ct) =>
        {
            var output = OutputOf(r, stdout, stderr);
            return await Guard(output, async () =>
            {
                await using var services = CliServices(SettingsOf(r));
                await using var scope = services.CreateAsyncScope();
                await DataServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<IsopDb>(), ct);
                var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
                var organisationKind = ParseKind(r.GetValue(kind)!);
                var organisation = await accounts.EnsureOrganisationAsync(r.GetValue(org)!, organisationKind, null, ct);
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
            var output = OutputOf(r, stdout, stderr);
            return await Guard(output, async () =>
            {
                await using var db = DataServices.CreateContext(SettingsOf(r), Caller.System($"cli:{Environment.UserName}"));
                await DataServices.MigrateAsync(db, ct);
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
            var output = OutputOf(r, stdout, stderr);
            return await Guard(output, async () =>
            {
                await using var services = CliServices(SettingsOf(r));
                await using var scope = services.CreateAsyncScope();
                await DataServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<IsopDb>(), ct);
                var (member, password) = await scope.ServiceProvider.GetRequiredService<Accounts>().ResetPasswordAsync(r.GetValue(resetEmail)!, ct);
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

    private static OrganisationKind ParseKind(string text)
    {
        var key = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        return Enum.TryParse<OrganisationKind>(key, ignoreCase: true, out var kind) && Enum.IsDefined(kind)
            ? kind
            : throw new ArgumentException($"--org-kind: expected secretariat, national-central-bureau, law-enforcement, rights-holder or intermediary, got \"{text}\"");
    }

    private static Command CatalogueCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Catalogue JSON ({\"works\": [...]}); - reads stdin." };
        var org = new Option<string?>("--org") { Description = "Owner organisation (default: the only organisation, if there is one)." };
        var tlp = new Option<string>("--tlp") { Description = "TLP of new works.", DefaultValueFactory = _ => "GREEN" };
        var import = new Command("import", "Import works: idempotent by id, all-or-nothing.");
        import.Arguments.Add(file);
        import.Options.Add(org);
        import.Options.Add(tlp);
        import.SetAction(async (r, ct) =>
        {
            var output = OutputOf(r, stdout, stderr);
            return await Guard(output, async () =>
            {
                if (!TlpLabels.TryParse(r.GetValue(tlp), out var label))
                    throw new ArgumentException($"--tlp: expected {TlpLabels.Expected}, got \"{r.GetValue(tlp)}\"");
                var path = r.GetValue(file)!;
                IReadOnlyList<CatalogueWork> works;
                if (path.Name == "-") works = await CatalogueReader.ReadAsync(Console.OpenStandardInput(), ct);
                else
                {
                    if (!path.Exists) throw new ArgumentException($"{path.FullName}: no such file");
                    await using var stream = path.OpenRead();
                    try
                    {
                        works = await CatalogueReader.ReadAsync(stream, ct);
                    }
                    catch (CatalogueFormatException e)
                    {
                        throw new CatalogueFormatException(e.Errors.Select(x => x with { Path = $"{path.Name}: {x.Path}" }).ToList());
                    }
                }
                var settings = SettingsOf(r);
                await using var db = DataServices.CreateContext(settings, Caller.System($"cli:{Environment.UserName}"));
                await DataServices.MigrateAsync(db, ct);
                var owner = await ResolveOrganisationAsync(db, r.GetValue(org), ct);
                var result = await output.WithProgressAsync("Importing works", works.Count,
                    progress => CatalogueImporter.ImportAsync(db, works, owner.Id, label, progress, ct));
                if (output.Json) output.WriteJson(new { file = path.Name, organisation = owner.Name, result.Created, result.Updated, result.Unchanged, result.Total });
                else stdout.WriteLine($"{path.Name}: {result.Total} works for {owner.Name} — {result.Created} created, {result.Updated} updated, {result.Unchanged} unchanged.");
                return 0;
            });
        });
        var catalogue = new Command("catalogue", "The catalogue of protected works.");
        catalogue.Subcommands.Add(import);
        return catalogue;
    }

    internal static async Task<Organisation> ResolveOrganisationAsync(IsopDb db, string? name, CancellationToken ct)
    {
        if (name is not null)
        {
            return await db.Organisations.SingleOrDefaultAsync(o => o.Name == name, ct)
                ?? throw new ArgumentException($"--org: no organisation named \"{name}\"");
        }
        var all = await db.Organisations.Take(2).ToListAsync(ct);
        return all.Count switch
        {
            1 => all[0],
            0 => throw new ArgumentException("there is no organisation yet: create one with `isop admin create --email … --org …`"),
            _ => throw new ArgumentException("--org: several organisations exist; say which one owns them"),
        };
    }

    private static Command Audit(TextWriter stdout, TextWriter stderr)
    {
        var verify = new Command("verify", "Check the audit log's hash chain, and the records against their last audited state; report the first broken link or every record changed outside Isop.");
        verify.SetAction(async (r, ct) =>
        {
            var output = OutputOf(r, stdout, stderr);
            return await Guard(output, async () =>
            {
                var settings = SettingsOf(r);
                // Verifying creates nothing: no database, no key.
                if (settings.Provider == DatabaseProvider.Sqlite
                    && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource is var file && !File.Exists(file))
                    throw new ArgumentException($"no Isop database at {file}: give the server's --data (or --database)");
                var key = settings.KeysDirectory is { } keys ? Path.Combine(keys, "audit.key") : null;
                if (key is null || !File.Exists(key)) settings = settings with { KeysDirectory = null };
                await using var db = DataServices.CreateContext(settings, Caller.System("cli"));
                if (db.Seal is null && await db.AuditHeads.AsNoTracking().AnyAsync(h => h.Id == 1 && h.Seal != null, ct))
                {
                    output.Error($"the chain head is sealed, but there is no key at {key} to check it with: give the server's --data");
                    return 3;
                }
                var total = await db.AuditEntries.CountAsync(ct);
                var result = await output.WithProgressAsync("Verifying the audit chain", total,
                    progress => AuditVerifier.VerifyAsync(db, progress is null ? null : new Progress<long>(n => progress.Report((int)n)), ct));
                if (output.Json) output.WriteJson(new { intact = result.Intact, @checked = result.Checked, brokenAt = result.BrokenAt, problem = result.Problem, recordsDiffer = result.RecordsDiffer });
                else if (result.Intact) output.Terminal.MarkupLine($"[green]intact[/]: {result.Checked} entries, every link holds, and every record is as the log last recorded it.");
                else if (result.RecordsDiffer > 0) output.Terminal.MarkupLine($"[red]records differ[/] from the audit log ({result.Checked} entries, every link holds):{Environment.NewLine}{Markup.Escape(result.Problem ?? "")}");
                else output.Terminal.MarkupLine($"[red]broken[/] at entry {result.BrokenAt}: {Markup.Escape(result.Problem ?? "")} ({result.Checked} entries checked before it).");
                return result.Intact ? 0 : 2;
            });
        });
        var audit = new Command("audit", "The hash-chained audit log.");
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static ServiceProvider CliServices(DatabaseSettings settings)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ICallerAccessor>(new FixedCaller(Caller.System($"cli:{Environment.UserName}")));
        services.AddIsopData(settings);
        services.AddIsopAccounts();
        return services.BuildServiceProvider();
    }
}
