using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Security;

/// <summary>Regression tests for the findings of issue 11's security review, on SQLite and PostgreSQL.</summary>
public abstract class SecurityFindingsTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<(Member Member, string Token, string Password)> NewMemberAsync(string organisation, MemberRole role) =>
        fixture.App.MemberAsync($"{Guid.NewGuid():N}@{organisation.ToLowerInvariant()}.test", organisation, OrganisationKind.RightsHolder, role);

    [Fact]
    public async Task An_admin_cannot_issue_a_token_for_a_member_they_administer()
    {
        fixture.Require();
        var (member, _, _) = await NewMemberAsync("Tokens", MemberRole.Analyst);
        var (admin, adminToken, adminPassword) = await NewMemberAsync("Tokens", MemberRole.Admin);
        var api = fixture.App.ClientWithToken(adminToken);

        var forged = await api.PostAsJsonAsync("/api/v1/tokens", new { name = "as them", memberId = member.Id }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains("only to the member who will use them", await forged.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var own = await api.PostAsJsonAsync("/api/v1/tokens", new { name = "mine", memberId = admin.Id }, Ct);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);

        // The admin page has no token form any more, and posting to its old handler issues nothing.
        var browser = fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.SignInAsync(browser, admin.Email!, adminPassword);
        var page = await browser.GetStringAsync("/Admin", Ct);
        Assert.DoesNotContain("handler=Token", page, StringComparison.Ordinal);
        var old = await Forms.PostAsync(browser, "/Admin", new Dictionary<string, string> { ["memberId"] = member.Id.ToString() }, "/Admin?handler=Token");
        Assert.DoesNotContain("data-testid=\"secret\"", await old.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using (var db = fixture.App.SystemDb())
            Assert.Equal(["test"], await db.ApiTokens.Where(t => t.MemberId == member.Id).Select(t => t.Name).ToListAsync(Ct));

        // A member issues their own token on their security page, and it works.
        var issued = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["name"] = "laptop", ["expiresInDays"] = "30" }, "/Account/Security?handler=Token");
        var html = await issued.Content.ReadAsStringAsync(Ct);
        var secret = System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"token-secret\">(isop_[0-9a-f]+)<").Groups[1].Value;
        Assert.StartsWith("isop_", secret, StringComparison.Ordinal);
        var me = await fixture.App.ClientWithToken(secret).GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal(admin.Email, me.GetProperty("email").GetString());
    }

    [Theory]
    [InlineData("site.test:8080:127.0.0.1", "loopback (127.0.0.0/8)")]
    [InlineData("site.test:80:10.20.30.40", "private (10.0.0.0/8)")]
    [InlineData("site.test:80:169.254.169.254", "link-local (169.254.0.0/16)")]
    [InlineData("site.test:80:[::1]", "loopback (::1)")]
    [InlineData("site.test:80:93.184.216.34,192.168.1.1", "private (192.168.0.0/16)")]
    public async Task Resolve_entries_to_private_addresses_need_the_server_setting(string entry, string why)
    {
        fixture.Require();
        await using var strict = new IsopApp(fixture.App.Database) { AllowPrivateResolve = false };
        var (_, token, _) = await strict.MemberAsync($"{Guid.NewGuid():N}@ssrf.test", "SSRF", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var analyst = strict.ClientWithToken(token);
        var created = await analyst.PostAsJsonAsync("/api/v1/platforms", new { name = $"Site {Guid.NewGuid():N}", kind = "streaming-site", domains = new[] { "site.test" } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var refused = await analyst.PutAsJsonAsync($"/api/v1/platforms/{id}/monitor", new { enabled = false, resolve = new[] { entry } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var message = problem.GetProperty("errors").GetProperty("resolve[0]")[0].GetString()!;
        Assert.Contains(why, message, StringComparison.Ordinal);
        Assert.Contains(ResolvePermission.Setting, message, StringComparison.Ordinal);
        var kept = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{id}/monitor", Ct);
        Assert.Equal(0, kept.GetProperty("resolve").GetArrayLength());

        // An entry stored before the setting was turned off is refused when the run starts, before anything is fetched.
        await using (var db = strict.SystemDb())
        {
            var platform = await db.Platforms.SingleAsync(p => p.Id == id, Ct);
            platform.Monitor.Resolve = entry;
            platform.Monitor.Seeds = "http://site.test/";
            await db.SaveChangesAsync(Ct);
        }
        var run = await strict.Services.GetRequiredService<MonitorRunner>().RunAsync(id, Ct);
        Assert.Equal(CrawlRunStatus.Failed, run.Status);
        Assert.Equal(0, run.Pages);
        Assert.Contains("resolve map refused", run.Problem, StringComparison.Ordinal);
        Assert.Contains(why, run.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_entries_to_public_addresses_are_the_platforms_own()
    {
        fixture.Require();
        await using var strict = new IsopApp(fixture.App.Database) { AllowPrivateResolve = false };
        var (_, token, _) = await strict.MemberAsync($"{Guid.NewGuid():N}@ssrf.test", "SSRF", OrganisationKind.RightsHolder, MemberRole.Analyst);
        var analyst = strict.ClientWithToken(token);
        var created = await analyst.PostAsJsonAsync("/api/v1/platforms", new { name = $"Site {Guid.NewGuid():N}", kind = "streaming-site", domains = new[] { "site.test" } }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        // Only stored, never connected to: the monitor stays off.
        var saved = await analyst.PutAsJsonAsync($"/api/v1/platforms/{id}/monitor", new { enabled = false, resolve = new[] { "site.test:443:93.184.216.34" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
    }
}

public sealed class SqliteSecurityFindingsTests(SqliteApp app) : SecurityFindingsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSecurityFindingsTests(PostgresApp app) : SecurityFindingsTests(app), IClassFixture<PostgresApp>;
