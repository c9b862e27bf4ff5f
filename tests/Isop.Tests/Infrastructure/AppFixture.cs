using Isop.Access;

namespace Isop.Tests.Infrastructure;

/// <summary>A running server on a fresh database with one organisation's analyst and viewer, shared by a test class.</summary>
public abstract class AppFixture(Provider provider, PostgresServer postgres) : IAsyncLifetime
{
    public Provider Provider { get; } = provider;
    public IsopApp App { get; private set; } = null!;
    public HttpClient Analyst { get; private set; } = null!;
    public HttpClient Viewer { get; private set; } = null!;
    public HttpClient Anonymous { get; private set; } = null!;
    public Member AnalystMember { get; private set; } = null!;
    private TestDatabase? _database;

    public async ValueTask InitializeAsync()
    {
        if (Provider == Provider.Postgres && postgres.Unavailable is not null) return;
        _database = await TestDatabase.CreateAsync(Provider, postgres);
        App = new IsopApp(_database) { Settings = await SettingsAsync() };
        var analyst = await App.MemberAsync("analyst@studio.test", "Studio", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var viewer = await App.MemberAsync("viewer@studio.test", "Studio", OrganisationKind.RightsHolder, MemberRole.Viewer);
        AnalystMember = analyst.Member;
        Analyst = App.ClientWithToken(analyst.Token);
        Viewer = App.ClientWithToken(viewer.Token);
        Anonymous = App.ClientWithToken(null);
    }

    /// <summary>Further server settings, and what a fixture starts before the server (an SMTP server…).</summary>
    protected virtual Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>());

    /// <summary>What a fixture stops after the server.</summary>
    protected virtual ValueTask DisposeMoreAsync() => ValueTask.CompletedTask;

    /// <summary>Call first in every test: skips (or fails under CI) where PostgreSQL is missing.</summary>
    public void Require()
    {
        if (Provider == Provider.Postgres) postgres.RequireAvailable();
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null) await App.DisposeAsync();
        await DisposeMoreAsync();
        _database?.Dispose();
    }
}

public sealed class SqliteApp(PostgresServer postgres) : AppFixture(Provider.Sqlite, postgres);

public sealed class PostgresApp(PostgresServer postgres) : AppFixture(Provider.Postgres, postgres);
