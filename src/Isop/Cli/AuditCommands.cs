using System.CommandLine;
using Isop.Data;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Isop.Cli;

/// <summary><c>isop audit verify</c>.</summary>
internal static class AuditCommands
{
    public static Command Audit(TextWriter stdout, TextWriter stderr)
    {
        var verify = new Command("verify", "Check the audit log's hash chain, and the records against their last audited state; report the first broken link or every record changed outside Isop.");
        verify.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                var settings = IsopCommand.SettingsOf(r);
                // Verifying creates nothing: no database, no key.
                if (settings.Provider == DatabaseProvider.Sqlite
                    && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource is var file && !File.Exists(file))
                    throw new ArgumentException($"no Isop database at {file}: give the server's --data (or --database)");
                var key = settings.KeysDirectory is { } keys ? Path.Combine(keys, "audit.key") : null;
                if (key is null || !File.Exists(key)) settings = settings with { KeysDirectory = null };
                await using var scope = await CliScope.OpenAsync(r, ct, migrate: false, database: settings);
                var db = scope.Db;
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
}
