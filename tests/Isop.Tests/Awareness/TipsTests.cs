using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Isop.Access;
using Isop.Awareness;
using Isop.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Isop.Tests.Awareness;

/// <summary>A server that takes tips at once (no wait after the token) with a light proof of work.</summary>
public abstract class TipsAppBase(Provider provider, PostgresServer postgres) : AppFixture(provider, postgres)
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Isop:Public:TipMinSeconds"] = "0",
        ["Isop:Public:TipDifficulty"] = "8",
        ["Isop:Public:TipsPerHour"] = "1000",
    });
}

public sealed class SqliteTipsApp(PostgresServer postgres) : TipsAppBase(Provider.Sqlite, postgres);

public sealed class PostgresTipsApp(PostgresServer postgres) : TipsAppBase(Provider.Postgres, postgres);

/// <summary>
/// Tips from the public, on SQLite and PostgreSQL: sent with a token and its proof, answered the same whatever is known
/// of the site, merged while they wait, seen only by the receiving organisation, accepted (a platform to monitor) or
/// rejected, in the audit log.
/// </summary>
public abstract partial class TipsTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private async Task<HttpClient> SecretariatAsync(MemberRole role = MemberRole.Analyst)
    {
        await fixture.App.FirstAdminAsync(Ct);
        var member = await fixture.App.MemberAsync($"{Unique}@secretariat.test", Accounts.DefaultOrganisation, OrganisationKind.Secretariat, role);
        return fixture.App.ClientWithToken(member.Token);
    }

    private async Task<HttpResponseMessage> SendAsync(object tip)
    {
        var challenge = await fixture.Anonymous.GetFromJsonAsync<JsonElement>("/api/public/v1/tips/challenge", Ct);
        var token = challenge.GetProperty("token").GetString()!;
        var body = JsonSerializer.SerializeToElement(tip).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body.TryAdd("token", token);
        body.TryAdd("solution", TipChallenge.Solve(token, challenge.GetProperty("difficulty").GetInt32()));
        return await fixture.Anonymous.PostAsJsonAsync("/api/public/v1/tips", body, Ct);
    }

    private static async Task<List<JsonElement>> TipsAsync(HttpClient client, string host, string state = "new")
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/tips?state={state}&pageSize=200", Ct);
        return [.. page.GetProperty("items").EnumerateArray().Where(t => t.GetProperty("host").GetString() == host)];
    }

    [Fact]
    public async Task A_tip_reaches_the_secretariats_queue_only_and_reports_of_the_same_site_are_counted_on_it()
    {
        fixture.Require();
        var secretariat = await SecretariatAsync();
        var host = $"tip-{Unique}.test";
        var sent = await SendAsync(new { url = $"https://www.{host.ToUpperInvariant()}/watch?v=1", kind = "streaming-site", details = "Korean dramas, <b>free</b>", contact = "viewer@mail.test", language = "ko" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal("*", sent.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var receipt = await sent.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(receipt.GetProperty("received").GetBoolean());
        Assert.Contains("감사합니다", receipt.GetProperty("message").GetString(), StringComparison.Ordinal);

        var tip = Assert.Single(await TipsAsync(secretariat, host));
        Assert.Equal("streaming-site", tip.GetProperty("kind").GetString());
        Assert.Equal("Korean dramas, <b>free</b>", tip.GetProperty("details").GetString());
        Assert.Equal("viewer@mail.test", tip.GetProperty("contact").GetString());
        Assert.Equal("AMBER+STRICT", tip.GetProperty("tlp").GetString());
        Assert.Equal(1, tip.GetProperty("reports").GetInt32());

        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new { url = host })).StatusCode);
        Assert.Equal(2, Assert.Single(await TipsAsync(secretariat, host)).GetProperty("reports").GetInt32());

        // Another organisation's analyst sees no tip, not even by its id; the public no queue at all.
        var id = tip.GetProperty("id").GetString();
        Assert.Empty(await TipsAsync(fixture.Analyst, host));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.GetAsync($"/api/v1/tips/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Analyst.PostAsync($"/api/v1/tips/{id}/reject", Json("""{"reason":"x"}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/v1/tips", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_sender_hears_the_same_whatever_Isop_knows_of_the_site()
    {
        fixture.Require();
        var known = $"known-{Unique}.test";
        var created = await fixture.Analyst.PostAsync("/api/v1/platforms", Json($$"""{"name":"Hidden {{Unique}}","domains":["{{known}}"],"tlp":"RED"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        async Task<string> ObservedAsync(string url)
        {
            var response = await SendAsync(new { url, language = "fr" });
            var headers = response.Headers.Concat(response.Content.Headers).Where(h => h.Key != "Date").OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}: {string.Join(",", h.Value)}");
            return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{await response.Content.ReadAsStringAsync(Ct)}";
        }
        Assert.Equal(await ObservedAsync($"unknown-{Unique}.test"), await ObservedAsync(known));
    }

    [Fact]
    public async Task A_robot_that_fills_the_hidden_field_is_thanked_and_nothing_is_kept()
    {
        fixture.Require();
        var secretariat = await SecretariatAsync();
        var host = $"robot-{Unique}.test";
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new { url = host, website = "http://spam.test" })).StatusCode);
        Assert.Empty(await TipsAsync(secretariat, host));
    }

    [Theory]
    [InlineData("""{"url":"not a site at all"}""", "url")]
    [InlineData("""{"url":"ftp://files.test/x"}""", "url")]
    [InlineData("""{"url":"site.test","contact":"nobody"}""", "contact")]
    [InlineData("""{"url":"site.test","kind":"casino"}""", "kind")]
    [InlineData("""{"url":"site.test","language":"de"}""", "language")]
    [InlineData("""{"url":"site.test","details":"a\u0000b"}""", "details")]
    [InlineData("""{"url":"site.test","colour":"red"}""", "colour")]
    [InlineData("""{"url":"site.test"}""", "token")]
    [InlineData("""{"url":"site.test","token":"forged"}""", "token")]
    [InlineData("""[1]""", "$")]
    public async Task A_bad_tip_is_refused_with_the_field_named(string json, string field)
    {
        fixture.Require();
        var response = await fixture.Anonymous.PostAsync("/api/public/v1/tips", Json(json), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task A_details_field_of_a_megabyte_is_refused_and_the_server_keeps_answering()
    {
        fixture.Require();
        var response = await SendAsync(new { url = $"big-{Unique}.test", details = new string('x', 1_000_000) });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Anonymous.GetAsync("/api/public/v1/tips/challenge", Ct)).StatusCode);
    }

    [Fact]
    public async Task Accepting_makes_a_monitored_platform_rejecting_needs_a_reason_and_both_are_audited()
    {
        fixture.Require();
        var secretariat = await SecretariatAsync();
        var host = $"accept-{Unique}.test";
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new { url = $"https://{host}/drama/1", kind = "torrent-index" })).StatusCode);
        var id = Assert.Single(await TipsAsync(secretariat, host)).GetProperty("id").GetString();

        // A viewer of the receiving organisation may read, not decide.
        var viewer = await SecretariatAsync(MemberRole.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsync($"/api/v1/tips/{id}/accept", Json("{}"), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostAsync($"/api/v1/tips/{id}/accept", Json("""{"kind":"casino"}"""), Ct)).StatusCode);

        var accepted = await secretariat.PostAsync($"/api/v1/tips/{id}/accept", Json("""{"name":"Drama torrents"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var view = await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("accepted", view.GetProperty("state").GetString());
        var platformId = view.GetProperty("platformId").GetGuid();
        var platform = await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{platformId}", Ct);
        Assert.Equal("Drama torrents", platform.GetProperty("name").GetString());
        Assert.Equal("torrent-index", platform.GetProperty("kind").GetString());
        Assert.Equal("AMBER", platform.GetProperty("tlp").GetString());
        Assert.Contains(platform.GetProperty("domains").EnumerateArray(), d => (d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetProperty("name").GetString()) == host);
        await using (var db = fixture.App.SystemDb())
        {
            var stored = await db.Platforms.AsNoTracking().SingleAsync(p => p.Id == platformId, Ct);
            Assert.True(stored.Monitor.Enabled);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostAsync($"/api/v1/tips/{id}/reject", Json("""{"reason":"late"}"""), Ct)).StatusCode);

        // A second site: rejected, with its reason required.
        var other = $"reject-{Unique}.test";
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new { url = other })).StatusCode);
        var otherId = Assert.Single(await TipsAsync(secretariat, other)).GetProperty("id").GetString();
        var noReason = await secretariat.PostAsync($"/api/v1/tips/{otherId}/reject", Json("{}"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PostAsync($"/api/v1/tips/{otherId}/reject", Json("""{"reason":"A news site, not piracy"}"""), Ct)).StatusCode);
        var rejected = Assert.Single(await TipsAsync(secretariat, other, "rejected"));
        Assert.Equal("A news site, not piracy", rejected.GetProperty("reason").GetString());

        await using (var db = fixture.App.SystemDb())
        {
            var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == "tip" && (a.EntityId == id || a.EntityId == otherId)).OrderBy(a => a.Sequence).ToListAsync(Ct);
            Assert.Equal(["create", "update", "create", "update"], audit.Select(a => a.Action));
            Assert.Contains(audit, a => a.Changes.Contains("Accepted", StringComparison.Ordinal));
            Assert.Contains(audit, a => a.Changes.Contains("Rejected", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_tip_of_a_known_platform_is_linked_to_it_and_one_of_a_legitimate_service_cannot_be_accepted()
    {
        fixture.Require();
        var secretariat = await SecretariatAsync();
        var host = $"linked-{Unique}.test";
        var created = await secretariat.PostAsync("/api/v1/platforms", Json($$"""{"name":"Known {{Unique}}","domains":["{{host}}"]}"""), Ct);
        var known = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new { url = $"https://m.{host}/x" })).StatusCode);
        var tip = Assert.Single(await TipsAsync(secretariat, $"m.{host}"));
        Assert.Equal(known, tip.GetProperty("knownPlatformId").GetGuid());
        // No body at all: every field of an acceptance is optional.
        var accepted = await secretariat.PostAsync($"/api/v1/tips/{tip.GetProperty("id").GetString()}/accept", null, Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(known, (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("platformId").GetGuid());

        // The allow-list: legitimate services are never acted on.
        var legal = $"legal-{Unique}.test";
        await using (var db = fixture.App.SystemDb())
        {
            db.AllowedDomains.Add(new Isop.Enforcement.AllowedDomain { Name = legal, Reason = "Legal TV", AddedBy = "test", AddedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(new { url = legal })).StatusCode);
        var legalTip = Assert.Single(await TipsAsync(secretariat, legal));
        Assert.True(legalTip.GetProperty("allowListed").GetBoolean());
        var refused = await secretariat.PostAsync($"/api/v1/tips/{legalTip.GetProperty("id").GetString()}/accept", Json("{}"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("allow-list", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_form_takes_a_tip_in_the_readers_language_and_the_triage_page_accepts_it()
    {
        fixture.Require();
        var host = $"form-{Unique}.test";
        var request = new HttpRequestMessage(HttpMethod.Get, "/report");
        request.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var page = await (await fixture.Anonymous.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains("Signaler un site pirate", page, StringComparison.Ordinal);
        var token = TokenField().Match(page).Groups[1].Value;
        var antiforgery = Antiforgery().Match(page).Groups[1].Value;
        Assert.NotEmpty(token);
        var form = new Dictionary<string, string>
        {
            ["url"] = $"https://{host}/", ["Kind"] = "", ["Details"] = "\"><script>alert(1)</script>", ["Contact"] = "", ["Website"] = "",
            ["Token"] = WebUtility.HtmlDecode(token), ["Solution"] = TipChallenge.Solve(WebUtility.HtmlDecode(token), 8),
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery),
        };
        var post = new HttpRequestMessage(HttpMethod.Post, "/report") { Content = new FormUrlEncodedContent(form) };
        post.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var sent = await fixture.Anonymous.SendAsync(post, Ct);
        var body = await sent.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("data-testid=\"received\"", body, StringComparison.Ordinal);
        Assert.Contains("Merci.", body, StringComparison.Ordinal);

        // The same token again: refused, in French, nothing kept twice.
        var again = new HttpRequestMessage(HttpMethod.Post, "/report") { Content = new FormUrlEncodedContent(form) };
        again.Headers.AcceptLanguage.ParseAdd("fr-FR");
        var twice = await fixture.Anonymous.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("Le formulaire a expiré", await twice.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var secretariat = await SecretariatAsync();
        var tip = Assert.Single(await TipsAsync(secretariat, host));
        Assert.Equal(1, tip.GetProperty("reports").GetInt32());
        Assert.Equal("fr", tip.GetProperty("language").GetString());

        // The triage page shows the hostile details as text, and accepts.
        var (member, _, password) = await fixture.App.MemberAsync($"{Unique}@secretariat.test", Accounts.DefaultOrganisation, OrganisationKind.Secretariat, MemberRole.Analyst);
        var browser = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await Forms.SignInAsync(browser, member.Email!, password);
        var queue = await browser.GetStringAsync("/Tips", Ct);
        Assert.Contains(host, queue, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", queue, StringComparison.Ordinal);
        var accepted = await Forms.PostAsync(browser, "/Tips", new Dictionary<string, string>
        {
            ["id"] = tip.GetProperty("id").GetString()!, ["name"] = "Form site", ["kind"] = "streaming-site", ["tlp"] = "GREEN", ["monitor"] = "true",
        }, "/Tips?handler=Accept");
        Assert.Contains("data-testid=\"message\"", await accepted.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("GREEN", (await secretariat.GetFromJsonAsync<JsonElement>($"/api/v1/platforms/{Assert.Single(await TipsAsync(secretariat, host, "accepted")).GetProperty("platformId").GetString()}", Ct)).GetProperty("tlp").GetString());
    }

    [GeneratedRegex("name=\"Token\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}

public sealed class SqliteTipsTests(SqliteTipsApp app) : TipsTests(app), IClassFixture<SqliteTipsApp>;

public sealed class PostgresTipsTests(PostgresTipsApp app) : TipsTests(app), IClassFixture<PostgresTipsApp>;

/// <summary>A server that takes two tips an hour from one address.</summary>
public sealed class TipLimitApp(PostgresServer postgres) : AppFixture(Provider.Sqlite, postgres)
{
    protected override Task<Dictionary<string, string?>> SettingsAsync() => Task.FromResult(new Dictionary<string, string?>
    {
        ["Isop:Public:TipMinSeconds"] = "0",
        ["Isop:Public:TipDifficulty"] = "4",
        ["Isop:Public:TipsPerHour"] = "2",
        ["Isop:Public:MaxOpenTips"] = "1",
        ["Isop:Public:RateLimitExempt:0"] = "127.0.0.9",
    });
}

/// <summary>Each address's allowance of tips: a clear 429 with Retry-After, on the API and the form alike; configuration exempts an address.</summary>
public sealed class TipLimitTests(TipLimitApp fixture) : IClassFixture<TipLimitApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_address_sends_its_allowance_then_hears_when_to_send_again()
    {
        await using var server = fixture.App.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddTransient<IStartupFilter, TestClientAddress>()));
        var client = server.CreateClient();
        async Task<HttpResponseMessage> SendAsync(string address, string url = "limited.test")
        {
            var ask = new HttpRequestMessage(HttpMethod.Get, "/api/public/v1/tips/challenge");
            ask.Headers.Add(TestClientAddress.Header, address);
            var token = (await (await client.SendAsync(ask, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
            var send = new HttpRequestMessage(HttpMethod.Post, "/api/public/v1/tips") { Content = JsonContent.Create(new { url, token, solution = TipChallenge.Solve(token, 4) }) };
            send.Headers.Add(TestClientAddress.Header, address);
            return await client.SendAsync(send, Ct);
        }
        // A typing mistake costs nothing of the allowance.
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("127.0.0.8", "not a site")).StatusCode);
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("127.0.0.8")).StatusCode);
        var refused = await SendAsync("127.0.0.8");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3600);
        Assert.Contains("2 tips an hour", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("*", refused.Headers.GetValues("Access-Control-Allow-Origin").Single());
        // Another address has its own allowance; the exempted one none.
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("127.0.0.10")).StatusCode);
        for (var i = 0; i < 4; i++) Assert.Equal(HttpStatusCode.Accepted, (await SendAsync("127.0.0.9")).StatusCode);
    }

    [Fact]
    public async Task A_full_queue_drops_new_sites_and_the_sender_hears_what_every_sender_hears()
    {
        var client = fixture.App.CreateClient();
        async Task<HttpResponseMessage> SendAsync(string url)
        {
            var token = (await client.GetFromJsonAsync<JsonElement>("/api/public/v1/tips/challenge", Ct)).GetProperty("token").GetString()!;
            return await client.PostAsJsonAsync("/api/public/v1/tips", new { url, token, solution = TipChallenge.Solve(token, 4) }, Ct);
        }
        var first = $"first-{Guid.NewGuid():N}.test";
        var dropped = $"dropped-{Guid.NewGuid():N}.test";
        var one = await SendAsync(first);
        var two = await SendAsync(dropped);
        Assert.Equal(HttpStatusCode.Accepted, one.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, two.StatusCode);
        Assert.Equal(await one.Content.ReadAsStringAsync(Ct), await two.Content.ReadAsStringAsync(Ct));
        await using var db = fixture.App.SystemDb();
        Assert.Equal(1, await db.Tips.CountAsync(t => t.State == TipState.New, Ct));
        Assert.False(await db.Tips.AnyAsync(t => t.Host == dropped, Ct));
    }
}
