using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Isop.Access;
using Isop.Sharing;
using Isop.Tests.Access;
using Isop.Tests.Infrastructure;

namespace Isop.Tests.Sharing;

public enum TaxiiOperation
{
    Read,
    Versions,
    List,
    Manifest,
    Filter,
    Write,
    Status,
    Feeds,
}

/// <summary>
/// The TLP matrix over the TAXII endpoints: objects of every level in the owner's collection, read by every relation
/// through every endpoint. STIX objects carry no explicit shares, so AMBER reaches the owner's members only, like
/// AMBER+STRICT and RED; GREEN every member; CLEAR every member too (TAXII asks everyone to authenticate).
/// </summary>
public abstract class TaxiiAccessMatrixTests(AccessWorld world, Provider provider, PostgresServer postgres)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<AccessWorld, Dictionary<Tlp, (string Id, string Status)>> Posted = [];

    public static TheoryData<Tlp, Relation, TaxiiOperation> Cases() => Matrix<TaxiiOperation>();

    /// <summary>Every level, relation and operation: the cases of a TAXII matrix.</summary>
    internal static TheoryData<Tlp, Relation, T> Matrix<T>() where T : struct, Enum
    {
        var data = new TheoryData<Tlp, Relation, T>();
        foreach (var tlp in Enum.GetValues<Tlp>())
        foreach (var relation in Enum.GetValues<Relation>())
        foreach (var operation in Enum.GetValues<T>())
            data.Add(tlp, relation, operation);
        return data;
    }

    private static bool Owner(Relation relation) => relation is Relation.OwnerAdmin or Relation.OwnerAnalyst or Relation.OwnerViewer;

    public static bool MaySee(Relation relation, Tlp tlp) => relation != Relation.Anonymous && (tlp is Tlp.Clear or Tlp.Green || Owner(relation));

    internal static HttpRequestMessage Request(HttpMethod method, string url, string? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept", TaxiiApi.MediaType);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiApi.MediaType);
        }
        return request;
    }

    private async Task<(string Id, string Status)> ObjectAsync(Tlp tlp)
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Posted.TryGetValue(world, out var byLevel)) Posted[world] = byLevel = [];
            if (byLevel.TryGetValue(tlp, out var known)) return known;
            var id = $"indicator--{Guid.NewGuid()}";
            var envelope = new JsonObject { ["objects"] = new JsonArray(SharingTests.Indicator(id, DateTimeOffset.UtcNow, tlp)) };
            var response = await world.Client(Relation.OwnerAnalyst).SendAsync(Request(HttpMethod.Post, Collection + "objects/", envelope.ToJsonString()), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("id").GetString()!;
            return byLevel[tlp] = (id, status);
        }
        finally
        {
            Gate.Release();
        }
    }

    private string Collection => $"/taxii2/api/collections/{world.OwnerOrganisation:D}/";

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_TAXII_endpoint_serves_an_object_exactly_to_whom_its_TLP_allows(Tlp tlp, Relation relation, TaxiiOperation operation)
    {
        if (provider == Provider.Postgres) postgres.RequireAvailable();
        await world.InitialiseAsync(provider, postgres);
        var ct = TestContext.Current.CancellationToken;
        var client = world.Client(relation);
        var (id, status) = await ObjectAsync(tlp);
        var visible = MaySee(relation, tlp);
        async Task<(HttpStatusCode Code, JsonElement Body)> Get(string url)
        {
            var response = await client.SendAsync(Request(HttpMethod.Get, url), ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
        }
        if (relation == Relation.Anonymous && operation != TaxiiOperation.Feeds)
        {
            var (code, _) = operation == TaxiiOperation.Write
                ? (await client.SendAsync(Request(HttpMethod.Post, Collection + "objects/", "{\"objects\":[]}"), ct) is var r ? r.StatusCode : default, default(JsonElement))
                : await Get(Collection + "objects/");
            Assert.Equal(HttpStatusCode.Unauthorized, code);
            return;
        }
        switch (operation)
        {
            case TaxiiOperation.Read:
            {
                var (code, body) = await Get(Collection + $"objects/{id}/");
                Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, code);
                if (visible) Assert.Equal(id, body.GetProperty("objects")[0].GetProperty("id").GetString());
                break;
            }
            case TaxiiOperation.Versions:
            {
                var (code, _) = await Get(Collection + $"objects/{id}/versions/");
                Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, code);
                break;
            }
            case TaxiiOperation.List:
            {
                var ids = new List<string>();
                string? next = null;
                do
                {
                    var (code, body) = await Get(Collection + "objects/?limit=500&match[version]=all" + (next is null ? "" : "&next=" + next));
                    Assert.Equal(HttpStatusCode.OK, code);
                    if (body.TryGetProperty("objects", out var objects)) ids.AddRange(objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()!));
                    next = body.GetProperty("more").GetBoolean() ? body.GetProperty("next").GetString() : null;
                }
                while (next is not null);
                Assert.Equal(visible, ids.Contains(id));
                break;
            }
            case TaxiiOperation.Manifest:
            {
                var (code, body) = await Get(Collection + "manifest/?limit=1000&match[type]=indicator");
                Assert.Equal(HttpStatusCode.OK, code);
                var ids = body.TryGetProperty("objects", out var objects) ? objects.EnumerateArray().Select(o => o.GetProperty("id").GetString()).ToList() : [];
                Assert.Equal(visible, ids.Contains(id));
                break;
            }
            case TaxiiOperation.Filter:
            {
                var (code, body) = await Get(Collection + $"objects/?match[id]={id}&match[version]=all");
                Assert.Equal(HttpStatusCode.OK, code);
                Assert.Equal(visible, body.TryGetProperty("objects", out _));
                break;
            }
            case TaxiiOperation.Write:
            {
                // A new version of the object: only the owner's analysts and admins may add it.
                var envelope = new JsonObject { ["objects"] = new JsonArray(SharingTests.Indicator(id, DateTimeOffset.UtcNow.AddSeconds(1), tlp, "changed " + relation)) };
                var response = await client.SendAsync(Request(HttpMethod.Post, Collection + "objects/", envelope.ToJsonString()), ct);
                var mayWrite = relation is Relation.OwnerAdmin or Relation.OwnerAnalyst;
                Assert.Equal(mayWrite ? HttpStatusCode.Accepted : HttpStatusCode.Forbidden, response.StatusCode);
                var versions = await world.Client(Relation.OwnerAnalyst).SendAsync(Request(HttpMethod.Get, Collection + $"objects/{id}/?match[version]=all"), ct);
                Assert.Equal(mayWrite, (await versions.Content.ReadAsStringAsync(ct)).Contains("changed " + relation, StringComparison.Ordinal));
                break;
            }
            case TaxiiOperation.Status:
            {
                // A status resource is the poster's organisation's own, whatever the level of what was posted.
                var (code, _) = await Get($"/taxii2/api/status/{status}/");
                Assert.Equal(Owner(relation) ? HttpStatusCode.OK : HttpStatusCode.NotFound, code);
                break;
            }
            case TaxiiOperation.Feeds:
            {
                // Feeds are their organisation's own: listed to its members only; another's is not found to pull.
                var feedName = $"Feed {tlp} {relation} {Guid.NewGuid():N}";
                var owner = world.Client(Relation.OwnerAnalyst);
                var added = await owner.PostAsync("/api/v1/feeds", new StringContent(
                    JsonSerializer.Serialize(new { name = feedName, url = "https://taxii.partner.test/api1/collections/91a7b528-80eb-42ed-a74d-c6fbd5a26116/", enabled = false }),
                    Encoding.UTF8, "application/json"), ct);
                Assert.Equal(HttpStatusCode.Created, added.StatusCode);
                var feedId = JsonDocument.Parse(await added.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("id").GetGuid();
                var list = await client.GetAsync("/api/v1/feeds", ct);
                if (relation == Relation.Anonymous)
                {
                    Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
                    break;
                }
                Assert.Equal(Owner(relation), (await list.Content.ReadAsStringAsync(ct)).Contains(feedName, StringComparison.Ordinal));
                if (!Owner(relation)) Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/feeds/{feedId}/pull", null, ct)).StatusCode);
                break;
            }
        }
    }
}

public sealed class SqliteTaxiiAccessMatrixTests(SqliteAccessWorld world, PostgresServer postgres)
    : TaxiiAccessMatrixTests(world.World, Provider.Sqlite, postgres), IClassFixture<SqliteAccessWorld>;

public sealed class PostgresTaxiiAccessMatrixTests(PostgresAccessWorld world, PostgresServer postgres)
    : TaxiiAccessMatrixTests(world.World, Provider.Postgres, postgres), IClassFixture<PostgresAccessWorld>;
