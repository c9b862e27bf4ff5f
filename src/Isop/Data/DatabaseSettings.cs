using Microsoft.Data.Sqlite;
using Npgsql;

namespace Isop.Data;

/// <summary>Which database to use, from <c>--database</c> / <c>ISOP_DATABASE</c> or the data folder.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>Where the keys outside the database live (the data folder's <c>keys</c>): the audit seal's among them.</summary>
    public string? KeysDirectory { get; init; }

    /// <summary>The audit seal of <see cref="KeysDirectory"/>, opened once per folder.</summary>
    public AuditSeal? Seal => KeysDirectory is null ? null : Seals.GetOrAdd(Path.GetFullPath(KeysDirectory), AuditSeal.Open);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AuditSeal> Seals = new(StringComparer.Ordinal);

    /// <summary>
    /// Accepts <c>postgres://user:pass@host:port/db</c>, Npgsql keywords (<c>Host=…</c>), <c>sqlite:PATH</c>,
    /// SQLite keywords (<c>Data Source=…</c>), or nothing: <c>isop.db</c> in the data folder.
    /// </summary>
    public static DatabaseSettings Resolve(string? database, string dataDirectory) =>
        ResolveConnection(database, dataDirectory) with { KeysDirectory = Path.Combine(Path.GetFullPath(dataDirectory), "keys") };

    private static DatabaseSettings ResolveConnection(string? database, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            return Sqlite(Path.Combine(Path.GetFullPath(dataDirectory), "isop.db"));
        }
        var text = database.Trim();
        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.PostgreSql, FromUri(text));
        }
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(Path.GetFullPath(text["sqlite:".Length..]));
        }
        if (text.Contains("Host=", StringComparison.OrdinalIgnoreCase) || text.Contains("Server=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(text).ConnectionString);
        }
        if (text.Contains("Data Source=", StringComparison.OrdinalIgnoreCase))
        {
            return new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder(text) { ForeignKeys = true }.ConnectionString);
        }
        if (text.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(Path.GetFullPath(text));
        }
        throw new ArgumentException(
            $"--database: cannot tell which database '{Redact(text)}' is; expected postgres://user:password@host:port/database, Host=…;Database=…, sqlite:PATH or Data Source=PATH.");
    }

    private static DatabaseSettings Sqlite(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder
        {
            DataSource = path,
            ForeignKeys = true,
            DefaultTimeout = 30,
            Pooling = true,
        }.ConnectionString);

    private static string FromUri(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new ArgumentException("--database: the PostgreSQL URI must look like postgres://user:password@host:port/database.");
        }
        var b = new NpgsqlConnectionStringBuilder { Host = uri.Host, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        var db = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (db.Length > 0) b.Database = db;
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            b.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length > 1) b.Password = Uri.UnescapeDataString(parts[1]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            b[Uri.UnescapeDataString(kv[0])] = kv.Length > 1 ? Uri.UnescapeDataString(kv[1]) : "";
        }
        return b.ConnectionString;
    }

    /// <summary>A connection string fit to print: no password.</summary>
    public string Display => Provider switch
    {
        DatabaseProvider.PostgreSql => new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.ConnectionString,
        _ => new SqliteConnectionStringBuilder(ConnectionString).DataSource,
    };

    private static string Redact(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
