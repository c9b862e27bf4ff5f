using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Cli;

/// <summary>The first start and lost passwords (issue 11): nothing is created on a busy port, and a lost password can be reset.</summary>
public sealed class AdminCommandTests(PostgresServer postgres) : CommandLineTest(postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Serve_on_a_busy_port_says_so_and_creates_no_admin()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (code, stdout, stderr) = await RunAsync("serve", "--urls", $"http://127.0.0.1:{port}");
        Assert.Equal(1, code);
        Assert.Contains("cannot listen", stderr, StringComparison.Ordinal);
        Assert.Contains("--urls", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("One-time password", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal); // no stack trace
        await using var db = DataServices.CreateContext(Database.Settings, Caller.System("test"));
        Assert.False(await db.Users.AnyAsync(Ct));
    }

    [Fact]
    public async Task A_lost_password_is_reset_to_a_new_one_time_password_and_audited()
    {
        var created = JsonDocument.Parse((await RunAsync("admin", "create", "--email", "first@secretariat.test", "--org", "Isop Secretariat", "--json")).Stdout).RootElement;
        var first = created.GetProperty("password").GetString()!;
        string before;
        await using (var db = DataServices.CreateContext(Database.Settings, Caller.System("test")))
        {
            var member = await db.Users.SingleAsync(m => m.Email == "first@secretariat.test", Ct);
            member.LockoutEnd = DateTimeOffset.MaxValue;
            member.MustChangePassword = false;
            db.ApiTokens.Add(ApiToken.Issue(member.Id, "taken over", DateTimeOffset.UtcNow, null).Token);
            await db.SaveChangesAsync(Ct);
            before = member.PasswordHash!;
        }

        var (code, stdout, stderr) = await RunAsync("admin", "reset-password", "--email", "first@secretariat.test", "--json");
        Assert.True(code == 0, stderr + stdout);
        var reset = JsonDocument.Parse(stdout).RootElement.GetProperty("password").GetString()!;
        Assert.NotEqual(first, reset);
        await using (var db = DataServices.CreateContext(Database.Settings, Caller.System("test")))
        {
            var member = await db.Users.SingleAsync(m => m.Email == "first@secretariat.test", Ct);
            Assert.NotEqual(before, member.PasswordHash);
            Assert.True(member.MustChangePassword);
            Assert.Null(member.LockoutEnd);
            // Whoever took the account over loses their tokens too.
            Assert.All(await db.ApiTokens.Where(t => t.MemberId == member.Id).ToListAsync(Ct), t => Assert.NotNull(t.RevokedAt));
            var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<Member>();
            Assert.NotEqual(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(member, member.PasswordHash!, reset));
            Assert.Equal(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed, hasher.VerifyHashedPassword(member, member.PasswordHash!, first));
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityId == member.Id.ToString() && a.Action == "update" && a.Actor.StartsWith("cli:"), Ct));
        }

        var unknown = await RunAsync("admin", "reset-password", "--email", "nobody@secretariat.test");
        Assert.Equal(1, unknown.Code);
        Assert.Contains("no member with e-mail nobody@secretariat.test", unknown.Stderr, StringComparison.Ordinal);
    }
}
