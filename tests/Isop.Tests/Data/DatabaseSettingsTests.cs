using Isop.Data;

namespace Isop.Tests.Data;

public sealed class DatabaseSettingsTests
{
    [Fact]
    public void No_database_means_SQLite_in_the_data_folder()
    {
        var s = DatabaseSettings.Resolve(null, "/tmp/isop-x");
        Assert.Equal(DatabaseProvider.Sqlite, s.Provider);
        Assert.Equal("/tmp/isop-x/isop.db", s.Display);
    }

    [Theory]
    [InlineData("postgres://isop:s3cret@db.example.test:6543/intel", "db.example.test", 6543, "intel")]
    [InlineData("postgresql://isop@127.0.0.1/isop", "127.0.0.1", 5432, "isop")]
    [InlineData("Host=127.0.0.1;Port=5433;Database=isop;Username=isop", "127.0.0.1", 5433, "isop")]
    public void PostgreSQL_is_recognised_in_URI_and_keyword_forms(string text, string host, int port, string database)
    {
        var s = DatabaseSettings.Resolve(text, "data");
        Assert.Equal(DatabaseProvider.PostgreSql, s.Provider);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(s.ConnectionString);
        Assert.Equal(host, b.Host);
        Assert.Equal(port, b.Port);
        Assert.Equal(database, b.Database);
        Assert.DoesNotContain("s3cret", s.Display, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unrecognised_database_names_the_accepted_forms()
    {
        var e = Assert.Throws<ArgumentException>(() => DatabaseSettings.Resolve("mysql://x", "data"));
        Assert.Contains("postgres://", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("--database:", e.Message, StringComparison.Ordinal);
    }
}
