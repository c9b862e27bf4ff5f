using System.CommandLine;
using Isop.Access;
using Isop.Catalogue;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary>The <c>isop</c> command line.</summary>
public static class IsopCommand
{
    internal static readonly Option<string> Data = new("--data")
    {
        Description = "Data folder (database, evidence).",
        DefaultValueFactory = _ => "isop-data",
        Recursive = true,
    };

    internal static readonly Option<string?> Database = new("--database")
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
        root.Subcommands.Add(ServeCommand.Serve(stdout, stderr));
        root.Subcommands.Add(DbCommands.Db(stdout, stderr));
        root.Subcommands.Add(AdminCommands.Admin(stdout, stderr));
        root.Subcommands.Add(CatalogueCommands.Catalogue(stdout, stderr));
        root.Subcommands.Add(AuditCommands.Audit(stdout, stderr));
        root.Subcommands.Add(RecognitionCommands.Parse(Json, stdout, stdin));
        root.Subcommands.Add(RecognitionCommands.Match(Json, stdout, stderr, stdin));
        root.Subcommands.Add(FingerprintCommands.Hash(Json, stdout, stderr));
        root.Subcommands.Add(FingerprintCommands.HashMatch(Json, stdout, stderr, stdin));
        root.Subcommands.Add(EvidenceCommands.Warc(Json, stdout, stderr));
        root.Subcommands.Add(EvidenceCommands.Evidence(stdout, stderr));
        root.Subcommands.Add(CrawlCommands.Crawl(Json, stdout, stderr));
        root.Subcommands.Add(RangeCommands.Range(Json, stdout, stderr));
        root.Subcommands.Add(PlatformCommands.Platform(stdout, stderr));
        root.Subcommands.Add(CaseCommands.Case(stdout, stderr));
        root.Subcommands.Add(MonitorCommands.Monitor(stdout, stderr));
        root.Subcommands.Add(AnalysisCommands.Operations(stdout, stderr));
        root.Subcommands.Add(AnalysisCommands.LineageCommand(stdout, stderr));
        root.Subcommands.Add(AnalysisCommands.ReleasesCommand(stdout, stderr));
        root.Subcommands.Add(AnalysisCommands.MoneyCommand(stdout, stderr));
        root.Subcommands.Add(AnalysisCommands.ScoresCommand(stdout, stderr));
        root.Subcommands.Add(AnalysisCommands.DigestCommand(stdout, stderr));
        root.Subcommands.Add(SharingCommands.Stix(stdout, stderr));
        root.Subcommands.Add(SharingCommands.Feed(stdout, stderr));
        root.Subcommands.Add(SharingCommands.Group(stdout, stderr));
        root.Subcommands.Add(EnforcementCommands.Decision(stdout, stderr));
        root.Subcommands.Add(EnforcementCommands.Blocklist(stdout, stderr));
        root.Subcommands.Add(EnforcementCommands.AllowList(stdout, stderr));
        root.Subcommands.Add(EnforcementCommands.ContactsCommand(stdout, stderr));
        return root;
    }

    internal static Output OutputOf(ParseResult r, TextWriter stdout, TextWriter stderr) => new(r.GetValue(Json), stdout, stderr);

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
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or AccessDeniedException or ConflictException or IOException
                                      or UnauthorizedAccessException or DbUpdateException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            output.Error(e.Message);
            return 1;
        }
    }

    internal static async Task<Organisation> ResolveOrganisationAsync(IsopDb db, string? name, CancellationToken ct, string option = "--org")
    {
        if (name is not null)
        {
            return await db.Organisations.SingleOrDefaultAsync(o => o.Name == name, ct)
                ?? throw new ArgumentException($"{option}: no organisation named \"{name}\"");
        }
        var all = await db.Organisations.Take(2).ToListAsync(ct);
        return all.Count switch
        {
            1 => all[0],
            0 => throw new ArgumentException("there is no organisation yet: create one with `isop admin create --email … --org …`"),
            _ => throw new ArgumentException("--org: several organisations exist; say which one owns them"),
        };
    }
}
