using Isop.Access;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Isop.Data;

public static class DataServices
{
    /// <summary>Registers <see cref="IsopDb"/> on the configured provider; the caller comes from <see cref="ICallerAccessor"/>.</summary>
    public static IServiceCollection AddIsopData(this IServiceCollection services, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingletonTimeProvider();
        switch (settings.Provider)
        {
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<PostgresIsopDb>(o => o.UseNpgsql(settings.ConnectionString).ConfigureWarnings(Warnings));
                services.AddScoped<IsopDb>(sp => sp.GetRequiredService<PostgresIsopDb>());
                break;
            default:
                services.AddDbContext<SqliteIsopDb>(o => o.UseSqlite(settings.ConnectionString).ConfigureWarnings(Warnings));
                services.AddScoped<IsopDb>(sp => sp.GetRequiredService<SqliteIsopDb>());
                break;
        }
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider))) services.AddSingleton(TimeProvider.System);
    }

    private static void Warnings(WarningsConfigurationBuilder w) =>
        w.Ignore(CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning);

    /// <summary>Creates the data folder and database if needed, switches SQLite to WAL, applies migrations.</summary>
    public static async Task MigrateAsync(IsopDb db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        await db.Database.MigrateAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
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
                new DbContextOptionsBuilder<PostgresIsopDb>().UseNpgsql(settings.ConnectionString).ConfigureWarnings(Warnings).Options, accessor, time),
            _ => new SqliteIsopDb(
                new DbContextOptionsBuilder<SqliteIsopDb>().UseSqlite(settings.ConnectionString).ConfigureWarnings(Warnings).Options, accessor, time),
        };
    }
}
