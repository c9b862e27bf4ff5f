using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Access;
using Isop.Data;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Access;

public sealed class AccountTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private Task<(Member Member, string Token, string Password)> NewMemberAsync(MemberRole role = MemberRole.Analyst) =>
        fixture.App.MemberAsync($"{Guid.NewGuid():N}@studio.test", "Studio", OrganisationKind.RightsHolder, role);

    [Fact]
    public async Task The_first_start_creates_one_admin_whose_password_works_once_printed()
    {
        var admin = await fixture.App.FirstAdminAsync(Ct);
        await using (var db = fixture.App.SystemDb())
        {
            Assert.Equal(MemberRole.Admin, admin.Role);
            Assert.Equal(OrganisationKind.Secretariat, (await db.Organisations.SingleAsync(o => o.Id == admin.OrganisationId, Ct)).Kind);
        }

        // On an empty database: one admin, whose printed password signs in, must be replaced, and expires; only once.
        using var empty = await TestDatabase.CreateAsync(Provider.Sqlite, null!);
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<ICallerAccessor>(new FixedCaller(Caller.System("test")))
            .AddIsopData(empty.Settings).AddIsopAccounts().BuildServiceProvider();
        await using (services)
        {
            await using var scope = services.CreateAsyncScope();
            await DataServices.MigrateAsync(scope.ServiceProvider.GetRequiredService<IsopDb>(), Ct);
            var accounts = scope.ServiceProvider.GetRequiredService<Accounts>();
            var created = await accounts.BootstrapAsync("first@isop.test", Ct);
            Assert.NotNull(created);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            Assert.True(await users.CheckPasswordAsync(created.Member, created.Password));
            Assert.False(await users.CheckPasswordAsync(created.Member, created.Password + "x"));
            Assert.True(created.Member.MustChangePassword);
            Assert.NotNull(created.Member.OneTimePasswordExpiresAt);
            Assert.Null(await accounts.BootstrapAsync("second@isop.test", Ct));
            Assert.Equal(1, await users.Users.CountAsync(Ct));
        }
    }

    [Fact]
    public async Task A_member_signs_in_with_a_password_and_sees_the_shell()
    {
        var (member, _, password) = await NewMemberAsync();
        var client = Browser();
        // The one-time password opens only the page that replaces it.
        var mine = await Forms.SignInAsync(client, member.Email!, password);
        var home = await client.GetStringAsync("/", Ct);
        foreach (var section in new[] { "Dashboard", "Catalogue", "Platforms", "Cases", "Operations", "Releases", "Money trail", "Platform scores", "Emerging threats", "Loss estimates", "Enforcement", "Sharing" })
            Assert.Contains($">{section}</a>", home, StringComparison.Ordinal);
        Assert.DoesNotContain(">Admin</a>", home, StringComparison.Ordinal);

        var again = Browser();
        Assert.Equal(HttpStatusCode.OK, (await Forms.LoginAsync(again, member.Email!, password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.LoginAsync(again, member.Email!, mine)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/", Ct)).StatusCode);
    }

    [Fact]
    public async Task Pages_ask_anonymous_visitors_to_sign_in()
    {
        var response = await Browser().GetAsync("/Catalogue", Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var (member, _, password) = await NewMemberAsync();
        var client = Browser();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await Forms.LoginAsync(client, member.Email!, password + "x");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var right = await Forms.LoginAsync(client, member.Email!, password);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);
        await using (var db = fixture.App.SystemDb())
            Assert.True((await db.Users.SingleAsync(m => m.Id == member.Id, Ct)).LockoutEnd > DateTimeOffset.UtcNow);
        // The answer for a locked account is the one for a wrong password: it does not tell that the account exists.
        var unknown = await Forms.LoginAsync(Browser(), $"{Guid.NewGuid():N}@nobody.test", password);
        Assert.Equal(Message(await right.Content.ReadAsStringAsync(Ct)), Message(await unknown.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task With_TOTP_on_the_password_alone_is_not_enough_and_wrong_codes_lock_the_account()
    {
        var (member, _, password) = await NewMemberAsync();
        string key;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Member>>();
            var m = (await users.FindByIdAsync(member.Id.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(m);
            key = (await users.GetAuthenticatorKeyAsync(m))!;
            await users.SetTwoFactorEnabledAsync(m, true);
        }

        var client = Browser();
        var login = await Forms.LoginAsync(client, member.Email!, password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith("/Account/LoginWith2fa", login.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/", Ct)).StatusCode);

        // The authenticator key is kept protected (Data Protection), not as the app shows it.
        await using (var tokens = fixture.App.SystemDb())
        {
            var stored = await tokens.Set<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().Where(t => t.UserId == member.Id).Select(t => t.Value).ToListAsync(Ct);
            Assert.NotEmpty(stored);
            Assert.All(stored, v => Assert.StartsWith("dp1:", v, StringComparison.Ordinal));
            Assert.DoesNotContain(stored, v => v!.Contains(key, StringComparison.Ordinal));
        }
        var code = Forms.Totp(key, DateTimeOffset.UtcNow);
        var good = await Forms.PostAsync(client, "/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Security", Ct)).StatusCode);
        // Still a one-time password session: it may only replace the password (issue 11).
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/me", Ct)).StatusCode);
        // The same code again (a replay within its minute) signs nobody in.
        var replay = Browser();
        await Forms.LoginAsync(replay, member.Email!, password);
        var again = await Forms.PostAsync(replay, "/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = code });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetAsync("/Account/Security", Ct)).StatusCode);

        var attacker = Browser();
        await Forms.LoginAsync(attacker, member.Email!, password);
        for (var i = 0; i < 5; i++)
            await Forms.PostAsync(attacker, "/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = "000000" });
        await using var db = fixture.App.SystemDb();
        var locked = await db.Users.SingleAsync(m => m.Id == member.Id, Ct);
        Assert.True(locked.LockoutEnd > DateTimeOffset.UtcNow, "five wrong second-factor codes must lock the account");
    }

    [Fact]
    public async Task Bearer_tokens_authenticate_until_revoked()
    {
        var (member, token, _) = await NewMemberAsync();
        var client = fixture.App.ClientWithToken(token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", Ct);
        Assert.Equal(member.Email, me.GetProperty("email").GetString());

        var issued = await client.PostAsJsonAsync("/api/v1/tokens", new { name = "ci", expiresInDays = 30 }, Ct);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var body = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var secret = body.GetProperty("secret").GetString()!;
        var second = fixture.App.ClientWithToken(secret);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me", Ct)).StatusCode);

        await using (var db = fixture.App.SystemDb())
        {
            var stored = await db.ApiTokens.SingleAsync(t => t.Id == body.GetProperty("token").GetProperty("id").GetGuid(), Ct);
            Assert.NotEqual(secret, stored.Hash);
            Assert.Equal(ApiToken.HashOf(secret), stored.Hash);
        }

        var revoke = await client.DeleteAsync($"/api/v1/tokens/{body.GetProperty("token").GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.ClientWithToken("isop_" + new string('0', 64)).GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.ClientWithToken("not-a-token").GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Only_admins_administer_and_only_platform_admins_create_organisations()
    {
        var (_, analystToken, _) = await NewMemberAsync();
        var (_, adminToken, _) = await NewMemberAsync(MemberRole.Admin);
        var analyst = fixture.App.ClientWithToken(analystToken);
        var admin = fixture.App.ClientWithToken(adminToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await analyst.GetAsync("/api/v1/admin/members", Ct)).StatusCode);

        var created = await admin.PostAsJsonAsync("/api/v1/admin/members", new { email = $"{Guid.NewGuid():N}@studio.test", role = "viewer" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var password = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("password").GetString();
        Assert.True(password!.Length >= 12);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsJsonAsync("/api/v1/admin/organisations", new { name = "Rogue", kind = "intermediary" }, Ct)).StatusCode);

        // The secretariat's admin is a platform admin; its token comes from the database directly.
        await using var db = fixture.App.SystemDb();
        var rootMember = await fixture.App.FirstAdminAsync(Ct);
        var (token, secret) = ApiToken.Issue(rootMember.Id, "root", DateTimeOffset.UtcNow, null);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(Ct);
        var platformAdmin = fixture.App.ClientWithToken(secret);
        var org = await platformAdmin.PostAsJsonAsync("/api/v1/admin/organisations", new { name = $"KNPA {Guid.NewGuid():N}", kind = "law-enforcement", country = "KR" }, Ct);
        Assert.Equal(HttpStatusCode.Created, org.StatusCode);
        var invalid = await platformAdmin.PostAsJsonAsync("/api/v1/admin/organisations", new { name = "", kind = "law-enforcement", country = "Korea" }, Ct);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("country", out _));
    }

    private static string Message(string html) =>
        System.Text.RegularExpressions.Regex.Match(html, "data-testid=\"login-error\">([^<]*)<").Groups[1].Value;

    [Theory]
    [InlineData("/\\evil.test", "/")]
    [InlineData("//evil.test", "/")]
    [InlineData("https://evil.test/", "/")]
    [InlineData("/check?url=a.test", "/check?url=a.test")]
    public async Task The_language_menu_goes_back_to_a_local_page_only(string returnUrl, string location)
    {
        var browser = Browser();
        var response = await Forms.PostAsync(browser, "/check", new Dictionary<string, string> { ["culture"] = "fr", ["returnUrl"] = returnUrl }, "/culture");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }
}
