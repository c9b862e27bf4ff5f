using Isop.Access;
using Isop.Data;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Data;

public abstract class MigrationTests(Provider provider, PostgresServer postgres)
{
    [Fact]
    public async Task Migrations_build_the_current_model_on_an_empty_database_and_are_idempotent()
    {
        if (provider == Provider.Postgres) postgres.RequireAvailable();
        var ct = TestContext.Current.CancellationToken;
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        await using var db = DataServices.CreateContext(database.Settings, Caller.System("test"));
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetPendingMigrationsAsync(ct));

        await DataServices.MigrateAsync(db, ct);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        // Every table the model maps to exists in the migrated database.
        var tables = await db.Database.SqlQueryRaw<string>(provider == Provider.Postgres
            ? "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema()"
            : "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync(ct);
        var expected = db.Model.GetRelationalModel().Tables.Select(t => t.Name).ToList();
        Assert.Contains("Recognitions", expected);
        Assert.Empty(expected.Except(tables));
        // The migrations and the model agree: nobody changed an entity without adding a migration.
        Assert.False(db.Database.HasPendingModelChanges(), "the model has changes that no migration covers: add one for both providers");

        await DataServices.MigrateAsync(db, ct);
        Assert.Equal(1, await db.AuditHeads.CountAsync(ct));
        Assert.Equal(0, await db.Works.CountAsync(ct));
    }

    [Fact]
    public async Task Db_migrate_command_reports_what_it_applied()
    {
        if (provider == Provider.Postgres) postgres.RequireAvailable();
        using var database = await TestDatabase.CreateAsync(provider, postgres);
        var stdout = new StringWriter();
        var code = await Isop.Cli.IsopCommand.Create(stdout, new StringWriter())
            .Parse(["--database", database.DatabaseArgument, "db", "migrate", "--json"])
            .InvokeAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, code);
        Assert.Contains("_Initial", stdout.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteMigrationTests(PostgresServer postgres) : MigrationTests(Provider.Sqlite, postgres)
{
    [Fact]
    public async Task The_embedded_database_runs_in_WAL_mode()
    {
        var ct = TestContext.Current.CancellationToken;
        using var database = await TestDatabase.CreateAsync(Provider.Sqlite, null!);
        await using var db = DataServices.CreateContext(database.Settings, Caller.System("test"));
        await DataServices.MigrateAsync(db, ct);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(ct));
    }
}

public sealed class PostgresMigrationTests(PostgresServer postgres) : MigrationTests(Provider.Postgres, postgres);
