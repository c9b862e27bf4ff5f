using Isop.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Isop.Data;

/// <summary>The audit seal for the contexts a container creates (null where the settings name no keys folder).</summary>
public sealed record AuditSealHolder(AuditSeal? Seal);

public static class DataServices
{
    /// <summary>Registers <see cref="IsopDb"/> on the given provider; the caller comes from <see cref="ICallerAccessor"/>.</summary>
    public static IServiceCollection AddIsopData(this IServiceCollection services, DatabaseSettings settings) =>
        services.AddSingleton(settings).AddIsopData();

    /// <summary>
    /// Registers <see cref="IsopDb"/> on the provider that the registered <see cref="DatabaseSettings"/> name; they are
    /// resolved when first needed, so configuration added late (the test host's) is honoured.
    /// </summary>
    public static IServiceCollection AddIsopData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddDbContext<PostgresIsopDb>((sp, o) => o.UseNpgsql(sp.GetRequiredService<DatabaseSettings>().ConnectionString).ConfigureWarnings(Warnings));
        services.AddDbContext<SqliteIsopDb>((sp, o) => o.UseSqlite(sp.GetRequiredService<DatabaseSettings>().ConnectionString).ConfigureWarnings(Warnings));
        services.TryAddSingleton(sp => new AuditSealHolder(sp.GetRequiredService<DatabaseSettings>().Seal));
        services.TryAddSingleton(sp => new IsopDbFactory(sp.GetRequiredService<DatabaseSettings>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<IsopDb>(sp => sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.PostgreSql
            ? sp.GetRequiredService<PostgresIsopDb>()
            : sp.GetRequiredService<SqliteIsopDb>());
        return services;
    }

    private static void Warnings(WarningsConfigurationBuilder w) =>
        w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning);

    /// <summary>Creates the data folder and database if needed, switches SQLite to WAL, applies migrations.</summary>
    public static async Task MigrateAsync(IsopDb db, CancellationToken ct)
    {
        IsopDb.EnsureGuarded(db.Model);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            // The data folder holds password and token hashes and the evidence: the account that runs Isop only.
            if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
                else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        await Operations.SignalIndex.BackfillAsync(db, ct);
        // What ingest keeps beside the observations since the migration that brought it, built once for the rows from before.
        if (pending.Any(m => m.EndsWith("_Aggregates", StringComparison.Ordinal)))
        {
            await ReleaseGroups.PlatformReleases.BackfillAsync(db, ct);
            await Monitoring.AudienceIndex.BackfillAsync(db, ct);
        }
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            var path = Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
            if (!OperatingSystem.IsWindows())
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                    if (File.Exists(file)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>A context for command-line work, outside any web request.</summary>
    public static IsopDb CreateContext(DatabaseSettings settings, Caller caller, TimeProvider? time = null)
    {
        var accessor = new FixedCaller(caller);
        time ??= TimeProvider.System;
        return settings.Provider switch
        {
            DatabaseProvider.PostgreSql => new PostgresIsopDb(
                new DbContextOptionsBuilder<PostgresIsopDb>().UseNpgsql(settings.ConnectionString).ConfigureWarnings(Warnings).Options, accessor, time, new AuditSealHolder(settings.Seal)),
            _ => new SqliteIsopDb(
                new DbContextOptionsBuilder<SqliteIsopDb>().UseSqlite(settings.ConnectionString).ConfigureWarnings(Warnings).Options, accessor, time, new AuditSealHolder(settings.Seal)),
        };
    }
}
