using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Isop.Access;
using Isop.Monitoring;
using Isop.Recognition.Matching;
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
    public async Task Who_may_not_change_a_platform_learns_nothing_from_validating_its_settings()
    {
        fixture.Require();
        var (_, ownerToken, _) = await NewMemberAsync($"Own{Guid.NewGuid():N}"[..14], MemberRole.Analyst);
        var (_, otherToken, _) = await NewMemberAsync($"Oth{Guid.NewGuid():N}"[..14], MemberRole.Analyst);
        var created = await fixture.App.ClientWithToken(ownerToken).PostAsJsonAsync("/api/v1/platforms", new { name = $"Green {Guid.NewGuid():N}", kind = "streaming-site", domains = new[] { "green.test" }, tlp = "GREEN" }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var other = fixture.App.ClientWithToken(otherToken);
        // Both the valid and the invalid body get the same refusal: nothing is validated for them.
        foreach (var resolve in new[] { "a.test:443:127.0.0.1", "a.test:443:93.184.216.34", "not an entry" })
        {
            var response = await other.PutAsJsonAsync($"/api/v1/platforms/{id}/monitor", new { resolve = new[] { resolve } }, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("resolve", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_token_issued_with_a_token_does_not_outlive_it()
    {
        fixture.Require();
        var (_, token, _) = await NewMemberAsync("Mint", MemberRole.Analyst);
        var day = await fixture.App.ClientWithToken(token).PostAsJsonAsync("/api/v1/tokens", new { name = "one day", expiresInDays = 1 }, Ct);
        Assert.Equal(HttpStatusCode.Created, day.StatusCode);
        var parent = await day.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var shortLived = fixture.App.ClientWithToken(parent.GetProperty("secret").GetString());
        var parentExpiry = parent.GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset();

        var longer = await shortLived.PostAsJsonAsync("/api/v1/tokens", new { name = "a month", expiresInDays = 30 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, longer.StatusCode);
        Assert.Contains("no later than", (await longer.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("expiresInDays")[0].GetString(), StringComparison.Ordinal);
        // Without an expiry, the child takes its parent's.
        var child = await shortLived.PostAsJsonAsync("/api/v1/tokens", new { name = "child" }, Ct);
        Assert.Equal(HttpStatusCode.Created, child.StatusCode);
        // (The parent's expiry comes back from the database: PostgreSQL keeps microseconds.)
        var childBody = await child.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var childExpiry = childBody.GetProperty("token").GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(childExpiry, parentExpiry.AddMilliseconds(-1), parentExpiry);

        // Revoking the parent revokes what it minted, down the line.
        var childSecret = childBody.GetProperty("secret").GetString();
        var grandchild = await fixture.App.ClientWithToken(childSecret).PostAsJsonAsync("/api/v1/tokens", new { name = "grandchild" }, Ct);
        var grandchildSecret = (await grandchild.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("secret").GetString();
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.ClientWithToken(grandchildSecret).GetAsync("/api/v1/me", Ct)).StatusCode);
        var parentId = parent.GetProperty("token").GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.ClientWithToken(token).DeleteAsync($"/api/v1/tokens/{parentId}", Ct)).StatusCode);
        foreach (var secret in new[] { parent.GetProperty("secret").GetString(), childSecret, grandchildSecret })
            Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.ClientWithToken(secret).GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.ClientWithToken(token).GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_member_directory_shows_security_flags_only_to_the_organisations_admins()
    {
        fixture.Require();
        var organisation = $"Dir{Guid.NewGuid():N}"[..14];
        var (member, _, _) = await NewMemberAsync(organisation, MemberRole.Analyst);
        var (_, adminToken, _) = await NewMemberAsync(organisation, MemberRole.Admin);
        var (_, partnerToken, _) = await NewMemberAsync($"Par{Guid.NewGuid():N}"[..14], MemberRole.Partner);
        var url = $"/api/v1/organisations/{member.OrganisationId}/members";
        var seen = (await fixture.App.ClientWithToken(partnerToken).GetFromJsonAsync<JsonElement>(url, Ct)).EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == member.Id);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("twoFactor").ValueKind);
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("lockedOut").ValueKind);
        var administered = (await fixture.App.ClientWithToken(adminToken).GetFromJsonAsync<JsonElement>(url, Ct)).EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == member.Id);
        Assert.False(administered.GetProperty("twoFactor").GetBoolean());
    }

    [Fact]
    public async Task Anonymous_catalogue_matches_are_rate_limited_by_address()
    {
        fixture.Require();
        await using var limited = new IsopApp(fixture.App.Database) { Settings = { [Isop.Catalogue.CatalogueServices.AnonymousMatchesSetting] = "3" } };
        var (_, token, _) = await limited.MemberAsync($"{Guid.NewGuid():N}@limit.test", "Limit", OrganisationKind.RightsHolder, MemberRole.Viewer);
        var anonymous = limited.ClientWithToken(null);
        var body = new { listings = new[] { "Some.Show.S01E02.1080p.WEB-DL" } };
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/catalogue/match", body, Ct)).StatusCode);
        var refused = await anonymous.PostAsJsonAsync("/api/v1/catalogue/match", body, Ct);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("sign in", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // A member is not limited by the anonymous budget.
        Assert.Equal(HttpStatusCode.OK, (await limited.ClientWithToken(token).PostAsJsonAsync("/api/v1/catalogue/match", body, Ct)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_e_mail_costs_the_same_password_hashing_as_a_known_one()
    {
        fixture.Require();
        var (member, _, password) = await NewMemberAsync("Timing", MemberRole.Analyst);
        var counting = new CountingHasher();
        await using var app = fixture.App.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddScoped<Microsoft.AspNetCore.Identity.IPasswordHasher<Member>>(_ => counting)));
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.LoginAsync(browser, $"{Guid.NewGuid():N}@nobody.test", "some password guess");
        Assert.Equal(1, counting.Verifications);
        await Forms.LoginAsync(browser, member.Email!, "a wrong password guess");
        Assert.Equal(2, counting.Verifications);
    }

    private sealed class CountingHasher : Microsoft.AspNetCore.Identity.IPasswordHasher<Member>
    {
        private readonly Microsoft.AspNetCore.Identity.PasswordHasher<Member> _inner = new();
        public int Verifications;
        public string HashPassword(Member user, string password) => _inner.HashPassword(user, password);
        public Microsoft.AspNetCore.Identity.PasswordVerificationResult VerifyHashedPassword(Member user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task An_expired_one_time_password_no_longer_signs_in()
    {
        fixture.Require();
        var (member, _, password) = await NewMemberAsync("Expiry", MemberRole.Analyst);
        await using (var db = fixture.App.SystemDb())
        {
            var stored = await db.Users.SingleAsync(m => m.Id == member.Id, Ct);
            Assert.InRange(stored.OneTimePasswordExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(2.9), DateTimeOffset.UtcNow.AddDays(3.1));
            stored.OneTimePasswordExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync(Ct);
        }
        var browser = Browser();
        var refused = await Forms.LoginAsync(browser, member.Email!, password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("one-time password has expired", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Who does not know the password learns nothing about it.
        var guessed = await Forms.LoginAsync(browser, member.Email!, password + "x");
        Assert.Contains("Invalid e-mail or password.", await guessed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("//evil.test/")]
    [InlineData("/\\evil.test")]
    [InlineData("https://evil.test/")]
    [InlineData("/%00")]
    [InlineData("/été?q=한국")]
    [InlineData("/Platforms?x=%E0%A4%A")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/ok/../../x")]
    public async Task Odd_return_urls_never_fail_and_never_leave_the_site(string returnUrl)
    {
        fixture.Require();
        var (member, _, password) = await NewMemberAsync("Return", MemberRole.Analyst);
        var browser = Browser();
        // A NUL character is refused as any text a database cannot keep: 400, not 500.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.GetAsync("/Account/Login?ReturnUrl=%00", Ct)).StatusCode);
        var page = await browser.GetAsync("/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var login = await Forms.PostAsync(browser, "/Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            new Dictionary<string, string> { ["Email"] = member.Email!, ["Password"] = password, ["ReturnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var location = login.Headers.Location!.OriginalString;
        Assert.StartsWith("/", location, StringComparison.Ordinal);
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
    }

    [Fact]
    public async Task Page_numbers_past_the_end_give_an_empty_page_not_a_500()
    {
        fixture.Require();
        var (_, token, _) = await NewMemberAsync("Paging", MemberRole.Analyst);
        var api = fixture.App.ClientWithToken(token);
        var created = await api.PostAsJsonAsync("/api/v1/platforms", new { name = $"Paged {Guid.NewGuid():N}", kind = "forum", domains = new[] { "paged.test" } }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        foreach (var url in new[] { "/api/v1/works", "/api/v1/platforms", $"/api/v1/platforms/{id}/runs", $"/api/v1/platforms/{id}/observations" })
        {
            var response = await api.GetAsync($"{url}?page=2147483647&pageSize=200", Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
            Assert.Empty((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("{\"name\": \"lap\\u0000top\"}", "NUL")]
    [InlineData("{\"name\": \"lap\\ud800top\"}", "Unicode")]
    [InlineData("{\"name\": \"laptop\", \"evil\": 1}", "evil")]
    public async Task Framework_bound_bodies_refuse_unknown_fields_and_text_no_database_keeps(string body, string why)
    {
        fixture.Require();
        var (_, token, _) = await NewMemberAsync("Bound", MemberRole.Analyst);
        var response = await fixture.App.ClientWithToken(token).PostAsync("/api/v1/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(why, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_may_not_import_is_refused_before_the_file_is_read()
    {
        fixture.Require();
        var (_, token, _) = await NewMemberAsync("Viewers", MemberRole.Viewer);
        var response = await fixture.App.ClientWithToken(token).PostAsync("/api/v1/catalogue/import?tlp=PURPLE", new StringContent("{\"works\": [{\"id\": 1}]}", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("works[0]", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_one_time_password_session_ends_when_the_password_expires()
    {
        fixture.Require();
        var (member, _, password) = await NewMemberAsync("OtpSession", MemberRole.Analyst);
        var browser = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.LoginAsync(browser, member.Email!, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Security", Ct)).StatusCode);
        await using (var db = fixture.App.SystemDb())
        {
            var stored = await db.Users.SingleAsync(m => m.Id == member.Id, Ct);
            stored.OneTimePasswordExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.SaveChangesAsync(Ct);
        }
        var after = await browser.GetAsync("/Account/Security", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery.Length > 0 && after.Headers.Location.IsAbsoluteUri ? after.Headers.Location.PathAndQuery : after.Headers.Location.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_are_for_this_machine_and_the_platforms_admins()
    {
        var remote = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        remote.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.10");
        Assert.False(Isop.Web.IsopServer.MetricsAllowed(remote));
        remote.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(IsopClaims.MemberId, Guid.NewGuid().ToString()), new(IsopClaims.OrganisationId, Guid.NewGuid().ToString()),
             new(IsopClaims.Role, "Admin"), new(IsopClaims.PlatformAdmin, "true")], "test"));
        Assert.True(Isop.Web.IsopServer.MetricsAllowed(remote));
        var local = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        local.Connection.RemoteIpAddress = System.Net.IPAddress.IPv6Loopback;
        Assert.True(Isop.Web.IsopServer.MetricsAllowed(local));
    }

    [Fact]
    public async Task A_RED_record_shared_with_one_named_member_is_theirs_alone_in_their_organisation()
    {
        fixture.Require();
        var other = $"Red{Guid.NewGuid():N}"[..14];
        var (_, ownerToken, _) = await NewMemberAsync($"Own{Guid.NewGuid():N}"[..14], MemberRole.Analyst);
        var (named, namedToken, _) = await NewMemberAsync(other, MemberRole.Partner);
        var (_, colleagueToken, _) = await NewMemberAsync(other, MemberRole.Admin);
        var name = $"Red site {Guid.NewGuid():N}";
        var created = await fixture.App.ClientWithToken(ownerToken).PostAsJsonAsync("/api/v1/platforms",
            new { name, kind = "forum", domains = new[] { "red.test" }, tlp = "RED", sharedWith = new { members = new[] { named.Id } } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        var mine = fixture.App.ClientWithToken(namedToken);
        Assert.Equal(HttpStatusCode.OK, (await mine.GetAsync($"/api/v1/platforms/{id}", Ct)).StatusCode);
        Assert.Equal(1, (await mine.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/count?q={Uri.EscapeDataString(name)}", Ct)).GetProperty("count").GetInt32());
        // Their organisation's admin, who administers their account, does not read what was shared with them by name.
        var colleague = fixture.App.ClientWithToken(colleagueToken);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/api/v1/platforms/{id}", Ct)).StatusCode);
        Assert.Equal(0, (await colleague.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/count?q={Uri.EscapeDataString(name)}", Ct)).GetProperty("count").GetInt32());
        Assert.DoesNotContain(name, await colleague.GetStringAsync("/api/v1/platforms/export", Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/api/v1/platforms/{id}/observations", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_non_owners_write_is_refused_even_when_it_would_change_nothing()
    {
        fixture.Require();
        var (_, ownerToken, _) = await NewMemberAsync($"Own{Guid.NewGuid():N}"[..14], MemberRole.Analyst);
        var (_, otherToken, _) = await NewMemberAsync($"Oth{Guid.NewGuid():N}"[..14], MemberRole.Analyst);
        var name = $"Green {Guid.NewGuid():N}";
        var created = await fixture.App.ClientWithToken(ownerToken).PostAsJsonAsync("/api/v1/platforms", new { name, kind = "forum", domains = new[] { "green.test" }, tlp = "GREEN" }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var other = fixture.App.ClientWithToken(otherToken);
        // The same values (a write that changes nothing), an empty body, a bad body: all refused, none validated.
        foreach (var body in new object[] { new { name, kind = "forum", domains = new[] { "green.test" }, tlp = "GREEN" }, new { }, new { kind = "warez" } })
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync($"/api/v1/platforms/{id}", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/v1/platforms/{id}/runs", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.DeleteAsync($"/api/v1/platforms/{id}", Ct)).StatusCode);
        // A platform the caller cannot see is not found, whatever the body.
        var (_, strangerToken, _) = await NewMemberAsync($"Str{Guid.NewGuid():N}"[..14], MemberRole.Analyst);
        var amber = await fixture.App.ClientWithToken(ownerToken).PostAsJsonAsync("/api/v1/platforms", new { name = name + " amber", kind = "forum", domains = new[] { "amber.test" } }, Ct);
        var hidden = (await amber.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.ClientWithToken(strangerToken).PutAsJsonAsync($"/api/v1/platforms/{hidden}", new { kind = "warez" }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Deleting_a_platform_keeps_its_evidence_and_says_so()
    {
        fixture.Require();
        var (member, token, password) = await NewMemberAsync($"Del{Guid.NewGuid():N}"[..14], MemberRole.Analyst);
        var created = await fixture.App.ClientWithToken(token).PostAsJsonAsync("/api/v1/platforms", new { name = $"Gone {Guid.NewGuid():N}", kind = "forum", domains = new[] { "gone.test" } }, Ct);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var evidence = Path.Combine(fixture.App.Services.GetRequiredService<MonitorSettings>().EvidenceRoot, id.ToString("N"));
        Directory.CreateDirectory(evidence);
        var warc = Path.Combine(evidence, "run.warc.gz");
        await File.WriteAllBytesAsync(warc, [1, 2, 3], Ct);
        var run = new CrawlRun { PlatformId = id, StartedAt = DateTimeOffset.UtcNow, Status = CrawlRunStatus.Completed, EvidenceFolder = $"{id:N}/run" };
        await using (var db = fixture.App.SystemDb())
        {
            db.CrawlRuns.Add(run);
            await db.SaveChangesAsync(Ct);
        }

        var browser = Browser();
        await Forms.SignInAsync(browser, member.Email!, password);
        var deleted = await Forms.PostAsync(browser, $"/Platforms/{id}", new Dictionary<string, string>(), $"/Platforms/{id}?handler=Delete");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        var list = await browser.GetStringAsync("/Platforms", Ct);
        Assert.Contains("evidence is kept", list, StringComparison.Ordinal);
        Assert.Contains(id.ToString("N"), list, StringComparison.Ordinal);
        Assert.True(File.Exists(warc));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.ClientWithToken(token).GetAsync($"/api/v1/platforms/{id}", Ct)).StatusCode);
        // The platform and its runs left through the audit log: verifying the records finds nothing amiss about them.
        await using (var db = fixture.App.SystemDb())
        {
            var differences = await Isop.Data.AuditRecords.DifferencesAsync(db, Ct, limit: 1000);
            Assert.DoesNotContain(differences, d => d.Contains(id.ToString(), StringComparison.Ordinal) || d.Contains(run.Id.ToString(), StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("{\"name\": \"Bad\\u0000Site\", \"kind\": \"forum\", \"domains\": [\"bad.test\"]}", "name", "NUL")]
    [InlineData("{\"name\": \"Bad\\ud800Site\", \"kind\": \"forum\", \"domains\": [\"bad.test\"]}", "name", "surrogate")]
    [InlineData("{\"name\": \"Site\", \"kind\": \"forum\", \"domains\": [\"bad.test\", \"x\\u0000.test\"]}", "domains[1]", "NUL")]
    public async Task Text_no_database_keeps_gets_a_400_naming_the_field(string body, string field, string why)
    {
        fixture.Require();
        var (_, token, _) = await NewMemberAsync("Texts", MemberRole.Analyst);
        var response = await fixture.App.ClientWithToken(token).PostAsync("/api/v1/platforms", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(why, problem.GetProperty("errors").GetProperty(field)[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_UTF8_and_NUL_in_forms_get_a_400_not_a_500()
    {
        fixture.Require();
        var (member, token, password) = await NewMemberAsync("Texts", MemberRole.Analyst);
        var api = fixture.App.ClientWithToken(token);
        var bytes = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}']);
        bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var invalid = await api.PostAsync("/api/v1/platforms", bytes, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("invalid UTF-8", problem.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);

        var browser = Browser();
        await Forms.SignInAsync(browser, member.Email!, password);
        var form = await Forms.PostAsync(browser, "/Platforms", new Dictionary<string, string> { ["name"] = "Bad\0Site", ["kind"] = "forum", ["domains"] = "bad.test", ["tlp"] = "AMBER" }, "/Platforms?handler=Create");
        Assert.True(form.StatusCode == HttpStatusCode.BadRequest, await form.Content.ReadAsStringAsync(Ct));
        Assert.Contains("NUL", await form.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
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

    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task A_one_time_password_session_may_only_replace_the_password()
    {
        fixture.Require();
        var (member, _, password) = await NewMemberAsync("Otp", MemberRole.Analyst);
        var browser = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await Forms.LoginAsync(browser, member.Email!, password)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.PostAsJsonAsync("/api/v1/platforms", new { name = "x", kind = "streaming-site", domains = new[] { "x.test" } }, Ct)).StatusCode);
        var form = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["name"] = "a", ["kind"] = "streaming-site", ["domains"] = "otp.test" }, "/Platforms?handler=Create");
        Assert.Equal(HttpStatusCode.Forbidden, form.StatusCode);
        var token = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["name"] = "sneaky" }, "/Account/Security?handler=Token");
        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        await using (var db = fixture.App.SystemDb())
            Assert.False(await db.ApiTokens.AnyAsync(t => t.MemberId == member.Id && t.Name == "sneaky", Ct));

        // Replacing it opens the session.
        var changed = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["current"] = password, ["next"] = password + "-mine" }, "/Account/Security?handler=Password");
        Assert.Contains("Password changed.", await changed.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Locking_a_member_ends_their_open_session()
    {
        fixture.Require();
        var (member, _, password) = await NewMemberAsync("Locks", MemberRole.Analyst);
        var (_, adminToken, _) = await NewMemberAsync("Locks", MemberRole.Admin);
        var browser = Browser();
        await Forms.SignInAsync(browser, member.Email!, password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Account/Security", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await fixture.App.ClientWithToken(adminToken).PostAsync($"/api/v1/admin/members/{member.Id}/lock", null, Ct)).StatusCode);
        var after = await browser.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/Login", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task Turning_two_factor_on_or_off_needs_the_current_password()
    {
        fixture.Require();
        var (member, _, password) = await NewMemberAsync("TwoFactor", MemberRole.Analyst);
        var browser = Browser();
        var mine = await Forms.SignInAsync(browser, member.Email!, password);
        var page = await browser.GetStringAsync("/Account/Security", Ct);
        var key = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"authenticator-key\">([A-Z2-7]+)<").Groups[1].Value;
        // Enrolling an authenticator needs the password too: a stolen session cannot enrol its own.
        var stolen = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["code"] = Forms.Totp(key, DateTimeOffset.UtcNow) }, "/Account/Security?handler=Enable");
        Assert.Contains("The current password is not right.", await stolen.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var on = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["code"] = Forms.Totp(key, DateTimeOffset.UtcNow), ["current"] = mine }, "/Account/Security?handler=Enable");
        Assert.Contains("recovery-codes", await on.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var refused = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["current"] = "not my password" }, "/Account/Security?handler=Disable");
        Assert.Contains("The current password is not right.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        await using (var db = fixture.App.SystemDb())
        {
            var stored = await db.Users.SingleAsync(m => m.Id == member.Id, Ct);
            Assert.True(stored.TwoFactorEnabled);
            Assert.Equal(1, stored.AccessFailedCount);
        }
        var off = await Forms.PostAsync(browser, "/Account/Security", new Dictionary<string, string> { ["current"] = mine }, "/Account/Security?handler=Disable");
        Assert.Contains("Two-factor authentication is off.", await off.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    /// <summary>
    /// A CLEAR platform of one organisation, on which listings were recognised as (or abstained on) its AMBER work: the
    /// recognition is derived from that work, so nobody else learns of it — not from a reason, a confidence, a filter,
    /// a count on the dashboard or the platform list, nor a run's counter.
    /// </summary>
    [Fact]
    public async Task Recognitions_carry_the_TLP_of_the_works_they_speak_of()
    {
        fixture.Require();
        var owner = $"Owner{Guid.NewGuid():N}"[..16];
        var (ownerMember, ownerToken, ownerPassword) = await NewMemberAsync(owner, MemberRole.Analyst);
        var (otherMember, otherToken, otherPassword) = await NewMemberAsync($"Other{Guid.NewGuid():N}"[..16], MemberRole.Analyst);
        var ownerApi = fixture.App.ClientWithToken(ownerToken);
        var otherApi = fixture.App.ClientWithToken(otherToken);
        var anonymous = fixture.App.ClientWithToken(null);

        var externalId = $"secret-{Guid.NewGuid():N}";
        var work = await ownerApi.PostAsJsonAsync("/api/v1/works", JsonDocument.Parse(
            $$"""{"id": "{{externalId}}", "kind": "series", "episodes": 16, "titles": [{"text": "Quiet Orchard", "lang": "en"}], "tlp": "AMBER"}""").RootElement, Ct);
        Assert.Equal(HttpStatusCode.Created, work.StatusCode);
        var workId = (await work.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var created = await ownerApi.PostAsJsonAsync("/api/v1/platforms", new { name = $"Open site {Guid.NewGuid():N}", kind = "streaming-site", domains = new[] { "open-site.test" }, tlp = "CLEAR" }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var platformId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        // What a monitoring run stores: one listing matched, one abstained on (its reasons name the work), one unknown.
        var now = DateTimeOffset.UtcNow;
        await using (var db = fixture.App.SystemDb())
        {
            var run = new CrawlRun { PlatformId = platformId, StartedAt = now, Status = CrawlRunStatus.Completed, EvidenceFolder = "x", Pages = 3, Listings = 3, Matched = 1, New = 3 };
            db.CrawlRuns.Add(run);
            await db.SaveChangesAsync(Ct);
            var empty = new Dictionary<string, long>();
            await ObservationStore.UpsertAsync(db, platformId, run.Id, now, [
                new ObservationInput("Quiet.Orchard.E05.720p.WEB", "http://open-site.test/1", null, "page", null, "http://open-site.test/", workId, 1, 5, 0.93,
                    [new MatchReason("title.lang", "Quiet Orchard", "en"), new MatchReason("episode-within", 5, 16)], empty, null, null, null, workId),
                new ObservationInput("Quiet Orchard E40", "http://open-site.test/2", null, "page", null, "http://open-site.test/", null, null, null, 0.4,
                    [new MatchReason("rejected.episode-beyond", 40, 16, externalId), new MatchReason("abstained.low", 0.7)], empty, null, null, null, workId),
                new ObservationInput("Another Show E01", "http://open-site.test/3", null, "page", null, "http://open-site.test/", null, null, null, 0,
                    [new MatchReason("none.title")], empty, null, null, null),
            ], Ct);
        }

        // The owner sees what was recognised, and why.
        var mine = await ownerApi.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/observations", Ct);
        Assert.Equal(3, mine.GetProperty("total").GetInt32());
        Assert.Contains(mine.GetProperty("items").EnumerateArray(), o => o.GetProperty("workId").ValueKind == JsonValueKind.String);
        Assert.Contains(externalId, mine.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("no catalogue title appears in the listing", mine.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(1, (await ownerApi.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/observations?matched=true", Ct)).GetProperty("total").GetInt32());
        Assert.Equal(1, (await ownerApi.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/runs", Ct)).GetProperty("items")[0].GetProperty("matched").GetInt32());

        foreach (var (who, client) in new[] { ("another organisation", otherApi), ("an anonymous caller", anonymous) })
        {
            var seen = await client.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/observations", Ct);
            Assert.True(seen.GetProperty("total").GetInt32() == 3, who); // the listings are the platform's, and it is CLEAR
            foreach (var o in seen.GetProperty("items").EnumerateArray())
            {
                Assert.True(o.GetProperty("workId").ValueKind == JsonValueKind.Null, who);
                // Outside the owner, an unrecognised listing shows no reasons either: a hidden recognition looks the same.
                Assert.True(o.GetProperty("reasons").ValueKind == JsonValueKind.Null, who);
                Assert.True(o.GetProperty("confidence").GetDouble() == 0, who);
                Assert.True(o.GetProperty("season").ValueKind == JsonValueKind.Null && o.GetProperty("episode").ValueKind == JsonValueKind.Null, who);
            }
            Assert.DoesNotContain(externalId, seen.GetRawText(), StringComparison.Ordinal);
            Assert.True((await client.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/observations?matched=true", Ct)).GetProperty("total").GetInt32() == 0, who);
            Assert.True((await client.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/observations?matched=false", Ct)).GetProperty("total").GetInt32() == 3, who);
            var run = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}/runs", Ct)).GetProperty("items")[0];
            Assert.True(run.GetProperty("matched").ValueKind == JsonValueKind.Null, who);
            Assert.True(run.GetProperty("listings").GetInt32() == 3, who);
        }

        // Pages: the platform's counts and chart, the platform list and the dashboard.
        async Task<HttpClient> SignedInAsync(Member member, string password)
        {
            var browser = Browser();
            await Forms.SignInAsync(browser, member.Email!, password);
            return browser;
        }
        var ownerPages = await SignedInAsync(ownerMember, ownerPassword);
        var otherPages = await SignedInAsync(otherMember, otherPassword);
        Assert.Contains("data-testid=\"matched-count\">1<", await ownerPages.GetStringAsync($"/Platforms/{platformId}", Ct), StringComparison.Ordinal);
        var detail = await otherPages.GetStringAsync($"/Platforms/{platformId}", Ct);
        Assert.Contains("data-testid=\"matched-count\">0<", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(externalId, detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\"matched\":[1]", detail, StringComparison.Ordinal);
        var list = await otherPages.GetStringAsync("/Platforms", Ct);
        Assert.Matches(@"Open site[^<]*</a></td>(\s*<td>[^<]*</td>){3}\s*<td>3</td><td>0</td>", list);
        Assert.Contains("data-testid=\"recognised-count\">0<", await otherPages.GetStringAsync("/", Ct), StringComparison.Ordinal);
    }
}

public sealed class SqliteSecurityFindingsTests(SqliteApp app) : SecurityFindingsTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSecurityFindingsTests(PostgresApp app) : SecurityFindingsTests(app), IClassFixture<PostgresApp>;
