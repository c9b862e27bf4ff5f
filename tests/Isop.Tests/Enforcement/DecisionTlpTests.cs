using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Isop.Access;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Enforcement;

/// <summary>
/// A decision at every TLP level, seen (or not) by every relation — its own organisation, an organisation it is shared
/// with, a member it is shared with by name, any other member — through the decision itself and through the blocklist;
/// and a decision no more visible than its platform.
/// </summary>
public abstract class DecisionTlpTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Unique => Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData("CLEAR", true, true, true, true)]
    [InlineData("GREEN", true, true, true, true)]
    [InlineData("AMBER", true, true, false, false)]
    [InlineData("AMBER+STRICT", true, false, false, false)]
    [InlineData("RED", true, false, true, false)]
    public async Task A_decision_is_seen_by_exactly_whom_its_TLP_allows_and_so_are_its_names(string tlp, bool colleague, bool sharedOrganisation, bool namedMember, bool anyMember)
    {
        fixture.Require();
        var id = Unique;
        var owner = await fixture.App.MemberAsync($"analyst-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var peer = await fixture.App.MemberAsync($"viewer-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Viewer);
        var partner = await fixture.App.MemberAsync($"resolver-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Viewer);
        var named = await fixture.App.MemberAsync($"named-{id}@isp2.test", $"ISP2 {id}", OrganisationKind.Intermediary, MemberRole.Viewer);
        var stranger = await fixture.App.MemberAsync($"other-{id}@isp3.test", $"ISP3 {id}", OrganisationKind.Intermediary, MemberRole.Viewer);
        var client = fixture.App.ClientWithToken(owner.Token);
        var domain = $"blocked-{id}.test";
        var platform = await client.PostAsync("/api/v1/platforms", Json($$"""{"name":"P {{id}}","kind":"streaming-site","domains":["{{domain}}"],"tlp":"CLEAR"}"""), Ct);
        var platformId = (await platform.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var shares = tlp switch
        {
            "AMBER" => $$""","sharedWith":{"organisations":["{{partner.Member.OrganisationId}}"],"members":[]}""",
            "RED" => $$""","sharedWith":{"organisations":[],"members":["{{named.Member.Id}}"]}""",
            _ => "",
        };
        var decided = await client.PostAsync("/api/v1/decisions",
            Json($$"""{"platformId":"{{platformId}}","jurisdiction":"NZ","basis":"order","decidedBy":"court","tlp":"{{tlp}}"{{shares}}}"""), Ct);
        Assert.True(decided.StatusCode == HttpStatusCode.Created, await decided.Content.ReadAsStringAsync(Ct));
        var decision = (await decided.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        foreach (var (who, token, expected) in new[] { ("owner", owner.Token, true), ("colleague", peer.Token, colleague), ("shared organisation", partner.Token, sharedOrganisation), ("named member", named.Token, namedMember), ("other member", stranger.Token, anyMember) })
        {
            var reader = fixture.App.ClientWithToken(token);
            var single = await reader.GetAsync($"/api/v1/decisions/{decision}", Ct);
            Assert.True((single.StatusCode == HttpStatusCode.OK) == expected, $"{tlp}, {who}: decision {single.StatusCode}");
            var list = await reader.GetFromJsonAsync<JsonElement>("/api/v1/blocklists/NZ", Ct);
            var names = list.GetProperty("names").EnumerateArray().Select(n => n.GetProperty("domain").GetString()).ToList();
            Assert.True(names.Contains(domain) == expected, $"{tlp}, {who}: blocklist");
            var listed = await reader.GetFromJsonAsync<JsonElement>("/api/v1/decisions?jurisdiction=NZ", Ct);
            Assert.True(listed.GetProperty("items").EnumerateArray().Any(d => d.GetProperty("id").GetGuid() == decision) == expected, $"{tlp}, {who}: decision list");
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.GetAsync("/api/v1/blocklists/NZ", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_decision_shared_wider_than_its_platform_is_seen_no_wider_than_the_platform()
    {
        fixture.Require();
        var id = Unique;
        var owner = await fixture.App.MemberAsync($"analyst-{id}@police.test", $"Police {id}", OrganisationKind.LawEnforcement, MemberRole.Analyst);
        var stranger = await fixture.App.MemberAsync($"other-{id}@isp.test", $"ISP {id}", OrganisationKind.Intermediary, MemberRole.Viewer);
        var client = fixture.App.ClientWithToken(owner.Token);
        var platform = await client.PostAsync("/api/v1/platforms", Json($$"""{"name":"P {{id}}","kind":"streaming-site","domains":["amber-{{id}}.test"],"tlp":"AMBER"}"""), Ct);
        var platformId = (await platform.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        // Given below its platform's TLP it is refused; at the platform's TLP, the platform rules who sees it.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/v1/decisions", Json($$"""{"platformId":"{{platformId}}","jurisdiction":"NZ","basis":"b","decidedBy":"c","tlp":"GREEN"}"""), Ct)).StatusCode);
        var decided = await client.PostAsync("/api/v1/decisions", Json($$"""{"platformId":"{{platformId}}","jurisdiction":"NZ","basis":"b","decidedBy":"c"}"""), Ct);
        var decision = (await decided.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var reader = fixture.App.ClientWithToken(stranger.Token);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/decisions/{decision}", Ct)).StatusCode);
        // A GREEN decision on an AMBER platform (written around the write path) is still hidden with its platform, and so are its names.
        await using (var db = fixture.App.SystemDb())
        {
            var d = db.BlockingDecisions.Single(x => x.Id == decision);
            d.Tlp = Tlp.Green;
            await db.SaveChangesAsync(Ct);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/api/v1/decisions/{decision}", Ct)).StatusCode);
        Assert.DoesNotContain((await reader.GetFromJsonAsync<JsonElement>("/api/v1/blocklists/NZ", Ct)).GetProperty("names").EnumerateArray(),
            n => n.GetProperty("domain").GetString() == $"amber-{id}.test");

        // The platform deleted by its owner: the decision is kept on record (nothing cascades), hidden with its platform.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/platforms/{platformId}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/decisions/{decision}", Ct)).StatusCode);
        await using (var db = fixture.App.SystemDb())
            Assert.True(db.BlockingDecisions.IgnoreQueryFilters().Any(d => d.Id == decision));
    }
}

public sealed class SqliteDecisionTlpTests(SqliteApp app) : DecisionTlpTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresDecisionTlpTests(PostgresApp app) : DecisionTlpTests(app), IClassFixture<PostgresApp>;
