using System.CommandLine;
using Isop.Data;
using Microsoft.EntityFrameworkCore;

namespace Isop.Cli;

/// <summary><c>isop db migrate</c>.</summary>
internal static class DbCommands
{
    public static Command Db(TextWriter stdout, TextWriter stderr)
    {
        var migrate = new Command("migrate", "Create or upgrade the database schema.");
        migrate.SetAction(async (r, ct) =>
        {
            var output = IsopCommand.OutputOf(r, stdout, stderr);
            return await IsopCommand.Guard(output, async () =>
            {
                var settings = IsopCommand.SettingsOf(r);
                await using var scope = await CliScope.OpenAsync(r, ct, migrate: false);
                var db = scope.Db;
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
}
