using System.Net.Http.Headers;
using Isop.Access;
using Isop.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Infrastructure;

/// <summary>The real server (Program's entry point) on a test database, through WebApplicationFactory.</summary>
public sealed class IsopApp(TestDatabase database) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    /// <summary>The server setting <c>Isop:Crawling:AllowPrivateResolve</c>: on, as in <c>--demo</c>, unless a test turns it off.</summary>
    public bool AllowPrivateResolve { get; init; } = true;

    /// <summary>Further server settings for one test's server.</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Isop:Data", Database.DataDirectory);
        builder.UseSetting("Isop:Database", Database.DatabaseArgument);
        builder.UseSetting("Isop:AdminEmail", AdminEmail);
        // Test sites run on loopback: the tests grant resolve entries that server permission (one test takes it away).
        // Added last, so that it wins over an environment variable set by a CLI test running alongside.
        builder.ConfigureAppConfiguration((_, c) => c.AddInMemoryCollection([new(Isop.Monitoring.ResolvePermission.Setting, AllowPrivateResolve ? "true" : "false"), .. Settings]));
    }

    public HttpClient ClientWithToken(string? token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        // Bulk imports of 100,000 works take longer than HttpClient's 100 s on a busy two-core runner.
        client.Timeout = TimeSpan.FromMinutes(10);
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A context that acts as the local system (for arranging and inspecting, never for the behaviour under test).</summary>
    public IsopDb SystemDb() => DataServices.CreateContext(Database.Settings, Caller.System("test"));

    /// <summary>Creates an organisation (if needed) and a member, and issues the member an API token.</summary>
    public async Task<(Member Member, string Token, string Password)> MemberAsync(string email, string organisation, OrganisationKind kind, MemberRole role)
    {
        _ = Services; // starts the host (test server or Kestrel): migrations run on start
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
        var org = await accounts.EnsureOrganisationAsync(organisation, kind, null, CancellationToken.None);
        var created = await accounts.CreateMemberAsync(email, null, org, role, CancellationToken.None);
        var db = scope.ServiceProvider.GetRequiredService<IsopDb>();
        var (token, secret) = ApiToken.Issue(created.Member.Id, "test", DateTimeOffset.UtcNow, null);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return (created.Member, secret, created.Password);
    }

    /// <summary>
    /// The first admin, which the entry point creates after the host has started (on its own thread, alongside the
    /// first test): waits for it, up to two minutes.
    /// </summary>
    public async Task<Member> FirstAdminAsync(CancellationToken ct)
    {
        _ = Services;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            await using (var db = SystemDb())
            {
                if (await db.Users.SingleOrDefaultAsync(m => m.Email == AdminEmail, deadline.Token) is { } admin) return admin;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }
    }

    public const string AdminEmail = "admin@secretariat.test";

    public async Task<Organisation> OrganisationAsync(string name)
    {
        await using var db = SystemDb();
        return await db.Organisations.SingleAsync(o => o.Name == name);
    }
}
