using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Tests.Access;
using Isop.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Isop.Tests.Sharing;

public enum GroupOperation
{
    Read,
    Versions,
    List,
    Manifest,
    Listing,
    Write,
}

/// <summary>
/// The TLP matrix over a sharing group's TAXII collection: the owner and its partner are members, the other bureau and
/// the secretariat are not. Members read CLEAR, GREEN and AMBER (shared with the members when posted); AMBER+STRICT and
/// RED stay the poster's; a non-member finds no such collection, whatever it asks.
/// </summary>
public abstract class SharingGroupMatrixTests(AccessWorld world, Provider provider, PostgresServer postgres)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<AccessWorld, Guid> Groups = [];
    private static readonly Dictionary<(AccessWorld, Tlp), string> Posted = [];

    public static TheoryData<Tlp, Relation, GroupOperation> Cases() => TaxiiAccessMatrixTests.Matrix<GroupOperation>();

    private static bool Owner(Relation relation) => relation is Relation.OwnerAdmin or Relation.OwnerAnalyst or Relation.OwnerViewer;

    private static bool Member(Relation relation) => Owner(relation) || relation is Relation.SharedOrganisationMember or Relation.NamedRedRecipient;

    public static bool MaySee(Relation relation, Tlp tlp) => Member(relation) && (tlp is Tlp.Clear or Tlp.Green or Tlp.Amber || Owner(relation));

    internal static HttpRequestMessage Request(HttpMethod method, string url, string? body = null) => TaxiiAccessMatrixTests.Request(method, url, body);

    private async Task<(Guid Group, string Id)> ArrangeAsync(Tlp tlp)
    {
        var ct = TestContext.Current.CancellationToken;
        await Gate.WaitAsync(ct);
        try
        {
            if (!Groups.TryGetValue(world, out var group))
            {
                var created = await world.Client(Relation.PlatformAdmin).PostAsJsonAsync("/api/v1/admin/sharing-groups/",
                    new { name = "Matrix group", organisations = new[] { world.OwnerOrganisation, world.PartnerOrganisation } }, ct);
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                Groups[world] = group = JsonDocument.Parse(await created.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetGuid();
            }
            if (Posted.TryGetValue((world, tlp), out var known)) return (group, known);
            var id = $"indicator--{Guid.NewGuid()}";
            var envelope = new JsonObject { ["objects"] = new JsonArray(SharingTests.Indicator(id, DateTimeOffset.UtcNow, tlp)) };
            var response = await world.Client(Relation.OwnerAnalyst).SendAsync(Request(HttpMethod.Post, $"/taxii2/api/collections/{group:D}/objects/", envelope.ToJsonString()), ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return (group, Posted[(world, tlp)] = id);
        }
        finally
        {
            Gate.Release();
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_sharing_groups_collection_serves_an_object_exactly_to_the_members_its_TLP_allows(Tlp tlp, Relation relation, GroupOperation operation)
    {
        if (provider == Provider.Postgres) postgres.RequireAvailable();
        await world.InitialiseAsync(provider, postgres);
        var ct = TestContext.Current.CancellationToken;
        var (group, id) = await ArrangeAsync(tlp);
        var collection = $"/taxii2/api/collections/{group:D}/";
        var client = world.Client(relation);
        async Task<(HttpStatusCode Code, JsonElement Body)> Get(string url)
        {
            var response = await client.SendAsync(Request(HttpMethod.Get, url), ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
        if (relation == Relation.Anonymous)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Get(collection + "objects/")).Code);
            return;
        }
        var member = Member(relation);
        var visible = MaySee(relation, tlp);
        switch (operation)
        {
            case GroupOperation.Read:
            {
                var (code, body) = await Get(collection + $"objects/{id}/");
                Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, code);
                if (visible) Assert.Equal(id, body.GetProperty("objects")[0].GetProperty("id").GetString());
                // A non-member learns nothing, not even that the collection exists: the same answer as for none at all.
                if (!member) Assert.Contains("no collection", body.GetProperty("description").GetString(), StringComparison.Ordinal);
                break;
            }
            case GroupOperation.Versions:
            {
                var (code, _) = await Get(collection + $"objects/{id}/versions/");
                Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, code);
                break;
            }
            case GroupOperation.List:
            {
                var (code, body) = await Get(collection + "objects/?limit=1000&match[version]=all");
                Assert.Equal(member ? HttpStatusCode.OK : HttpStatusCode.NotFound, code);
                var ids = member && body.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList() : [];
                Assert.Equal(visible, ids.Contains(id));
                break;
            }
            case GroupOperation.Manifest:
            {
                var (code, body) = await Get(collection + "manifest/?limit=1000");
                Assert.Equal(member ? HttpStatusCode.OK : HttpStatusCode.NotFound, code);
                var ids = member && body.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList() : [];
                Assert.Equal(visible, ids.Contains(id));
                break;
            }
            case GroupOperation.Listing:
            {
                var (code, body) = await Get("/taxii2/api/collections/");
                Assert.Equal(HttpStatusCode.OK, code);
                var listed = body.GetProperty("collections").EnumerateArray().FirstOrDefault(c => c.GetProperty("id").GetString() == group.ToString("D"));
                Assert.Equal(member, listed.ValueKind == JsonValueKind.Object);
                if (member) Assert.Equal(relation is Relation.OwnerAdmin or Relation.OwnerAnalyst or Relation.SharedOrganisationMember, listed.GetProperty("can_write").GetBoolean());
                var (one, _) = await Get(collection);
                Assert.Equal(member ? HttpStatusCode.OK : HttpStatusCode.NotFound, one);
                var groups = await client.GetAsync("/api/v1/sharing-groups", ct);
                Assert.Equal(member || relation == Relation.PlatformAdmin, (await groups.Content.ReadAsStringAsync(ct)).Contains(group.ToString("D"), StringComparison.Ordinal));
                break;
            }
            case GroupOperation.Write:
            {
                var newId = $"indicator--{Guid.NewGuid()}";
                var envelope = new JsonObject { ["objects"] = new JsonArray(SharingTests.Indicator(newId, DateTimeOffset.UtcNow, tlp, "posted by " + relation)) };
                var response = await client.SendAsync(Request(HttpMethod.Post, collection + "objects/", envelope.ToJsonString()), ct);
                var mayWrite = relation is Relation.OwnerAdmin or Relation.OwnerAnalyst or Relation.SharedOrganisationMember;
                Assert.Equal(mayWrite ? HttpStatusCode.Accepted : member ? HttpStatusCode.Forbidden : HttpStatusCode.NotFound, response.StatusCode);
                if (mayWrite)
                {
                    // What the partner posts at AMBER the owner's members read too; its AMBER+STRICT and RED stay its own.
                    var reader = relation == Relation.SharedOrganisationMember ? world.Client(Relation.OwnerViewer) : world.Client(Relation.NamedRedRecipient);
                    var read = await reader.SendAsync(Request(HttpMethod.Get, collection + $"objects/{newId}/"), ct);
                    Assert.Equal(tlp is Tlp.Clear or Tlp.Green or Tlp.Amber ? HttpStatusCode.OK : HttpStatusCode.NotFound, read.StatusCode);
                }
                break;
            }
        }
    }
}

public sealed class SqliteSharingGroupMatrixTests(SqliteAccessWorld world, PostgresServer postgres)
    : SharingGroupMatrixTests(world.World, Provider.Sqlite, postgres), IClassFixture<SqliteAccessWorld>;

public sealed class PostgresSharingGroupMatrixTests(PostgresAccessWorld world, PostgresServer postgres)
    : SharingGroupMatrixTests(world.World, Provider.Postgres, postgres), IClassFixture<PostgresAccessWorld>;

/// <summary>Sharing groups managed and changed: who may manage them, what joining and leaving does, and deletion.</summary>
public abstract class SharingGroupTests(AppFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Org(Guid Id, HttpClient Analyst);

    private async Task<Org> OrganisationAsync(string name)
    {
        var (member, token, _) = await fixture.App.MemberAsync($"analyst@{name.ToLowerInvariant().Replace(' ', '-')}.test", name, OrganisationKind.NationalCentralBureau, MemberRole.Analyst);
        return new Org(member.OrganisationId, fixture.App.ClientWithToken(token));
    }

    private async Task<HttpClient> PlatformAdminAsync(string suffix) =>
        fixture.App.ClientWithToken((await fixture.App.MemberAsync($"root{suffix}@secretariat.test", "Isop Secretariat", OrganisationKind.Secretariat, MemberRole.Admin)).Token);

    private static async Task<string> PostAsync(HttpClient client, Guid group, Tlp tlp)
    {
        var id = $"indicator--{Guid.NewGuid()}";
        var envelope = new JsonObject { ["objects"] = new JsonArray(SharingTests.Indicator(id, DateTimeOffset.UtcNow, tlp)) };
        var response = await client.SendAsync(SharingGroupMatrixTests.Request(HttpMethod.Post, $"/taxii2/api/collections/{group:D}/objects/", envelope.ToJsonString()), Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return id;
    }

    private static async Task<HttpStatusCode> ReadAsync(HttpClient client, Guid group, string id) =>
        (await client.SendAsync(SharingGroupMatrixTests.Request(HttpMethod.Get, $"/taxii2/api/collections/{group:D}/objects/{id}/"), Ct)).StatusCode;

    [Fact]
    public async Task AMBER_reaches_the_members_at_the_time_of_posting_and_a_member_that_leaves_loses_the_collection()
    {
        fixture.Require();
        var suffix = SharingTests.Suffix();
        var (a, b, c) = (await OrganisationAsync($"Bureau A {suffix}"), await OrganisationAsync($"Bureau B {suffix}"), await OrganisationAsync($"Bureau C {suffix}"));
        var admin = await PlatformAdminAsync(suffix);
        var created = await admin.PostAsJsonAsync("/api/v1/admin/sharing-groups/", new { name = $"Asia-Pacific {suffix}", description = "Regional bureaus", organisations = new[] { a.Id, b.Id } }, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var group = JsonDocument.Parse(await created.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.OK, (await a.Analyst.GetAsync($"/api/v1/sharing-groups/{group}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.Analyst.GetAsync($"/api/v1/sharing-groups/{group}", Ct)).StatusCode);
        Assert.Equal(created.Headers.Location?.ToString(), $"/api/v1/sharing-groups/{group}");

        var before = await PostAsync(a.Analyst, group, Tlp.Amber);
        var green = await PostAsync(a.Analyst, group, Tlp.Green);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(b.Analyst, group, before));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(c.Analyst, group, green));

        // B may not add a version of A's object (one it reads): its post is refused, A's stays the only one.
        var forged = new JsonObject { ["objects"] = new JsonArray(SharingTests.Indicator(green, DateTimeOffset.UtcNow.AddDays(1), Tlp.Green, "forged: benign")) };
        var refused = await b.Analyst.SendAsync(SharingGroupMatrixTests.Request(HttpMethod.Post, $"/taxii2/api/collections/{group:D}/objects/", forged.ToJsonString()), Ct);
        var status = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement;
        Assert.Equal(1, status.GetProperty("failure_count").GetInt32());
        Assert.Contains("another member's object", status.GetProperty("failures")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        var versions = await a.Analyst.SendAsync(SharingGroupMatrixTests.Request(HttpMethod.Get, $"/taxii2/api/collections/{group:D}/objects/{green}/versions/"), Ct);
        Assert.Single(JsonDocument.Parse(await versions.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("versions").EnumerateArray());

        // C joins: it reads GREEN and what is posted at AMBER from now on, not the AMBER shared before it joined.
        var joined = await admin.PutAsJsonAsync($"/api/v1/admin/sharing-groups/{group}", new { organisations = new[] { a.Id, b.Id, c.Id } }, Ct);
        Assert.Equal(HttpStatusCode.OK, joined.StatusCode);
        var after = await PostAsync(b.Analyst, group, Tlp.Amber);
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(c.Analyst, group, green));
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(c.Analyst, group, before));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(c.Analyst, group, after));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(a.Analyst, group, after));

        // B leaves: its collection is gone for it, even what it posted; what it posted stays for the others.
        var left = await admin.PutAsJsonAsync($"/api/v1/admin/sharing-groups/{group}", new { organisations = new[] { a.Id, c.Id } }, Ct);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(b.Analyst, group, after));
        Assert.Equal(HttpStatusCode.OK, await ReadAsync(a.Analyst, group, after));
        Assert.DoesNotContain(group.ToString("D"), await b.Analyst.GetStringAsync("/api/v1/sharing-groups", Ct), StringComparison.Ordinal);

        // A group's objects are its own: the members' organisation collections do not hold them.
        var own = await a.Analyst.SendAsync(SharingGroupMatrixTests.Request(HttpMethod.Get, $"/taxii2/api/collections/{a.Id:D}/objects/{before}/"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);

        // Deleted: the collection, its objects and their shares are gone.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/sharing-groups/{group}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, await ReadAsync(a.Analyst, group, before));
        await using var db = fixture.App.SystemDb();
        Assert.False(await db.StixObjects.AnyAsync(o => o.CollectionId == group, Ct));
        var ids = new[] { before, after, green };
        Assert.False(await db.Shares.AnyAsync(s => s.RecordKind == "stix-object" && s.OrganisationId == c.Id, Ct));
        Assert.False(await db.StixImports.AnyAsync(i => i.CollectionId == group, Ct));
        Assert.False(await db.StixObjects.AnyAsync(o => ids.Contains(o.StixId), Ct));
    }

    [Fact]
    public async Task Only_platform_admins_manage_groups_and_bad_input_names_the_field()
    {
        fixture.Require();
        var suffix = SharingTests.Suffix();
        var a = await OrganisationAsync($"Bureau D {suffix}");
        var orgAdmin = fixture.App.ClientWithToken((await fixture.App.MemberAsync($"admin{suffix}@d.test", $"Bureau D {suffix}", OrganisationKind.NationalCentralBureau, MemberRole.Admin)).Token);
        var body = new { name = $"Alliance {suffix}", organisations = new[] { a.Id } };
        Assert.Equal(HttpStatusCode.Forbidden, (await orgAdmin.PostAsJsonAsync("/api/v1/admin/sharing-groups/", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await a.Analyst.PostAsJsonAsync("/api/v1/admin/sharing-groups/", body, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.Anonymous.PostAsJsonAsync("/api/v1/admin/sharing-groups/", body, Ct)).StatusCode);

        var admin = await PlatformAdminAsync(suffix);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/admin/sharing-groups/", body, Ct)).StatusCode);
        async Task<JsonElement> Refused(object input)
        {
            var response = await admin.PostAsJsonAsync("/api/v1/admin/sharing-groups/", input, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").Clone();
        }
        Assert.Contains("exists", (await Refused(body)).GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        var unknown = Guid.NewGuid();
        Assert.Contains(unknown.ToString(), (await Refused(new { name = $"Other {suffix}", organisations = new[] { unknown } })).GetProperty("organisations")[0].GetString(), StringComparison.Ordinal);
        Assert.True((await Refused(new { name = $"Empty {suffix}", organisations = Array.Empty<Guid>() })).TryGetProperty("organisations", out _));
        Assert.True((await Refused(new { name = "", organisations = new[] { a.Id } })).TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsJsonAsync($"/api/v1/admin/sharing-groups/{Guid.NewGuid()}", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/admin/sharing-groups/{Guid.NewGuid()}", Ct)).StatusCode);
    }
}

public sealed class SqliteSharingGroupTests(SqliteApp app) : SharingGroupTests(app), IClassFixture<SqliteApp>;

public sealed class PostgresSharingGroupTests(PostgresApp app) : SharingGroupTests(app), IClassFixture<PostgresApp>;
