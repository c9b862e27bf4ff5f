using Isop.Data;

namespace Isop.Tests.Infrastructure;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>A fresh database of either provider, and a data folder, for one test or fixture.</summary>
public sealed class TestDatabase : IDisposable
{
    private TestDatabase(DatabaseSettings settings, string dataDirectory)
    {
        Settings = settings;
        DataDirectory = dataDirectory;
    }

    public DatabaseSettings Settings { get; }
    public string DataDirectory { get; }

    public static async Task<TestDatabase> CreateAsync(Provider provider, PostgresServer postgres)
    {
        var folder = Path.Combine(Path.GetTempPath(), "isop-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = provider == Provider.Postgres
            ? DatabaseSettings.Resolve(await postgres.CreateDatabaseAsync("isop"), folder)
            : DatabaseSettings.Resolve(null, folder);
        return new TestDatabase(settings, folder);
    }

    /// <summary>The <c>--database</c> text for this database.</summary>
    public string DatabaseArgument => Settings.Provider == DatabaseProvider.PostgreSql ? Settings.ConnectionString : "sqlite:" + Path.Combine(DataDirectory, "isop.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("ISOP_KEEP_TEST_DATA") is null) try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
