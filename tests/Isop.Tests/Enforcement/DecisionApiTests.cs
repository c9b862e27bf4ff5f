using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Operations;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Enforcement;

/// <summary>
/// Blocking decisions, the allow-list and the blocklists through the API: names of decided platforms and their
/// successors, serials and ETags that change with what the caller sees and only then, TLP on every row.
/// </summary>
public abstract class DecisionApiTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private async Task<(Guid Id, string[] Domains)> PlatformAsync(HttpClient client, string tlp = "AMBER", Guid? sharedWith = null, params string[] domains)
    {
        var shares = sharedWith is { } org ? $$""","sharedWith":{"organisations":["{{org}}"],"members":[]}""" : "";
        var response = await client.PostAsync("/api/v1/platforms",
            Json($$"""{"name":"Toonkor {{Unique}}","kind":"streaming-site","domains":{{JsonSerializer.Serialize(domains)}},"tlp":"{{tlp}}"{{shares}}}"""), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return ((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid(), domains);
    }

    private static async Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid platform, string jurisdiction, string extra = "") =>
        await client.PostAsync("/api/v1/decisions",
            Json($$"""{"platformId":"{{platform}}","jurisdiction":"{{jurisdiction}}","basis":"Korean Copyright Act art. 103; KCSC order 2026-11","decidedBy":"KCSC"{{extra}}}"""), Ct);

    private static async Task<JsonElement> ListAsync(HttpClient client, string jurisdiction) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/blocklists/{jurisdiction}", Ct);

    /// <summary>An analyst of a police unit: public authorities record blocking decisions.</summary>
    private async Task<HttpClient> PoliceAsync()
    {
        var member = await fixture.App.MemberAsync($"analyst-{Unique}@police.test", "Cyber Police", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        return fixture.App.ClientWithToken(member.Token);
    }

    private static string[] Domains(JsonElement list) => [.. list.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("domain").GetString()!)];

    [Fact]
    public async Task A_decision_puts_every_domain_in_the_blocklist_whose_serial_and_ETag_change_with_it()
    {
        fixture.Require();
        var id = Unique;
        var police = await PoliceAsync();
        var (platform, domains) = await PlatformAsync(police, "AMBER", null, $"toonkor-{id}.test", $"www.toonkor-{id}.test", $"mirror-{id}.test");
        // A rights holder may not put names into every ISP's list: public authorities record decisions.
        var (studioPlatform, _) = await PlatformAsync(fixture.Analyst, "AMBER", null, $"studio-{id}.test");
        var refused = await DecideAsync(fixture.Analyst, studioPlatform, "KR");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("public authorities", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var created = await DecideAsync(police, platform, "kr", ""","until":"2030-01-01" """);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var decision = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("KR", decision.GetProperty("jurisdiction").GetString());
        Assert.Equal("AMBER", decision.GetProperty("tlp").GetString());
        Assert.True(decision.GetProperty("inForce").GetBoolean());

        var list = await ListAsync(police, "KR");
        Assert.Superset(domains.ToHashSet(), Domains(list).ToHashSet());
        Assert.Equal("AMBER", list.GetProperty("tlp").GetString());
        var serial = list.GetProperty("serial").GetUInt32();
        Assert.True(serial > 0);

        var rpz = await police.GetAsync("/api/v1/blocklists/KR.rpz", Ct);
        Assert.Equal(HttpStatusCode.OK, rpz.StatusCode);
        Assert.Equal("text/dns", rpz.Content.Headers.ContentType?.MediaType);
        var zone = await rpz.Content.ReadAsStringAsync(Ct);
        Assert.Contains($"@ IN SOA localhost. hostmaster.localhost. {serial} ", zone, StringComparison.Ordinal);
        Assert.Contains($"\nmirror-{id}.test CNAME .\n*.mirror-{id}.test CNAME .\n", zone, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", zone.Split('\n')[0], StringComparison.Ordinal);
        var etag = rpz.Headers.ETag!;
        Assert.False(etag.IsWeak);

        // Unchanged: 304 with the same validator, and the same serial.
        var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/blocklists/KR.rpz");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await police.SendAsync(again, Ct);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(serial, (await ListAsync(police, "KR")).GetProperty("serial").GetUInt32());
        var since = new HttpRequestMessage(HttpMethod.Get, "/api/v1/blocklists/KR.rpz");
        since.Headers.IfModifiedSince = rpz.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await police.SendAsync(since, Ct)).StatusCode);

        foreach (var (file, type, line) in new[] { ("KR.hosts", "text/plain", $"0.0.0.0 mirror-{id}.test"), ("KR.txt", "text/plain", $"mirror-{id}.test"), ("KR.csv", "text/csv", $"\"mirror-{id}.test\",") })
        {
            var response = await police.GetAsync($"/api/v1/blocklists/{file}", Ct);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
            Assert.Contains(line, await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        Assert.Contains($"\nmirror-{id}.test\n", await police.GetStringAsync("/api/v1/blocklists/KR?format=domains", Ct), StringComparison.Ordinal);

        // Revoked: the names leave, the serial grows, the old validator no longer matches.
        var revoked = await police.PostAsync($"/api/v1/decisions/{decision.GetProperty("id").GetGuid()}/revoke", Json("""{"reason":"order lifted on appeal"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        Assert.False((await revoked.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("inForce").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await police.PostAsync($"/api/v1/decisions/{decision.GetProperty("id").GetGuid()}/revoke", null, Ct)).StatusCode);
        var changed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/blocklists/KR.rpz");
        changed.Headers.IfNoneMatch.Add(etag);
        var after = await police.SendAsync(changed, Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(etag, after.Headers.ETag);
        var sinceBefore = new HttpRequestMessage(HttpMethod.Get, "/api/v1/blocklists/KR.rpz");
        sinceBefore.Headers.IfModifiedSince = rpz.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.OK, (await police.SendAsync(sinceBefore, Ct)).StatusCode);
        Assert.True(after.Content.Headers.LastModified > rpz.Content.Headers.LastModified);
        Assert.DoesNotContain($"mirror-{id}.test", await after.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True((await ListAsync(police, "KR")).GetProperty("serial").GetUInt32() > serial);

        // The stable URL is for members and their tokens only, and a wrong name is told what is expected.
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/v1/blocklists/KR.rpz", Ct)).StatusCode);
        var wrong = await police.GetAsync("/api/v1/blocklists/KR.zip", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("expected JURISDICTION or JURISDICTION.", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True((await (await police.GetAsync("/api/v1/blocklists/KOR", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("jurisdiction", out _));
        // Jurisdictions are ISO 3166-1 codes, or EU; a code that only looks like one is refused with the right one named.
        Assert.Equal(HttpStatusCode.OK, (await police.GetAsync("/api/v1/blocklists/EU.rpz", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await police.GetAsync("/api/v1/blocklists/XX", Ct)).StatusCode);
        var uk = await (await police.GetAsync("/api/v1/blocklists/UK.txt", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("expected an ISO 3166-1 code: the United Kingdom's is GB, not UK", uk.GetProperty("errors").GetProperty("jurisdiction")[0].GetString());
        // A query parameter of the wrong kind is named, with what was expected, and no C# type.
        var maybe = await police.GetAsync("/api/v1/decisions?active=maybe", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, maybe.StatusCode);
        Assert.Equal("active: expected true or false, got \"maybe\".", (await maybe.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
        var jurisdictions = await police.GetFromJsonAsync<JsonElement>("/api/v1/blocklists", Ct);
        Assert.Contains(jurisdictions.EnumerateArray(), j => j.GetProperty("jurisdiction").GetString() == "KR");
    }

    [Fact]
    public async Task A_wrong_decision_is_refused_with_each_field_named_and_an_unseen_platform_is_as_unknown_as_a_missing_one()
    {
        fixture.Require();
        var police = await PoliceAsync();
        var (platform, _) = await PlatformAsync(police, "AMBER", null, $"wrong-{Unique}.test");
        var bad = await police.PostAsync("/api/v1/decisions",
            Json($$"""{"platformId":"{{platform}}","jurisdiction":"Korea","basis":"","decidedAt":"yesterday","until":"2020-01-01","tlp":"CLEAR","colour":"red"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        foreach (var field in new[] { "jurisdiction", "basis", "decidedBy", "decidedAt", "tlp", "colour" })
            Assert.True(errors.TryGetProperty(field, out _), $"{field} not named in {errors}");
        Assert.Contains("TLP:AMBER or stricter", errors.GetProperty("tlp")[0].GetString(), StringComparison.Ordinal);
        var early = await DecideAsync(police, platform, "KR", ""","decidedAt":"2026-11-01","until":"2026-10-01" """);
        Assert.Equal("must be after the decision", (await early.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("until")[0].GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(fixture.Viewer, platform, "KR")).StatusCode);

        // Another organisation's platform it may not see, and a platform that does not exist, get the same answer.
        var other = await fixture.App.MemberAsync($"analyst-{Unique}@ncb.test", $"NCB {Unique}", OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        var otherClient = fixture.App.ClientWithToken(other.Token);
        var unseen = await (await DecideAsync(otherClient, platform, "KR")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var missing = await (await DecideAsync(otherClient, Guid.Empty, "KR")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(missing.GetProperty("errors").GetProperty("platformId")[0].GetString()!.Replace(Guid.Empty.ToString(), "", StringComparison.Ordinal),
            unseen.GetProperty("errors").GetProperty("platformId")[0].GetString()!.Replace(platform.ToString(), "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_allow_list_is_kept_by_platform_admins_and_refuses_a_decision_on_a_covered_domain()
    {
        fixture.Require();
        var id = Unique;
        var admin = await fixture.App.MemberAsync($"admin-{id}@secretariat.test", "I-SOP Secretariat", OrganisationKind.Secretariat, MemberRole.Admin);
        var adminClient = fixture.App.ClientWithToken(admin.Token);
        var police = await PoliceAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.PostAsync("/api/v1/allow-list", Json($$"""{"domain":"licensed-{{id}}.test"}"""), Ct)).StatusCode);
        var added = await adminClient.PostAsync("/api/v1/allow-list", Json($$"""{"domain":"Licensed-{{id}}.TEST.","reason":"licensed streaming service"}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal($"licensed-{id}.test", (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("domain").GetString());
        Assert.Equal(HttpStatusCode.OK, (await adminClient.PostAsync("/api/v1/allow-list", Json($$"""{"domain":"licensed-{{id}}.test"}"""), Ct)).StatusCode);
        var bad = await adminClient.PostAsync("/api/v1/allow-list", Json("""{"domain":"https://x.test/page"}"""), Ct);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("domain", out _));
        var entries = await fixture.Analyst.GetFromJsonAsync<JsonElement>("/api/v1/allow-list", Ct);
        Assert.Contains(entries.EnumerateArray(), e => e.GetProperty("domain").GetString() == $"licensed-{id}.test");

        // A platform with a domain under it cannot be decided against: 409, naming the domain, the entry and its reason.
        var (platform, _) = await PlatformAsync(police, "AMBER", null, $"pirate-{id}.test", $"watch.licensed-{id}.test");
        var refused = await DecideAsync(police, platform, "JP");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"watch.licensed-{id}.test is under licensed-{id}.test, which is on the allow-list: licensed streaming service",
            (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Domains(await ListAsync(police, "JP")), d => d.StartsWith("pirate-", StringComparison.Ordinal) && d.EndsWith(id + ".test", StringComparison.Ordinal));

        // A domain allowed after the decision leaves the list; taken off the allow-list, it comes back.
        var (later, _) = await PlatformAsync(police, "AMBER", null, $"later-{id}.test", $"cdn-{id}.test");
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(police, later, "JP")).StatusCode);
        Assert.Contains($"cdn-{id}.test", Domains(await ListAsync(police, "JP")));
        Assert.Equal(HttpStatusCode.Created, (await adminClient.PostAsync("/api/v1/allow-list", Json($$"""{"domain":"cdn-{{id}}.test","reason":"shared CDN"}"""), Ct)).StatusCode);
        Assert.DoesNotContain($"cdn-{id}.test", Domains(await ListAsync(police, "JP")));
        Assert.Contains($"later-{id}.test", Domains(await ListAsync(police, "JP")));
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Analyst.DeleteAsync($"/api/v1/allow-list/cdn-{id}.test", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync($"/api/v1/allow-list/cdn-{id}.test", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await adminClient.DeleteAsync($"/api/v1/allow-list/cdn-{id}.test", Ct)).StatusCode);
        Assert.Contains($"cdn-{id}.test", Domains(await ListAsync(police, "JP")));
    }

    [Fact]
    public async Task An_intermediary_gets_only_what_is_shared_with_it_successors_included_and_its_serial_moves_only_with_that()
    {
        fixture.Require();
        var id = Unique;
        var isp = await fixture.App.MemberAsync($"resolver-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Viewer);
        var ispClient = fixture.App.ClientWithToken(isp.Token);
        var ispOrg = isp.Member.OrganisationId;
        var police = await PoliceAsync();
        var jurisdiction = Random.Shared.GetItems(Countries.All.Except(["KR", "NZ"]).ToArray(), 1)[0];

        async Task<(uint Serial, EntityTagHeaderValue ETag, string Text)> IspFileAsync()
        {
            var response = await ispClient.GetAsync($"/api/v1/blocklists/{jurisdiction}.csv", Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (uint.Parse(response.Headers.GetValues("X-Isop-Serial").Single(), System.Globalization.CultureInfo.InvariantCulture), response.Headers.ETag!, await response.Content.ReadAsStringAsync(Ct));
        }

        // A decision the intermediary may not see changes nothing it receives.
        var empty = await IspFileAsync();
        var (hidden, _) = await PlatformAsync(police, "AMBER", null, $"hidden-{id}.test");
        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(police, hidden, jurisdiction)).StatusCode);
        Assert.Contains($"hidden-{id}.test", Domains(await ListAsync(police, jurisdiction)));
        var afterHidden = await IspFileAsync();
        Assert.Equal((empty.Serial, empty.ETag, empty.Text), (afterHidden.Serial, afterHidden.ETag, afterHidden.Text));
        Assert.Equal("CLEAR", (await ListAsync(ispClient, jurisdiction)).GetProperty("tlp").GetString());

        // A decision shared with it, on a platform shared with it: it gets the names, at the TLP of both.
        var (shared, _) = await PlatformAsync(police, "AMBER", ispOrg, $"shared-{id}.test");
        var sharedDecision = await DecideAsync(police, shared, jurisdiction, $$$""","sharedWith":{"organisations":["{{{ispOrg}}}"],"members":[]}""");
        Assert.Equal(HttpStatusCode.Created, sharedDecision.StatusCode);
        var decisionId = (await sharedDecision.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var withShared = await IspFileAsync();
        Assert.Contains($"\"shared-{id}.test\"", withShared.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-", withShared.Text, StringComparison.Ordinal);
        Assert.True(withShared.Serial > empty.Serial);
        Assert.Equal("AMBER", (await ListAsync(ispClient, jurisdiction)).GetProperty("tlp").GetString());

        // The platform hops to a successor monitoring found: the analyst's list follows at once; the intermediary's only
        // once the successor is shared with it too.
        var (successor, _) = await PlatformAsync(police, "AMBER", null, $"successor-{id}.test");
        await using (var db = fixture.App.SystemDb())
        {
            db.DomainSuccessions.Add(new DomainSuccession
            {
                PlatformId = shared, FromDomain = $"shared-{id}.test", ToDomain = $"successor-{id}.test", ToPlatformId = successor,
                Via = SuccessionVia.Redirect, At = DateTimeOffset.UtcNow, RunId = Guid.NewGuid(), Evidence = "[]",
            });
            await db.SaveChangesAsync(Ct);
        }
        var analystList = await ListAsync(police, jurisdiction);
        var row = analystList.GetProperty("names").EnumerateArray().Single(n => n.GetProperty("domain").GetString() == $"successor-{id}.test");
        Assert.StartsWith("Toonkor ", row.GetProperty("successorOf").GetString(), StringComparison.Ordinal);
        Assert.Equal((decisionId, successor), (row.GetProperty("decisionId").GetGuid(), row.GetProperty("platformId").GetGuid()));
        var notYet = await IspFileAsync();
        Assert.Equal((withShared.Serial, withShared.ETag), (notYet.Serial, notYet.ETag));
        Assert.DoesNotContain("successor-", notYet.Text, StringComparison.Ordinal);

        var share = await police.PutAsync($"/api/v1/platforms/{successor}", Json($$$"""{"sharedWith":{"organisations":["{{{ispOrg}}}"],"members":[]}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, share.StatusCode);
        var withSuccessor = await IspFileAsync();
        Assert.Contains($"\"successor-{id}.test\"", withSuccessor.Text, StringComparison.Ordinal);
        Assert.True(withSuccessor.Serial > withShared.Serial);
        // The intermediary may read but never decide.
        Assert.Equal(HttpStatusCode.Forbidden, (await DecideAsync(ispClient, shared, jurisdiction)).StatusCode);
    }
}

public sealed class SqliteDecisionApiTests(SqliteApp app) : DecisionApiTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDecisionApiTests(PostgresApp app) : DecisionApiTests(app), IClassFixture<PostgresApp>;
