using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Cases;

/// <summary>
/// Cases under TLP on both databases: every level against every relation (the lead's colleague, a participating
/// organisation, a member named on the case, anyone else), links no wider than what they name, participants' notes,
/// the workflow, and the hand-over of the lead.
/// </summary>
public abstract class CaseAccessTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    private sealed record World(
        (Member Member, string Token, string Password) Lead, (Member Member, string Token, string Password) Colleague,
        (Member Member, string Token, string Password) Partner, (Member Member, string Token, string Password) Named,
        (Member Member, string Token, string Password) Stranger);

    private async Task<World> WorldAsync(string id, MemberRole partnerRole = MemberRole.Viewer) => new(
        await fixture.App.MemberAsync($"lead-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Analyst),
        await fixture.App.MemberAsync($"colleague-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Viewer),
        await fixture.App.MemberAsync($"partner-{id}@ncb.test", $"NCB {id}", OrganisationKind.NationalCentralBureau, partnerRole),
        await fixture.App.MemberAsync($"named-{id}@studio.test", $"Studio {id}", OrganisationKind.RightsHolder, MemberRole.Analyst),
        await fixture.App.MemberAsync($"other-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Analyst));

    private async Task<Guid> CaseAsync(HttpClient client, string body)
    {
        var created = await client.PostAsync("/api/v1/cases", Json(body), Ct);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    private async Task<Guid> PlatformAsync(HttpClient client, string id, string tlp)
    {
        var platform = await client.PostAsync("/api/v1/platforms", Json($$"""{"name":"P {{id}} {{tlp}}","kind":"torrent-index","domains":["p-{{id}}-{{tlp.Replace("+", "").ToLowerInvariant()}}.test"],"tlp":"{{tlp}}"}"""), Ct);
        Assert.True(platform.StatusCode == HttpStatusCode.Created, await platform.Content.ReadAsStringAsync(Ct));
        return (await platform.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("CLEAR", true, true, true, true)]
    [InlineData("GREEN", true, true, true, true)]
    [InlineData("AMBER", true, true, true, false)]
    [InlineData("AMBER+STRICT", true, false, false, false)]
    [InlineData("RED", true, false, true, false)]
    public async Task A_case_is_read_by_exactly_whom_its_TLP_allows_named_members_included(string tlp, bool colleague, bool partner, bool named, bool anyone)
    {
        fixture.Require();
        var id = Unique;
        var w = await WorldAsync(id);
        var lead = fixture.App.ClientWithToken(w.Lead.Token);
        var caseId = await CaseAsync(lead, $$"""{"title":"Case {{id}}","tlp":"{{tlp}}","sharedWith":{"organisations":["{{w.Partner.Member.OrganisationId}}"],"members":["{{w.Named.Member.Id}}"]} }""");
        foreach (var (who, token, expected) in new[] { ("lead", w.Lead.Token, true), ("colleague", w.Colleague.Token, colleague), ("participant", w.Partner.Token, partner), ("named member", w.Named.Token, named), ("anyone", w.Stranger.Token, anyone) })
        {
            var reader = fixture.App.ClientWithToken(token);
            Assert.True((await reader.GetAsync($"/api/v1/cases/{caseId}", Ct)).StatusCode == (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{tlp}, {who}: case");
            Assert.True((await reader.GetAsync($"/api/v1/cases/{caseId}/timeline", Ct)).StatusCode == (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{tlp}, {who}: timeline");
            var list = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={id}", Ct);
            Assert.True(list.GetProperty("total").GetInt32() == (expected ? 1 : 0), $"{tlp}, {who}: list count");
            // Who may not read the case cannot write to it either, and is not told it exists.
            if (!expected)
                Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsync($"/api/v1/cases/{caseId}/notes", Json("""{"text":"hello"}"""), Ct)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync($"/api/v1/cases/{caseId}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_link_is_seen_no_wider_than_the_platform_it_names_in_the_case_its_counts_and_its_timeline()
    {
        fixture.Require();
        var id = Unique;
        var w = await WorldAsync(id);
        var lead = fixture.App.ClientWithToken(w.Lead.Token);
        var open = await PlatformAsync(lead, id, "GREEN");
        var strict = await PlatformAsync(lead, id, "AMBER+STRICT");
        var caseId = await CaseAsync(lead, $$"""{"title":"Links {{id}}","tlp":"AMBER","sharedWith":{"organisations":["{{w.Partner.Member.OrganisationId}}"]} }""");
        foreach (var p in new[] { open, strict })
            Assert.Equal(HttpStatusCode.Created, (await lead.PostAsync($"/api/v1/cases/{caseId}/links", Json($$"""{"kind":"platform","id":"{{p}}"}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsync($"/api/v1/cases/{caseId}/links", Json("""{"kind":"identifier","value":"wallet-bitcoin:bc1qexample"}"""), Ct)).StatusCode);

        var asLead = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal(3, asLead.GetProperty("links").GetArrayLength());
        var partner = fixture.App.ClientWithToken(w.Partner.Token);
        var asPartner = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        var links = asPartner.GetProperty("links").EnumerateArray().ToList();
        Assert.Equal(2, links.Count);
        Assert.DoesNotContain(links, l => l.GetProperty("targetId").ValueKind == JsonValueKind.String && l.GetProperty("targetId").GetGuid() == strict);
        var summary = (await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases?q={id}", Ct)).GetProperty("items")[0];
        Assert.Equal(2, summary.GetProperty("links").GetInt32());
        var timeline = (await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/timeline", Ct)).EnumerateArray().ToList();
        Assert.DoesNotContain(timeline, e => e.GetProperty("entityId").GetString() == strict.ToString());
        Assert.Equal(2, timeline.Count(e => e.GetProperty("entity").GetString() == "CaseLink"));
        var leadTimeline = (await lead.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/timeline", Ct)).EnumerateArray().ToList();
        Assert.Equal(3, leadTimeline.Count(e => e.GetProperty("entity").GetString() == "CaseLink"));
        Assert.Contains(leadTimeline, e => e.GetProperty("entity").GetString() == "platform" && e.GetProperty("entityId").GetString() == strict.ToString());

        // A link to what the caller may not see is refused as not found, never as forbidden.
        var other = fixture.App.ClientWithToken(w.Stranger.Token);
        var theirs = await CaseAsync(other, $$"""{"title":"Theirs {{id}}"}""");
        var refused = await other.PostAsync($"/api/v1/cases/{theirs}/links", Json($$"""{"kind":"platform","id":"{{strict}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("that you may see", await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Participants_add_notes_and_mention_readers_but_only_the_lead_moves_the_case_on()
    {
        fixture.Require();
        var id = Unique;
        var w = await WorldAsync(id, MemberRole.Analyst);
        var lead = fixture.App.ClientWithToken(w.Lead.Token);
        var caseId = await CaseAsync(lead, $$"""{"title":"Notes {{id}}","tlp":"AMBER","sharedWith":{"organisations":["{{w.Partner.Member.OrganisationId}}"]} }""");
        var partner = fixture.App.ClientWithToken(w.Partner.Token);

        var note = await partner.PostAsync($"/api/v1/cases/{caseId}/notes", Json($$"""{"text":"Seen the same wallet, @lead-{{id}}; the uploader calls himself @evo_admin"}"""), Ct);
        Assert.True(note.StatusCode == HttpStatusCode.Created, await note.Content.ReadAsStringAsync(Ct));
        var notes = (await note.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("notes");
        Assert.Equal(w.Lead.Member.Id, notes[0].GetProperty("mentions")[0].GetProperty("id").GetGuid());
        var denied = await partner.PostAsync($"/api/v1/cases/{caseId}/notes", Json($$"""{"text":"cc @other-{{id}}@isp.test"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, denied.StatusCode);
        Assert.Contains("no member who may read this case", await denied.Content.ReadAsStringAsync(Ct));

        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsync($"/api/v1/cases/{caseId}/status", Json("""{"status":"investigating"}"""), Ct)).StatusCode);
        var skip = await lead.PostAsync($"/api/v1/cases/{caseId}/status", Json("""{"status":"action"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.Contains("goes to investigating or closed, not to action", await skip.Content.ReadAsStringAsync(Ct));
        var moved = await lead.PostAsync($"/api/v1/cases/{caseId}/status", Json("""{"status":"investigating"}"""), Ct);
        var view = await moved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("investigating", view.GetProperty("status").GetString());
        Assert.Equal($"lead-{id}@police.test", view.GetProperty("statusChangedBy").GetString());

        // A task for the participant: they may mark it done; a task of someone else, not.
        var task = await lead.PostAsync($"/api/v1/cases/{caseId}/tasks", Json($$"""{"title":"Ask the registrar","assignee":"{{w.Partner.Member.Id}}","due":"2027-01-15"}"""), Ct);
        Assert.True(task.StatusCode == HttpStatusCode.Created, await task.Content.ReadAsStringAsync(Ct));
        var taskId = (await task.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var other = await lead.PostAsync($"/api/v1/cases/{caseId}/tasks", Json("""{"title":"Lead's own"}"""), Ct);
        var otherId = (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var done = await partner.PostAsync($"/api/v1/cases/{caseId}/tasks/{taskId}/done", Json("""{"done":true}"""), Ct);
        Assert.True((await done.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("done").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await partner.PostAsync($"/api/v1/cases/{caseId}/tasks/{otherId}/done", Json("""{"done":true}"""), Ct)).StatusCode);
        var stranger = await lead.PostAsync($"/api/v1/cases/{caseId}/tasks", Json($$"""{"title":"x","assignee":"{{w.Stranger.Member.Id}}"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);

        var badDue = await lead.PostAsync($"/api/v1/cases/{caseId}/tasks", Json("""{"title":"x","due":"15/01/2027"}"""), Ct);
        Assert.Contains("expected a date as YYYY-MM-DD", await badDue.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("AMBER", true)]
    [InlineData("AMBER+STRICT", false)]
    public async Task Handing_over_the_lead_moves_the_right_to_change_and_keeps_the_former_lead_as_a_participant(string tlp, bool formerReads)
    {
        fixture.Require();
        var id = Unique;
        var w = await WorldAsync(id, MemberRole.Analyst);
        var lead = fixture.App.ClientWithToken(w.Lead.Token);
        var caseId = await CaseAsync(lead, $$"""{"title":"Handover {{id}}","tlp":"{{tlp}}","sharedWith":{"organisations":["{{w.Partner.Member.OrganisationId}}"],"members":["{{w.Named.Member.Id}}"]} }""");
        var partner = fixture.App.ClientWithToken(w.Partner.Token);
        // A participant may not hand the case over (one who may not even read it is not told it exists).
        Assert.Equal(formerReads ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, (await partner.PostAsync($"/api/v1/cases/{caseId}/transfer", Json($$"""{"organisation":"{{w.Partner.Member.OrganisationId}}"}"""), Ct)).StatusCode);

        var moved = await lead.PostAsync($"/api/v1/cases/{caseId}/transfer", Json($$"""{"organisation":"{{w.Partner.Member.OrganisationId}}"}"""), Ct);
        Assert.Equal(formerReads ? HttpStatusCode.OK : HttpStatusCode.NotFound, moved.StatusCode);
        var asNewLead = await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal(w.Partner.Member.OrganisationId, asNewLead.GetProperty("ownerOrganisationId").GetGuid());
        Assert.True(asNewLead.GetProperty("canEdit").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await partner.PutAsync($"/api/v1/cases/{caseId}", Json("""{"summary":"Led by the NCB now"}"""), Ct)).StatusCode);
        // The new lead manages the shares it inherited.
        Assert.Equal(HttpStatusCode.OK, (await partner.PutAsync($"/api/v1/cases/{caseId}", Json("""{"sharedWith":{"organisations":[],"members":[]}}"""), Ct)).StatusCode);

        var former = await lead.GetAsync($"/api/v1/cases/{caseId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, former.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.ClientWithToken(w.Named.Token).GetAsync($"/api/v1/cases/{caseId}", Ct)).StatusCode);
        var timeline = (await partner.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}/timeline", Ct)).EnumerateArray().ToList();
        Assert.Contains(timeline, e => e.GetProperty("entity").GetString() == "case" && e.GetProperty("fields").EnumerateArray().Any(f => f.GetString() == "OwnerOrganisationId"));
    }

    [Fact]
    public async Task A_former_lead_keeps_reading_an_AMBER_case_after_the_hand_over_but_changes_nothing()
    {
        fixture.Require();
        var id = Unique;
        var w = await WorldAsync(id, MemberRole.Analyst);
        var lead = fixture.App.ClientWithToken(w.Lead.Token);
        var caseId = await CaseAsync(lead, $$"""{"title":"Former {{id}}","tlp":"AMBER"}""");
        Assert.Equal(HttpStatusCode.OK, (await lead.PostAsync($"/api/v1/cases/{caseId}/transfer", Json($$"""{"organisation":"{{w.Partner.Member.OrganisationId}}"}"""), Ct)).StatusCode);
        var view = await lead.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{caseId}", Ct);
        Assert.False(view.GetProperty("canEdit").GetBoolean());
        Assert.Contains(view.GetProperty("participants").EnumerateArray(), p => p.GetProperty("id").GetGuid() == w.Lead.Member.OrganisationId);
        Assert.Equal(HttpStatusCode.Forbidden, (await lead.PutAsync($"/api/v1/cases/{caseId}", Json("""{"title":"mine again"}"""), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await lead.PostAsync($"/api/v1/cases/{caseId}/notes", Json("""{"text":"Handed over after the search."}"""), Ct)).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_named_by_field()
    {
        fixture.Require();
        var lead = fixture.App.ClientWithToken((await WorldAsync(Unique)).Lead.Token);
        var bad = await lead.PostAsync("/api/v1/cases", Json("""{"title":"","tlp":"PURPLE","colour":1}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("tlp", out _));
        Assert.True(errors.TryGetProperty("colour", out _));
        var caseId = await CaseAsync(lead, """{"title":"Fine"}""");
        var link = await lead.PostAsync($"/api/v1/cases/{caseId}/links", Json("""{"kind":"identifier","value":"not an identifier"}"""), Ct);
        Assert.Contains("without spaces", await link.Content.ReadAsStringAsync(Ct));
        var hash = await lead.PostAsync($"/api/v1/cases/{caseId}/links", Json("""{"kind":"identifier","value":"C12FE1C06BBA254A9DC9F519B335AA7C1367A88A"}"""), Ct);
        Assert.Equal("infohash:c12fe1c06bba254a9dc9f519b335aa7c1367a88a", (await hash.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("value").GetString());
        var nul = await lead.PostAsync("/api/v1/cases", Json("""{"title":"a\u0000b"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
    }
}

public sealed class SqliteCaseAccessTests(SqliteApp fixture) : CaseAccessTests(fixture), IClassFixture<SqliteApp>;

public sealed class PostgresCaseAccessTests(PostgresApp fixture) : CaseAccessTests(fixture), IClassFixture<PostgresApp>;

public sealed class CaseCommandTests(PostgresServer postgres) : CommandLineTest(postgres)
{
    [Fact]
    public async Task Case_create_prints_the_case_as_JSON_with_its_platforms_and_refuses_an_unknown_platform_without_writing()
    {
        Assert.Equal(0, (await RunAsync("admin", "create", "--email", "lead@ncb.test", "--org", "NCB Seoul")).Code);
        Assert.Equal(0, (await RunAsync("platform", "add", "Evo", "--domain", "evo.test")).Code);
        var (code, stdout, stderr) = await RunAsync("case", "create", "EVO release group", "--platform", "evo.test", "--org", "NCB Seoul", "--json");
        Assert.True(code == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.True(Guid.TryParse(json.GetProperty("id").GetString(), out _));
        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal("Evo", json.GetProperty("platforms")[0].GetProperty("name").GetString());

        var refused = await RunAsync("case", "create", "Nothing", "--platform", "missing.test", "--json");
        Assert.Equal(1, refused.Code);
        Assert.Contains("no platform named", refused.Stderr + refused.Stdout);
        var list = await RunAsync("case", "list", "--json");
        Assert.Single(list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
