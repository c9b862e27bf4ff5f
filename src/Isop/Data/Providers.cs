using Isop.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Isop.Data;

/// <summary>The embedded default: one SQLite file in the data folder, in WAL mode.</summary>
public sealed class SqliteIsopDb(DbContextOptions<SqliteIsopDb> options, ICallerAccessor caller, TimeProvider time, AuditSealHolder seal)
    : IsopDb(options, caller, time, seal)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no date type: UTC ticks keep order and full precision (EF's binary converter drops digits).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

/// <summary>Stores an instant as its UTC ticks: lossless and ordered.</summary>
internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(d => d.UtcTicks, t => new DateTimeOffset(t, TimeSpan.Zero));

/// <summary>The production database.</summary>
public sealed class PostgresIsopDb(DbContextOptions<PostgresIsopDb> options, ICallerAccessor caller, TimeProvider time, AuditSealHolder seal)
    : IsopDb(options, caller, time, seal)
{
    public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;
}

// Design-time factories: `dotnet ef migrations add X --context SqliteIsopDb|PostgresIsopDb`.
internal sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteIsopDb>
{
    public SqliteIsopDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteIsopDb>().UseSqlite("Data Source=design.db").Options,
            new FixedCaller(Caller.System("design")), TimeProvider.System, new AuditSealHolder(null));
}

internal sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresIsopDb>
{
    public PostgresIsopDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresIsopDb>().UseNpgsql("Host=localhost;Database=isop").Options,
            new FixedCaller(Caller.System("design")), TimeProvider.System, new AuditSealHolder(null));
}
